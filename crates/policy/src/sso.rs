//! Third-party sign-in rules (4S-SSO): when a provider's sign-in counts as two factors.

/// Authentication method references (RFC 8176) that are a factor beside a password:
/// something held (a one-time code, a key, a card) or something one is.
const SECOND_FACTORS: &[&str] = &[
    "otp", "hwk", "swk", "sc", "pop", "sms", "tel", "fpt", "face", "iris", "retina", "vbm",
];

/// Whether the provider asserts multi-factor authentication in the ID token's `amr`:
/// `mfa` itself, or a password (or a knowledge factor) together with a second factor
/// from RFC 8176. `acr` is not used: its values are each provider's own, and a value
/// that means "MFA" at one provider means nothing at another. Without such an `amr`,
/// an account that requires two factors asks for its own TOTP code as after a password.
pub fn asserts_multi_factor(amr: &[String]) -> bool {
    if amr.iter().any(|m| m == "mfa") {
        return true;
    }
    let second = amr.iter().any(|m| SECOND_FACTORS.contains(&m.as_str()));
    let knowledge = amr.iter().any(|m| m == "pwd" || m == "pin" || m == "kba");
    let distinct_second = amr
        .iter()
        .filter(|m| SECOND_FACTORS.contains(&m.as_str()))
        .collect::<std::collections::BTreeSet<_>>()
        .len();
    second && (knowledge || distinct_second >= 2)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn amr(v: &[&str]) -> Vec<String> {
        v.iter().map(|s| s.to_string()).collect()
    }

    /// Clause 4S-SSO: a password alone, or nothing said, is one factor; `mfa` or a
    /// password with a code or key is two.
    #[test]
    fn four_s_sso_multi_factor_only_when_amr_says_so() {
        assert!(!asserts_multi_factor(&[]));
        assert!(!asserts_multi_factor(&amr(&["pwd"])));
        assert!(!asserts_multi_factor(&amr(&["otp"])));
        assert!(!asserts_multi_factor(&amr(&["pwd", "user"])));
        assert!(asserts_multi_factor(&amr(&["mfa"])));
        assert!(asserts_multi_factor(&amr(&["pwd", "mfa"])));
        assert!(asserts_multi_factor(&amr(&["pwd", "otp"])));
        assert!(asserts_multi_factor(&amr(&["hwk", "fpt"])));
    }
}
