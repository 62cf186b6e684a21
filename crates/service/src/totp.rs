//! TOTP second factor (4S-SSO). The seed is a secret: it leaves the service once, in
//! the enrolment answer, and is never logged (it only travels as `admin_api::Secret`).
//! At rest it is sealed with the service's key (`seed_key`), and a code is accepted once:
//! the step of the last accepted code is kept, and only later steps pass.

use crate::db;
use crate::db::Db;
use crate::error::{ApiError, ApiResult};
use crate::seed_key::SeedKey;
use admin_api::{ProblemCode, Secret, TotpEnrolment};
use chrono::{DateTime, Utc};
use rand::RngCore;
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

async fn stored(db: &Db, key: &SeedKey, user_id: i64) -> ApiResult<Stored> {
    let (seed, enrolled_at): (Option<String>, Option<DateTime<Utc>>) =
        db::query_as("SELECT totp_secret, totp_enrolled_at FROM users WHERE id = ?")
            .bind(user_id)
            .fetch_one(db)
            .await?;
    Ok(Stored {
        seed: seed.map(|s| key.open(user_id, &s)).transpose()?,
        enrolled: enrolled_at.is_some(),
    })
}

pub async fn is_enrolled(db: &Db, user_id: i64) -> ApiResult<bool> {
    let enrolled: Option<DateTime<Utc>> =
        db::query_scalar("SELECT totp_enrolled_at FROM users WHERE id = ?")
            .bind(user_id)
            .fetch_one(db)
            .await?;
    Ok(enrolled.is_some())
}

pub async fn store_seed(db: &Db, key: &SeedKey, user_id: i64, seed: &Secret) -> ApiResult<()> {
    db::query(
        "UPDATE users SET totp_secret = ?, totp_enrolled_at = NULL, totp_last_step = NULL \
         WHERE id = ?",
    )
    .bind(key.seal(user_id, seed.expose())?)
    .bind(user_id)
    .execute(db)
    .await?;
    Ok(())
}

/// Starts an enrolment for a user already proven (by password or by a provider's token):
/// a new seed, stored sealed, answered once. An enrolled user is refused: the proof that
/// starts an enrolment is no way to replace an authenticator.
pub async fn enrol(
    db: &Db,
    key: &SeedKey,
    user_id: i64,
    username: &str,
) -> ApiResult<TotpEnrolment> {
    if is_enrolled(db, user_id).await? {
        return Err(ApiError::Conflict(
            "an authenticator is already enrolled".into(),
        ));
    }
    let (secret, otpauth_url) = new_seed(username)?;
    store_seed(db, key, user_id, &secret).await?;
    Ok(TotpEnrolment {
        secret,
        otpauth_url,
    })
}

/// Seals the seeds stored in the clear before seeds were sealed; run at start.
pub async fn seal_plain_seeds(db: &Db, key: &SeedKey) -> ApiResult<u64> {
    let rows: Vec<(i64, String)> =
        db::query_as("SELECT id, totp_secret FROM users WHERE totp_secret IS NOT NULL")
            .fetch_all(db)
            .await?;
    let mut sealed = 0;
    for (id, seed) in rows {
        if SeedKey::is_sealed(&seed) {
            continue;
        }
        db::query("UPDATE users SET totp_secret = ? WHERE id = ? AND totp_secret = ?")
            .bind(key.seal(id, &seed)?)
            .bind(id)
            .bind(&seed)
            .execute(db)
            .await?;
        sealed += 1;
    }
    Ok(sealed)
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
    db: &Db,
    key: &SeedKey,
    user_id: i64,
    username: &str,
    code: Option<&Secret>,
    now: DateTime<Utc>,
) -> ApiResult<Verdict> {
    let stored = stored(db, key, user_id).await?;
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
    let Some(step) = totp(&seed, username)?.check(code.expose(), now.timestamp() as u64) else {
        return Ok(Verdict::WrongCode);
    };
    // Once per step, and never a step before one already used: a replayed code is wrong.
    let fresh = db::query(
        "UPDATE users SET totp_last_step = ? \
         WHERE id = ? AND (totp_last_step IS NULL OR totp_last_step < ?)",
    )
    .bind(step as i64)
    .bind(user_id)
    .bind(step as i64)
    .execute(db)
    .await?;
    if fresh.rows_affected() == 0 {
        return Ok(Verdict::WrongCode);
    }
    if !stored.enrolled {
        db::query("UPDATE users SET totp_enrolled_at = ? WHERE id = ?")
            .bind(now)
            .bind(user_id)
            .execute(db)
            .await?;
    }
    Ok(Verdict::Pass)
}
