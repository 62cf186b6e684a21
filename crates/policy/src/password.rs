//! Password rules (UQ-PW-MIN6).

use thiserror::Error;

/// The floor no account setting may go below.
pub const MIN_PASSWORD_LEN: usize = 6;
/// Bounds the work argon2 is asked to do for one request.
pub const MAX_PASSWORD_LEN: usize = 256;

#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum PasswordError {
    #[error("password must have at least {min} characters")]
    TooShort { min: usize },
    #[error("password must have at most {MAX_PASSWORD_LEN} characters")]
    TooLong,
    #[error("the account minimum cannot be below {MIN_PASSWORD_LEN} characters")]
    MinimumBelowFloor,
}

/// The minimum an account asks for, raised to the floor if it asks for less.
pub fn effective_minimum(account_minimum: usize) -> usize {
    account_minimum.max(MIN_PASSWORD_LEN)
}

/// Checks a new account minimum: it may raise the floor, never lower it.
pub fn validate_minimum(account_minimum: usize) -> Result<usize, PasswordError> {
    if account_minimum < MIN_PASSWORD_LEN {
        return Err(PasswordError::MinimumBelowFloor);
    }
    Ok(account_minimum)
}

/// Characters, not bytes: "ääkköset" is eight characters to its owner.
pub fn validate(password: &str, account_minimum: usize) -> Result<(), PasswordError> {
    let min = effective_minimum(account_minimum);
    let len = password.chars().count();
    if len < min {
        return Err(PasswordError::TooShort { min });
    }
    if len > MAX_PASSWORD_LEN {
        return Err(PasswordError::TooLong);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Clause UQ-PW-MIN6: five characters are refused, six accepted, counted as characters.
    #[test]
    fn uq_pw_min6_floor_is_six_characters() {
        assert_eq!(
            validate("abcde", 0),
            Err(PasswordError::TooShort { min: 6 })
        );
        assert_eq!(validate("abcdef", 0), Ok(()));
        assert_eq!(
            validate("ääkkö", 6),
            Err(PasswordError::TooShort { min: 6 })
        );
        assert_eq!(validate("ääkkös", 6), Ok(()));
    }

    /// Clause UQ-PW-MIN6: an account may raise the minimum but never lower it.
    #[test]
    fn uq_pw_min6_account_may_raise_never_lower() {
        assert_eq!(
            validate("abcdefghi", 10),
            Err(PasswordError::TooShort { min: 10 })
        );
        assert_eq!(validate("abcdefghij", 10), Ok(()));
        assert_eq!(
            validate("abcde", 3),
            Err(PasswordError::TooShort { min: 6 })
        );
        assert_eq!(validate_minimum(5), Err(PasswordError::MinimumBelowFloor));
        assert_eq!(validate_minimum(12), Ok(12));
    }

    #[test]
    fn overlong_passwords_are_refused() {
        assert_eq!(validate(&"x".repeat(257), 6), Err(PasswordError::TooLong));
    }
}
