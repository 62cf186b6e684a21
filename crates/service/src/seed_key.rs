//! The key that seals TOTP seeds in the database (4S-SSO): AES-256-GCM, one random nonce
//! per seal, the user's id as associated data (a sealed seed copied to another user's row
//! does not open). The key lives in the service's configuration, never in the database,
//! so the database and its backups hold no usable seed.

use crate::error::{ApiError, ApiResult};
use ring::aead::{Aad, LessSafeKey, Nonce, UnboundKey, AES_256_GCM, NONCE_LEN};
use ring::rand::{SecureRandom, SystemRandom};

/// Marks a sealed value; a seed without it was stored before seeds were sealed.
const PREFIX: &str = "v1:";

#[derive(Clone)]
pub struct SeedKey([u8; 32]);

impl std::fmt::Debug for SeedKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("SeedKey([redacted])")
    }
}

impl SeedKey {
    /// A fresh random key: right for a service whose database lives as long as it does
    /// (tests); a lasting service, the embedded demo included, keeps it in a file.
    pub fn random() -> Self {
        let mut key = [0u8; 32];
        SystemRandom::new()
            .fill(&mut key)
            .expect("the system's random source works");
        SeedKey(key)
    }

    /// 64 hex digits.
    pub fn from_hex(text: &str) -> Result<Self, String> {
        let bytes = hex::decode(text.trim()).map_err(|e| format!("not hex: {e}"))?;
        let key: [u8; 32] = bytes
            .try_into()
            .map_err(|_| "a TOTP key is 32 bytes (64 hex digits)".to_string())?;
        Ok(SeedKey(key))
    }

    /// The key in `path`, made (readable by the owner only) if missing, so enrolments
    /// survive a restart; the file lives apart from the database and its backups.
    pub fn load_or_create(path: &std::path::Path) -> Result<Self, String> {
        let named = |e: &dyn std::fmt::Display| format!("{}: {e}", path.display());
        match std::fs::read_to_string(path) {
            Ok(text) => SeedKey::from_hex(&text).map_err(|e| named(&e)),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                let key = SeedKey::random();
                let mut options = std::fs::OpenOptions::new();
                options.write(true).create_new(true);
                #[cfg(unix)]
                std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
                let mut file = options.open(path).map_err(|e| named(&e))?;
                std::io::Write::write_all(&mut file, key.to_hex().as_bytes())
                    .map_err(|e| named(&e))?;
                Ok(key)
            }
            Err(e) => Err(named(&e)),
        }
    }

    pub fn to_hex(&self) -> String {
        hex::encode(self.0)
    }

    fn aead(&self) -> LessSafeKey {
        LessSafeKey::new(UnboundKey::new(&AES_256_GCM, &self.0).expect("a 32-byte key"))
    }

    pub fn seal(&self, user_id: i64, seed: &str) -> ApiResult<String> {
        let mut nonce = [0u8; NONCE_LEN];
        SystemRandom::new()
            .fill(&mut nonce)
            .map_err(|_| ApiError::Internal("no random nonce".into()))?;
        let mut data = seed.as_bytes().to_vec();
        self.aead()
            .seal_in_place_append_tag(
                Nonce::assume_unique_for_key(nonce),
                Aad::from(user_id.to_be_bytes()),
                &mut data,
            )
            .map_err(|_| ApiError::Internal("sealing the TOTP seed failed".into()))?;
        let mut out = nonce.to_vec();
        out.extend_from_slice(&data);
        Ok(format!("{PREFIX}{}", hex::encode(out)))
    }

    /// The seed of a stored value; a value from before sealing is read as it is.
    pub fn open(&self, user_id: i64, stored: &str) -> ApiResult<String> {
        let Some(sealed) = stored.strip_prefix(PREFIX) else {
            return Ok(stored.to_string());
        };
        let unreadable = || {
            ApiError::Internal("the stored TOTP seed does not open with this service's key".into())
        };
        let bytes = hex::decode(sealed).map_err(|_| unreadable())?;
        if bytes.len() < NONCE_LEN {
            return Err(unreadable());
        }
        let (nonce, rest) = bytes.split_at(NONCE_LEN);
        let mut data = rest.to_vec();
        let nonce = Nonce::try_assume_unique_for_key(nonce).map_err(|_| unreadable())?;
        let plain = self
            .aead()
            .open_in_place(nonce, Aad::from(user_id.to_be_bytes()), &mut data)
            .map_err(|_| unreadable())?;
        String::from_utf8(plain.to_vec()).map_err(|_| unreadable())
    }

    pub fn is_sealed(stored: &str) -> bool {
        stored.starts_with(PREFIX)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Clause 4S-SSO: the demo's and the service's key outlives a restart, so a sealed
    /// seed still opens; a damaged key file is refused with its path named.
    #[test]
    fn a_key_file_is_made_once_and_read_back() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("totp.key");
        let made = SeedKey::load_or_create(&path).unwrap();
        let sealed = made.seal(7, "JBSWY3DPEHPK3PXP").unwrap();
        let again = SeedKey::load_or_create(&path).unwrap();
        assert_eq!(again.open(7, &sealed).unwrap(), "JBSWY3DPEHPK3PXP");
        std::fs::write(&path, "not a key").unwrap();
        let err = SeedKey::load_or_create(&path).unwrap_err();
        assert!(err.contains("totp.key"), "{err}");
    }

    #[test]
    fn sealed_seeds_open_only_with_the_key_and_for_their_user() {
        let key = SeedKey::random();
        let sealed = key.seal(7, "JBSWY3DPEHPK3PXP").unwrap();
        assert!(!sealed.contains("JBSWY3DPEHPK3PXP"));
        assert_eq!(key.open(7, &sealed).unwrap(), "JBSWY3DPEHPK3PXP");
        assert!(key.open(8, &sealed).is_err(), "opened for another user");
        assert!(
            SeedKey::random().open(7, &sealed).is_err(),
            "opened with another key"
        );
        assert_ne!(
            key.seal(7, "JBSWY3DPEHPK3PXP").unwrap(),
            sealed,
            "nonce reused"
        );
        assert_eq!(key.open(7, "LEGACYSEED").unwrap(), "LEGACYSEED");
        assert_eq!(SeedKey::from_hex(&key.to_hex()).unwrap().0, key.0);
    }
}
