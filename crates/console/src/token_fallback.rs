//! A computer without a usable keyring (no Secret Service, a locked or refusing one) must
//! not stop the console: the token is then held in memory for this run only, never
//! written anywhere else, and the shell says the user signs in again next time.

use crate::error::CommandError;
use crate::tokens::{MemoryStore, TokenStore};
use admin_api::Secret;
use std::sync::{Arc, Mutex};

/// An entry no profile uses: reading it tells whether the keyring answers at all.
const PROBE: &str = "keyring-probe";

/// The OS keyring while it answers; memory for the rest of the run once it refuses.
pub struct KeyringOrMemory {
    keyring: Arc<dyn TokenStore>,
    memory: MemoryStore,
    /// Why the keyring could not be used, once it refused.
    missing: Mutex<Option<String>>,
}

impl KeyringOrMemory {
    /// Asks the keyring once at start, so the welcome screen already says it is missing.
    pub fn probe(keyring: Arc<dyn TokenStore>) -> Self {
        let store = KeyringOrMemory {
            keyring,
            memory: MemoryStore::default(),
            missing: Mutex::new(None),
        };
        if let Err(e) = store.keyring.get(PROBE) {
            store.refused(e);
        }
        store
    }

    /// `Some(reason)` when tokens are held in memory for this run only.
    pub fn missing(&self) -> Option<String> {
        self.missing.lock().unwrap().clone()
    }

    fn refused(&self, err: CommandError) {
        let mut missing = self.missing.lock().unwrap();
        if missing.is_none() {
            tracing::warn!(error = %err, "no usable keyring: session tokens are kept in memory for this run only");
            *missing = Some(err.to_string());
        }
    }

    fn keyring_usable(&self) -> bool {
        self.missing.lock().unwrap().is_none()
    }
}

impl TokenStore for KeyringOrMemory {
    fn get(&self, profile_id: &str) -> Result<Option<Secret>, CommandError> {
        if self.keyring_usable() {
            match self.keyring.get(profile_id) {
                Ok(token) => return Ok(token),
                Err(e) => self.refused(e),
            }
        }
        self.memory.get(profile_id)
    }

    fn set(&self, profile_id: &str, token: &Secret) -> Result<(), CommandError> {
        if self.keyring_usable() {
            match self.keyring.set(profile_id, token) {
                Ok(()) => return Ok(()),
                Err(e) => self.refused(e),
            }
        }
        self.memory.set(profile_id, token)
    }

    fn delete(&self, profile_id: &str) -> Result<(), CommandError> {
        self.memory.delete(profile_id)?;
        if self.keyring_usable() {
            if let Err(e) = self.keyring.delete(profile_id) {
                self.refused(e);
            }
        }
        Ok(())
    }
}

/// A keyring that refuses, as the keyring crate does with no Secret Service (everything)
/// or a locked one (`reads` answered, writes refused); it remembers the tokens it was
/// offered, so a test can look for them on disk.
#[cfg(test)]
#[derive(Default)]
pub(crate) struct RefusingKeyring {
    pub reads: bool,
    pub offered: Mutex<Vec<Secret>>,
}

#[cfg(test)]
impl RefusingKeyring {
    fn refusal() -> CommandError {
        CommandError::Keyring {
            message: "the system keyring refused: Platform secure storage failure: \
                      dbus-launch terminated abnormally"
                .into(),
        }
    }
}

#[cfg(test)]
impl TokenStore for RefusingKeyring {
    fn get(&self, _: &str) -> Result<Option<Secret>, CommandError> {
        if self.reads {
            return Ok(None);
        }
        Err(Self::refusal())
    }
    fn set(&self, _: &str, token: &Secret) -> Result<(), CommandError> {
        self.offered.lock().unwrap().push(token.clone());
        Err(Self::refusal())
    }
    fn delete(&self, _: &str) -> Result<(), CommandError> {
        Err(Self::refusal())
    }
}
