//! TOTP second factor (4S-SSO). The seed is a secret: it leaves the service once, in
//! the enrolment answer, and is never logged (it only travels as `admin_api::Secret`).

use crate::error::{ApiError, ApiResult};
use admin_api::{ProblemCode, Secret};
use chrono::{DateTime, Utc};
use rand::RngCore;
use sqlx::SqlitePool;
use totp_rs::{Builder, Totp};

const ISSUER: &str = "Admin Console";

fn totp(seed: &Secret, username: &str) -> ApiResult<Totp> {
    let secret = totp_rs::Secret::try_from_base32(seed.expose())
        .map_err(|_| ApiError::Internal("stored TOTP seed is unreadable".into()))?;
    // otpauth labels cannot carry ':'; the username is only a label here.
    Builder::new()
        .with_secret(secret)
        .with_account_name(username.replace(':', "_"))
        .with_issuer(Some(ISSUER))
        .build()
        .map_err(|e| ApiError::Internal(format!("TOTP setup failed: {e}")))
}

/// A fresh 160-bit seed (RFC 4226 recommends 160) and its otpauth URL.
pub fn new_seed(username: &str) -> ApiResult<(Secret, Secret)> {
    let mut bytes = [0u8; 20];
    rand::rngs::OsRng.fill_bytes(&mut bytes);
    let seed = Secret::new(totp_rs::Secret::from(bytes).to_base32());
    let url = totp(&seed, username)?
        .to_url()
        .map_err(|e| ApiError::Internal(format!("TOTP URL failed: {e}")))?;
    Ok((seed, Secret::new(url)))
}

struct Stored {
    seed: Option<String>,
    enrolled: bool,
}

async fn stored(db: &SqlitePool, user_id: i64) -> ApiResult<Stored> {
    let (seed, enrolled_at): (Option<String>, Option<String>) =
        sqlx::query_as("SELECT totp_secret, totp_enrolled_at FROM users WHERE id = ?")
            .bind(user_id)
            .fetch_one(db)
            .await?;
    Ok(Stored {
        seed,
        enrolled: enrolled_at.is_some(),
    })
}

pub async fn is_enrolled(db: &SqlitePool, user_id: i64) -> ApiResult<bool> {
    Ok(stored(db, user_id).await?.enrolled)
}

pub async fn store_seed(db: &SqlitePool, user_id: i64, seed: &Secret) -> ApiResult<()> {
    sqlx::query("UPDATE users SET totp_secret = ?, totp_enrolled_at = NULL WHERE id = ?")
        .bind(seed.expose())
        .bind(user_id)
        .execute(db)
        .await?;
    Ok(())
}

/// What the second factor says about a sign-in whose password was right.
pub enum Verdict {
    Pass,
    /// The code was wrong: counted like a wrong password.
    WrongCode,
    Refuse(ApiError),
}

/// Checks the code at sign-in. The first right code after enrolment completes it.
pub async fn check_sign_in(
    db: &SqlitePool,
    user_id: i64,
    username: &str,
    code: Option<&Secret>,
    now: DateTime<Utc>,
) -> ApiResult<Verdict> {
    let stored = stored(db, user_id).await?;
    let Some(seed) = stored.seed.map(Secret::new) else {
        return Ok(Verdict::Refuse(ApiError::SignInPolicy(
            ProblemCode::TwoFactorEnrolmentRequired,
            "this account requires two-factor sign-in: enrol an authenticator first",
        )));
    };
    let Some(code) = code else {
        return Ok(Verdict::Refuse(ApiError::SignInPolicy(
            ProblemCode::TwoFactorRequired,
            "this account requires the code from your authenticator",
        )));
    };
    if totp(&seed, username)?
        .check(code.expose(), now.timestamp() as u64)
        .is_none()
    {
        return Ok(Verdict::WrongCode);
    }
    if !stored.enrolled {
        sqlx::query("UPDATE users SET totp_enrolled_at = ? WHERE id = ?")
            .bind(now)
            .bind(user_id)
            .execute(db)
            .await?;
    }
    Ok(Verdict::Pass)
}
