//! argon2id hashing off the async threads (FZ-PW-REDACT: only slow salted hashes are stored).

use crate::error::ApiError;
use admin_api::Secret;
use argon2::password_hash::{
    rand_core::OsRng, PasswordHash, PasswordHasher, PasswordVerifier, SaltString,
};
use argon2::Argon2;

pub async fn hash(password: &Secret) -> Result<String, ApiError> {
    let password = password.clone();
    tokio::task::spawn_blocking(move || hash_blocking(password.expose()))
        .await
        .map_err(|e| ApiError::Internal(e.to_string()))?
}

/// The pinned argon2id cost: 19 MiB, two passes, one lane, OWASP's minimum for argon2id.
/// Pinned rather than `Argon2::default()`, so a library upgrade cannot change what is
/// stored; hashes made with other parameters are redone at the next sign-in
/// (`needs_rehash`). Stronger settings and their cost here: ARCHITECTURE.md (security), from
/// `examples/argon2_cost.rs`.
pub const M_COST_KIB: u32 = 19 * 1024;
pub const T_COST: u32 = 2;
pub const P_COST: u32 = 1;

fn argon2() -> Argon2<'static> {
    Argon2::new(
        argon2::Algorithm::Argon2id,
        argon2::Version::V0x13,
        argon2::Params::new(M_COST_KIB, T_COST, P_COST, None).expect("valid argon2 parameters"),
    )
}

/// True when a stored hash was made with other than the pinned algorithm and cost.
pub fn needs_rehash(stored: &str) -> bool {
    let Ok(parsed) = PasswordHash::new(stored) else {
        return true;
    };
    let Ok(params) = argon2::Params::try_from(&parsed) else {
        return true;
    };
    parsed.algorithm != argon2::Algorithm::Argon2id.ident()
        || parsed.version != Some(argon2::Version::V0x13.into())
        || (params.m_cost(), params.t_cost(), params.p_cost()) != (M_COST_KIB, T_COST, P_COST)
}

pub fn hash_blocking(password: &str) -> Result<String, ApiError> {
    let salt = SaltString::generate(&mut OsRng);
    argon2()
        .hash_password(password.as_bytes(), &salt)
        .map(|h| h.to_string())
        .map_err(|e| ApiError::Internal(format!("hashing failed: {e}")))
}

/// `n` hashes of one password, each with its own salt, spread over the machine's cores.
pub fn hash_many_blocking(password: &str, n: usize) -> Result<Vec<String>, ApiError> {
    let threads = std::thread::available_parallelism()
        .map_or(1, |c| c.get())
        .min(n.max(1));
    let per_thread = n.div_ceil(threads.max(1));
    std::thread::scope(|scope| {
        let workers: Vec<_> = (0..threads)
            .map(|t| {
                let count = per_thread.min(n.saturating_sub(t * per_thread));
                scope.spawn(move || {
                    (0..count)
                        .map(|_| hash_blocking(password))
                        .collect::<Result<Vec<_>, _>>()
                })
            })
            .collect();
        let mut all = Vec::with_capacity(n);
        for worker in workers {
            let part = worker
                .join()
                .map_err(|_| ApiError::Internal("a hashing thread panicked".into()))??;
            all.extend(part);
        }
        Ok(all)
    })
}

/// A hash of nothing anyone knows, made once: an unknown username is verified against it,
/// so its answer costs the same argon2 work as a wrong password (UQ-SCOPE: sign-in tells
/// nobody who exists).
static DUMMY_HASH: std::sync::LazyLock<String> = std::sync::LazyLock::new(|| {
    let salt = SaltString::generate(&mut OsRng);
    let unguessable = SaltString::generate(&mut OsRng);
    argon2()
        .hash_password(unguessable.as_str().as_bytes(), &salt)
        .map(|h| h.to_string())
        .unwrap_or_default()
});

/// Spends a verification's time on an unknown user; always false.
pub async fn verify_unknown_user(password: &Secret) -> Result<bool, ApiError> {
    let stored = tokio::task::spawn_blocking(|| DUMMY_HASH.clone())
        .await
        .map_err(|e| ApiError::Internal(e.to_string()))?;
    verify(password, &stored).await.map(|_| false)
}

/// False for a wrong password and for an unreadable stored hash alike.
pub async fn verify(password: &Secret, stored: &str) -> Result<bool, ApiError> {
    let password = password.clone();
    let stored = stored.to_string();
    tokio::task::spawn_blocking(move || {
        PasswordHash::new(&stored)
            .map(|parsed| {
                // Verification follows the parameters stored in the hash itself.
                argon2()
                    .verify_password(password.expose().as_bytes(), &parsed)
                    .is_ok()
            })
            .unwrap_or(false)
    })
    .await
    .map_err(|e| ApiError::Internal(e.to_string()))
}
