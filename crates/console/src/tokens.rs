//! Session tokens live in the OS keyring, one entry per server profile, and nowhere else.

use crate::error::CommandError;
use admin_api::Secret;
use std::collections::HashMap;
use std::sync::Mutex;

/// The keyring service name; the entry's user is the profile id.
pub const KEYRING_SERVICE: &str = "com.example.adminconsole";

pub trait TokenStore: Send + Sync + 'static {
    fn get(&self, profile_id: &str) -> Result<Option<Secret>, CommandError>;
    fn set(&self, profile_id: &str, token: &Secret) -> Result<(), CommandError>;
    fn delete(&self, profile_id: &str) -> Result<(), CommandError>;
}

/// Keychain on macOS, Credential Manager on Windows, Secret Service on Linux.
pub struct KeyringStore;

impl KeyringStore {
    fn entry(profile_id: &str) -> Result<keyring::Entry, CommandError> {
        Ok(keyring::Entry::new(KEYRING_SERVICE, profile_id)?)
    }
}

impl TokenStore for KeyringStore {
    fn get(&self, profile_id: &str) -> Result<Option<Secret>, CommandError> {
        match Self::entry(profile_id)?.get_password() {
            Ok(token) => Ok(Some(Secret::new(token))),
            Err(keyring::Error::NoEntry) => Ok(None),
            Err(e) => Err(e.into()),
        }
    }

    fn set(&self, profile_id: &str, token: &Secret) -> Result<(), CommandError> {
        Ok(Self::entry(profile_id)?.set_password(token.expose())?)
    }

    fn delete(&self, profile_id: &str) -> Result<(), CommandError> {
        match Self::entry(profile_id)?.delete_credential() {
            Ok(()) | Err(keyring::Error::NoEntry) => Ok(()),
            Err(e) => Err(e.into()),
        }
    }
}

/// For tests that have no desktop keyring to talk to.
#[derive(Default)]
pub struct MemoryStore(Mutex<HashMap<String, Secret>>);

impl TokenStore for MemoryStore {
    fn get(&self, profile_id: &str) -> Result<Option<Secret>, CommandError> {
        Ok(self.0.lock().unwrap().get(profile_id).cloned())
    }

    fn set(&self, profile_id: &str, token: &Secret) -> Result<(), CommandError> {
        self.0
            .lock()
            .unwrap()
            .insert(profile_id.to_string(), token.clone());
        Ok(())
    }

    fn delete(&self, profile_id: &str) -> Result<(), CommandError> {
        self.0.lock().unwrap().remove(profile_id);
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Session tokens live in the OS keyring: the store against a real Secret Service.
    #[test]
    #[ignore = "needs a Secret Service: tests/e2e/session.sh keyring runs it in a private D-Bus session"]
    fn keyring_store_round_trips_on_the_real_keyring() {
        let store = KeyringStore;
        let id = format!("test-{}", uuid::Uuid::new_v4());
        assert_eq!(store.get(&id).unwrap(), None);
        store.set(&id, &Secret::new("tok-123")).unwrap();
        assert_eq!(store.get(&id).unwrap(), Some(Secret::new("tok-123")));
        store.delete(&id).unwrap();
        assert_eq!(store.get(&id).unwrap(), None);
        store.delete(&id).unwrap();
    }
}
