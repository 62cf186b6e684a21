//! Session tokens live in the OS keyring, one entry per server profile, and nowhere else:
//! the store is a trait here, the keyring adapter lives in `src-tauri/src/tokens.rs`.

use crate::error::CommandError;
use admin_api::Secret;
use std::collections::HashMap;
use std::sync::Mutex;

pub trait TokenStore: Send + Sync + 'static {
    fn get(&self, profile_id: &str) -> Result<Option<Secret>, CommandError>;
    fn set(&self, profile_id: &str, token: &Secret) -> Result<(), CommandError>;
    fn delete(&self, profile_id: &str) -> Result<(), CommandError>;
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
