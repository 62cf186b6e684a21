//! Usernames (UQ-UNIQUE-USERNAME): a user id, an e-mail address or a phone number.
//! Uniqueness is the store's job; this decides the form and the one spelling stored,
//! so that "Ann@Example.com" and "ann@example.com" cannot both exist.

use thiserror::Error;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UsernameKind {
    UserId,
    Email,
    Phone,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Username {
    pub value: String,
    pub kind: UsernameKind,
}

#[derive(Debug, Clone, PartialEq, Eq, Error)]
#[error("'{0}' is not a user id (3-64 of a-z 0-9 . _ - starting with a letter), an e-mail address or a phone number (+ and 7-15 digits)")]
pub struct UsernameError(pub String);

pub fn parse(raw: &str) -> Result<Username, UsernameError> {
    let trimmed = raw.trim();
    let err = || UsernameError(raw.to_string());
    if trimmed.contains('@') {
        let value = trimmed.to_lowercase();
        return is_email(&value)
            .then_some(Username {
                value,
                kind: UsernameKind::Email,
            })
            .ok_or_else(err);
    }
    if let Some(digits) = trimmed.strip_prefix('+') {
        let digits: String = digits.chars().filter(|c| !matches!(c, ' ' | '-')).collect();
        let ok = (7..=15).contains(&digits.len()) && digits.chars().all(|c| c.is_ascii_digit());
        return ok
            .then(|| Username {
                value: format!("+{digits}"),
                kind: UsernameKind::Phone,
            })
            .ok_or_else(err);
    }
    let value = trimmed.to_lowercase();
    let ok = (3..=64).contains(&value.len())
        && value.starts_with(|c: char| c.is_ascii_lowercase())
        && value
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || "._-".contains(c));
    ok.then_some(Username {
        value,
        kind: UsernameKind::UserId,
    })
    .ok_or_else(err)
}

fn is_email(value: &str) -> bool {
    let Some((local, domain)) = value.split_once('@') else {
        return false;
    };
    let label_ok = |l: &str| {
        !l.is_empty()
            && !l.starts_with('-')
            && !l.ends_with('-')
            && l.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
    };
    let labels: Vec<&str> = domain.split('.').collect();
    !local.is_empty()
        && local.len() <= 64
        && value.len() <= 254
        && !local.chars().any(|c| c.is_whitespace() || c == '@')
        && labels.len() >= 2
        && labels.iter().all(|l| label_ok(l))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Clause UQ-UNIQUE-USERNAME: the three accepted forms and their one stored spelling.
    #[test]
    fn uq_unique_username_forms_normalise() {
        let e = parse(" Manager@Demo.Example ").unwrap();
        assert_eq!(
            (e.value.as_str(), e.kind),
            ("manager@demo.example", UsernameKind::Email)
        );
        let p = parse("+358 40 123-4567").unwrap();
        assert_eq!(
            (p.value.as_str(), p.kind),
            ("+358401234567", UsernameKind::Phone)
        );
        let u = parse("Ops.Anna").unwrap();
        assert_eq!(
            (u.value.as_str(), u.kind),
            ("ops.anna", UsernameKind::UserId)
        );
    }

    /// Clause UQ-UNIQUE-USERNAME: anything else is refused with the input named.
    #[test]
    fn uq_unique_username_rejects_other_forms() {
        for bad in [
            "",
            "ab",
            "1abc",
            "a b",
            "x@",
            "@y.z",
            "a@b",
            "a@-b.c",
            "+12",
            "+12345678901234567",
            "+12a4567",
            "ä.user",
        ] {
            let e = parse(bad).unwrap_err();
            assert_eq!(e.0, bad);
        }
    }
}
