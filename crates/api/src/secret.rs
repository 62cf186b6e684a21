//! A string that must never be printed: passwords, tokens, TOTP seeds (FZ-PW-REDACT).

use serde::{Deserialize, Serialize};
use std::fmt;

/// Serializes as the plain string (it has to cross the wire), but `Debug` and
/// `Display` print a placeholder, so a stray `{:?}` or a tracing field cannot leak it.
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Secret(String);

pub const REDACTED: &str = "[redacted]";

impl Secret {
    pub fn new(value: impl Into<String>) -> Self {
        Secret(value.into())
    }

    /// The one way to the value; grep for it to audit every use.
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(REDACTED)
    }
}

impl fmt::Display for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(REDACTED)
    }
}

impl From<&str> for Secret {
    fn from(value: &str) -> Self {
        Secret::new(value)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Clause FZ-PW-REDACT: formatting a secret never shows it; the wire form does.
    #[test]
    fn fz_pw_redact_secret_formats_as_placeholder() {
        let s = Secret::new("hunter22");
        assert_eq!(format!("{s:?} {s}"), "[redacted] [redacted]");
        assert_eq!(serde_json::to_string(&s).unwrap(), "\"hunter22\"");
        assert_eq!(s.expose(), "hunter22");
    }
}
