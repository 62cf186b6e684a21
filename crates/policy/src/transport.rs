//! Encrypted transport (4S-TLS): plain HTTP only to this machine.

use std::net::IpAddr;
use thiserror::Error;
use url::{Host, Url};

#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum TransportError {
    #[error("'{0}' is not a valid server address")]
    Invalid(String),
    #[error("'{0}' must use https://; plain http:// is allowed only to this computer (localhost)")]
    PlainHttp(String),
    #[error("'{0}' uses {1}://; only https:// (or http:// to localhost) is supported")]
    Scheme(String, String),
    /// A user name or password in the address would be kept with the profile.
    #[error(
        "'{0}' carries a user name or password; give the address without them and sign in instead"
    )]
    UserInfo(String),
}

/// Parses a server address and refuses plain HTTP to anything but loopback.
pub fn check_server_url(raw: &str) -> Result<Url, TransportError> {
    let url = Url::parse(raw.trim()).map_err(|_| TransportError::Invalid(raw.to_string()))?;
    if !url.username().is_empty() || url.password().is_some() {
        let mut shown = url.clone();
        let _ = shown.set_username("");
        let _ = shown.set_password(None);
        return Err(TransportError::UserInfo(shown.to_string()));
    }
    let host = url
        .host()
        .ok_or_else(|| TransportError::Invalid(raw.to_string()))?;
    match url.scheme() {
        "https" => Ok(url),
        "http" if is_loopback(&host) => Ok(url),
        "http" => Err(TransportError::PlainHttp(raw.to_string())),
        other => Err(TransportError::Scheme(raw.to_string(), other.to_string())),
    }
}

fn is_loopback(host: &Host<&str>) -> bool {
    match host {
        Host::Domain(name) => name.eq_ignore_ascii_case("localhost"),
        Host::Ipv4(ip) => IpAddr::V4(*ip).is_loopback(),
        Host::Ipv6(ip) => IpAddr::V6(*ip).is_loopback(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Clause 4S-TLS: https anywhere, http only to loopback.
    #[test]
    fn four_s_tls_plain_http_only_to_loopback() {
        // The test name cannot start with a digit; the clause is 4S-TLS.
        assert!(check_server_url("https://admin.example.com").is_ok());
        assert!(check_server_url("http://127.0.0.1:8080").is_ok());
        assert!(check_server_url("http://127.9.9.9").is_ok());
        assert!(check_server_url("http://[::1]:9000/").is_ok());
        assert!(check_server_url("http://localhost:1").is_ok());
        assert_eq!(
            check_server_url("http://admin.example.com"),
            Err(TransportError::PlainHttp("http://admin.example.com".into()))
        );
        assert!(matches!(
            check_server_url("http://10.0.0.1"),
            Err(TransportError::PlainHttp(_))
        ));
        assert!(matches!(
            check_server_url("ftp://x.example"),
            Err(TransportError::Scheme(..))
        ));
        assert!(matches!(
            check_server_url("not a url"),
            Err(TransportError::Invalid(_))
        ));
        // User-info would be kept with the profile; refused, and not repeated in the error.
        let err = check_server_url("https://user:hunter2@admin.example.com").unwrap_err();
        assert!(matches!(err, TransportError::UserInfo(_)));
        assert!(!err.to_string().contains("hunter2"), "{err}");
        // A look-alike host name is not loopback.
        assert!(check_server_url("http://localhost.evil.example").is_err());
    }
}
