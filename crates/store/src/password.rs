//! Password hashing: argon2id with the OWASP-recommended parameters (19 MiB, 2 passes, 1 lane).
//!
//! Every hash and check runs off the async workers and under one process-wide limit of one per
//! core: a flood of sign-ins queues (cheaply, as futures) instead of spawning a blocking thread and
//! 19 MiB of memory per request.

use argon2::password_hash::{
    PasswordHash, PasswordHasher, PasswordVerifier, SaltString, rand_core::OsRng,
};
use argon2::{Algorithm, Argon2, Params, Version};

fn argon2() -> Argon2<'static> {
    // OWASP Password Storage Cheat Sheet: m=19456 KiB, t=2, p=1.
    let params = Params::new(19 * 1024, 2, 1, None).unwrap_or_default();
    Argon2::new(Algorithm::Argon2id, Version::V0x13, params)
}

/// The PHC string of `password` with a fresh random salt.
pub fn hash(password: &str) -> Result<String, argon2::password_hash::Error> {
    let salt = SaltString::generate(&mut OsRng);
    Ok(argon2()
        .hash_password(password.as_bytes(), &salt)?
        .to_string())
}

/// Whether `password` matches the PHC string `phc` (false for a malformed hash).
pub fn verify(password: &str, phc: &str) -> bool {
    PasswordHash::new(phc).is_ok_and(|h| argon2().verify_password(password.as_bytes(), &h).is_ok())
}

/// A hash that matches nothing, verified for unknown user names so that a login takes as long
/// whether or not the user exists.
pub fn dummy_hash() -> &'static str {
    "$argon2id$v=19$m=19456,t=2,p=1$c29tZXNhbHRzb21lc2FsdA$3Ew4ytNHh3Yl3gDOYUFvvmC3rWDEx3dOMm2cazAUxYI"
}

/// Hashing and verifying: one per core at a time.
static HASHING: crate::cpu::PerCore = crate::cpu::PerCore::new();

/// Runs `f` under the hashing limit.
async fn limited<T: Send + 'static>(f: impl FnOnce() -> T + Send + 'static) -> crate::Result<T> {
    HASHING
        .run(f)
        .await
        .map_err(|e| crate::StoreError::Db(sea_orm::DbErr::Custom(e)))
}

/// [`hash`] under the process-wide limit.
pub async fn hash_limited(password: String) -> crate::Result<String> {
    limited(move || hash(&password))
        .await?
        .map_err(|e| crate::StoreError::Db(sea_orm::DbErr::Custom(e.to_string())))
}

/// [`verify`] under the process-wide limit.
pub async fn verify_limited(password: String, phc: String) -> crate::Result<bool> {
    limited(move || verify(&password, &phc)).await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hashes_verify_and_use_argon2id_with_owasp_parameters() {
        let h = hash("Longzhi@2023").unwrap();
        assert!(h.starts_with("$argon2id$v=19$m=19456,t=2,p=1$"), "{h}");
        assert!(verify("Longzhi@2023", &h));
        assert!(!verify("Longzhi@2024", &h));
        assert!(!verify("Longzhi@2023", "not a hash"));
        assert!(!verify("Longzhi@2023", dummy_hash()));
    }
}
