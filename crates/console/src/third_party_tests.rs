//! Third-party sign-in from the console (4S-SSO, UQ-NO-SOCIAL-LOGIN, FZ-THIRD-PARTY-PW):
//! the console core against the real service and a real OpenID provider (`oidc-provider`
//! on node, tests/oidc/provider.mjs), with the service tests' scripted browser signing
//! in on the provider's own pages in place of the system browser.

#[path = "../../service/tests/common/oidc.rs"]
#[allow(dead_code)]
mod idp;

use crate::browser::Browser;
use crate::console::Console;
use crate::error::CommandError;
use crate::identity::*;
use crate::test_support::{sign_in, DemoService, TestConsole};
use crate::tokens::{MemoryStore, TokenStore};
use crate::views::ProviderWorkspace;
use admin_api::{IdentityProviderKind, IdentityProviderSettings, NewIdentityLink, Secret};
use admin_service::{demo, RunningService};
use std::sync::Arc;

/// The system browser, played by a script that signs in at the provider as its login.
struct Scripted(std::sync::Mutex<String>);

impl Browser for Scripted {
    fn open(&self, url: &str) -> Result<(), String> {
        let login = self.0.lock().unwrap().clone();
        idp::browser(&login)(url)
    }
}

struct World {
    _idp: idp::Provider,
    _svc: RunningService,
    _db: tempfile::TempDir,
    dir: tempfile::TempDir,
    tokens: Arc<MemoryStore>,
    browser: Arc<Scripted>,
    console: Console,
    issuer: String,
    account: i64,
    manager_id: i64,
}

/// The provider, a service of its own (the provider signs with the machine's clock, so
/// both run on it), and a console signed in with a password as the demo manager, whose
/// browser signs in at the provider as `login`.
async fn world(login: &str) -> World {
    let idp = idp::Provider::start();
    let db = tempfile::tempdir().unwrap();
    let svc = DemoService::new().start(db.path()).await;
    let dir = tempfile::tempdir().unwrap();
    let tokens = Arc::new(MemoryStore::default());
    let browser = Arc::new(Scripted(std::sync::Mutex::new(login.into())));
    let console = TestConsole::new()
        .tokens(tokens.clone())
        .open(dir.path())
        .await
        .with_browser(browser.clone());
    sign_in(&console, &svc.base_url(), demo::MANAGER).await;
    let view = console.state().await.unwrap().session.unwrap();
    World {
        issuer: idp.issuer.clone(),
        _idp: idp,
        _svc: svc,
        _db: db,
        dir,
        tokens,
        browser,
        console,
        account: view.account.unwrap().id,
        manager_id: view.user.id,
    }
}

impl World {
    fn provider(&self, name: &str, kind: IdentityProviderKind) -> IdentityProviderSettings {
        IdentityProviderSettings {
            name: name.into(),
            issuer: self.issuer.clone(),
            client_id: "admin-console".into(),
            kind,
            link_by_email: false,
        }
    }

    /// Adds a workforce provider and links the manager to `subject` at it.
    async fn linked_provider(&self, subject: &str) -> i64 {
        let provider = roles_add_identity_provider(
            &self.console,
            self.account,
            self.provider("Test IdP", IdentityProviderKind::Workforce),
        )
        .await
        .unwrap();
        self.link(provider.id, subject).await;
        provider.id
    }

    async fn link(&self, provider: i64, subject: &str) {
        let link = NewIdentityLink {
            user_id: self.manager_id,
            subject: subject.into(),
        };
        roles_link_identity(&self.console, provider, link)
            .await
            .unwrap();
    }

    async fn rules(&self, edit: impl FnOnce(&mut admin_api::SecuritySettings)) {
        let mut rules = crate::roles::roles_security_settings(&self.console, self.account)
            .await
            .unwrap();
        edit(&mut rules);
        crate::roles::roles_save_security_settings(&self.console, self.account, rules)
            .await
            .unwrap();
    }

    async fn options(&self) -> Vec<String> {
        self.console
            .sign_in_options(ProviderWorkspace::default())
            .await
            .unwrap()
            .into_iter()
            .map(|o| o.name)
            .collect()
    }

    async fn through(&self, provider: i64) -> Result<crate::views::SessionView, CommandError> {
        self.console
            .sign_in_with_provider(ProviderWorkspace::default(), provider)
            .await
    }

    /// Everything the console wrote to its folder: cache, its WAL, the log.
    fn written(&self) -> String {
        let mut all = Vec::new();
        for entry in walk(self.dir.path()) {
            all.extend(std::fs::read(entry).unwrap_or_default());
        }
        String::from_utf8_lossy(&all).into_owned()
    }
}

fn walk(dir: &std::path::Path) -> Vec<std::path::PathBuf> {
    let mut files = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap().flatten() {
        let path = entry.path();
        if path.is_dir() {
            files.extend(walk(&path));
        } else {
            files.push(path);
        }
    }
    files
}

/// Clauses 4S-SSO, FZ-THIRD-PARTY-PW: the manager adds and links the provider in the
/// editor, signs in through it in the (scripted) system browser, and may then make the
/// account third-party-only; from then on the password is refused and the provider's
/// sign-in works end to end, also from a console that never connected (no password to
/// connect with). The service's token is in the keyring; no ID token (a JWT,
/// `eyJ...`) is anywhere in the console's folder (cache, WAL, log).
#[tokio::test]
async fn four_s_sso_fz_third_party_pw_console_signs_in_through_the_provider() {
    let w = world("manager-at-idp").await;
    let provider = w.linked_provider("manager-at-idp").await;
    let listed = roles_identity_providers(&w.console, w.account)
        .await
        .unwrap();
    assert_eq!(listed.items.len(), 1);
    assert_eq!(listed.items[0].linked_users, 1);
    let links = roles_identity_links(&w.console, provider).await.unwrap();
    assert_eq!(links.items[0].username, demo::MANAGER);
    assert_eq!(links.items[0].subject, "manager-at-idp");

    // Turning third-party-only on from a password session is refused (400).
    let mut rules = crate::roles::roles_security_settings(&w.console, w.account)
        .await
        .unwrap();
    rules.third_party_only = true;
    let err = crate::roles::roles_save_security_settings(&w.console, w.account, rules.clone())
        .await
        .unwrap_err();
    assert!(
        matches!(&err, CommandError::InvalidInput { field: Some(f), .. } if f == "third_party_only"),
        "{err:?}"
    );

    w.console.sign_out().await.unwrap();
    assert_eq!(w.options().await, ["Test IdP"]);
    let view = w
        .through(provider)
        .await
        .expect("signed in through the provider");
    assert_eq!(view.user.username, demo::MANAGER);
    let token = w
        .tokens
        .get(&view.profile.id)
        .unwrap()
        .expect("in the keyring");
    assert!(
        !token.expose().starts_with("eyJ"),
        "the service's own token"
    );

    crate::roles::roles_save_security_settings(&w.console, w.account, rules)
        .await
        .expect("signed in through the provider in this session");
    w.console.sign_out().await.unwrap();
    let err = w
        .console
        .sign_in(Secret::new(demo::DEMO_PASSWORD))
        .await
        .unwrap_err();
    assert!(matches!(err, CommandError::Forbidden { .. }), "{err:?}");
    let again = w.through(provider).await.unwrap();
    assert_eq!(again.profile.id, view.profile.id, "the same workspace");

    // A console that never connected: the user has no password to connect with, so the
    // server and username typed on the welcome screen go with the provider's sign-in.
    let fresh_dir = tempfile::tempdir().unwrap();
    let fresh = TestConsole::new()
        .open(fresh_dir.path())
        .await
        .with_browser(w.browser.clone());
    let typed = ProviderWorkspace {
        url: Some(w._svc.base_url()),
        username: Some(demo::MANAGER.into()),
    };
    let first = fresh.sign_in_with_provider(typed, provider).await.unwrap();
    assert_eq!(first.user.username, demo::MANAGER);
    let saved = fresh
        .state()
        .await
        .unwrap()
        .profile
        .expect("the workspace is saved");
    assert_eq!(saved.url, w._svc.base_url());

    // The last provider of a third-party-only account stays.
    let err = roles_delete_identity_provider(&w.console, provider)
        .await
        .unwrap_err();
    assert!(matches!(err, CommandError::Conflict { .. }), "{err:?}");
    let renamed = roles_update_identity_provider(
        &w.console,
        provider,
        w.provider("Corporate sign-in", IdentityProviderKind::Workforce),
    )
    .await
    .unwrap();
    assert_eq!(renamed.name, "Corporate sign-in");

    let written = w.written();
    assert!(!written.contains("eyJ"), "an ID token reached the disk");
    assert!(
        !written.contains(token.expose()),
        "the token reached the disk"
    );
}

/// Clause UQ-NO-SOCIAL-LOGIN: a social provider is not offered on the sign-in screen
/// until the account turns social sign-in on; a workspace typed on the welcome screen
/// (server and username) is asked the same way. The editor deletes a provider.
#[tokio::test]
async fn uq_no_social_login_social_provider_offered_only_after_the_switch() {
    let w = world("manager-at-idp").await;
    let social = roles_add_identity_provider(
        &w.console,
        w.account,
        w.provider("Personal Google", IdentityProviderKind::Social),
    )
    .await
    .unwrap();
    w.link(social.id, "manager-at-idp").await;
    assert!(w.options().await.is_empty(), "social is off by default");
    let err = w.through(social.id).await.unwrap_err();
    assert!(
        matches!(&err, CommandError::InvalidInput { field: Some(f), .. } if f == "provider"),
        "{err:?}"
    );
    w.rules(|r| r.social_sign_in = true).await;
    assert_eq!(w.options().await, ["Personal Google"]);
    let typed = ProviderWorkspace {
        url: Some(w._svc.base_url()),
        username: Some(demo::MANAGER.to_uppercase()),
    };
    let offered = w.console.sign_in_options(typed).await.unwrap();
    assert_eq!(offered.len(), 1);
    let view = w.through(social.id).await.unwrap();
    assert_eq!(view.user.username, demo::MANAGER);

    roles_delete_identity_provider(&w.console, social.id)
        .await
        .unwrap();
    assert!(w.options().await.is_empty());
}

/// Clause 4S-SSO, the two-factor rule after a provider's sign-in: a provider that
/// asserts no multi-factor (`amr: ["pwd"]`) leaves the account's TOTP to ask, and the
/// code completes the provider's sign-in; one that asserts it (`amr: ["pwd", "otp"]`)
/// satisfies the rule alone. The editor unlinks the first subject and links the second.
#[tokio::test]
async fn four_s_sso_provider_multi_factor_satisfies_the_two_factor_rule_and_one_factor_does_not() {
    let w = world("manager-at-idp").await;
    let provider = w.linked_provider("manager-at-idp").await;
    w.rules(|r| r.require_two_factor = true).await;
    // Enrol the manager's authenticator at a password sign-in.
    w.console.sign_out().await.unwrap();
    let err = w
        .console
        .sign_in(Secret::new(demo::DEMO_PASSWORD))
        .await
        .unwrap_err();
    assert!(
        matches!(err, CommandError::TwoFactorEnrolmentRequired { .. }),
        "{err:?}"
    );
    let seed = w.console.start_totp_enrolment().await.unwrap().secret;
    w.console.submit_totp(code(&seed, 0)).await.unwrap();
    w.console.sign_out().await.unwrap();

    let err = w.through(provider).await.unwrap_err();
    assert!(
        matches!(err, CommandError::TwoFactorRequired { .. }),
        "{err:?}"
    );
    let view = w
        .console
        .submit_totp(code(&seed, 1))
        .await
        .expect("the code completes the provider's sign-in");
    assert_eq!(view.user.username, demo::MANAGER);

    roles_unlink_identity(&w.console, provider, w.manager_id)
        .await
        .unwrap();
    assert!(roles_identity_links(&w.console, provider)
        .await
        .unwrap()
        .items
        .is_empty());
    w.link(provider, "mfa+manager-at-idp").await;
    w.console.sign_out().await.unwrap();
    *w.browser.0.lock().unwrap() = "mfa+manager-at-idp".into();
    let view = w
        .through(provider)
        .await
        .expect("amr pwd+otp satisfies the two-factor rule: no code asked");
    assert_eq!(view.user.username, demo::MANAGER);
}

/// The authenticator's code `steps` 30-second steps from now (a code is taken once).
/// Clause 4S-SSO: where two factors are required and the provider asserts none, a user with
/// no authenticator enrols one from the provider's sign-in, with no password, and the first
/// code completes that same sign-in. The seed is written nowhere in the console's folder.
#[tokio::test]
async fn four_s_sso_console_enrols_an_authenticator_from_a_provider_sign_in() {
    let w = world("manager-at-idp").await;
    let provider = w.linked_provider("manager-at-idp").await;
    w.rules(|r| r.require_two_factor = true).await;
    w.console.sign_out().await.unwrap();
    let err = w.through(provider).await.unwrap_err();
    assert!(
        matches!(err, CommandError::TwoFactorEnrolmentRequired { .. }),
        "{err:?}"
    );
    let enrolment = w
        .console
        .start_totp_enrolment()
        .await
        .expect("the provider's token stands in for the password");
    assert!(enrolment.qr_svg.starts_with("<svg") || enrolment.qr_svg.contains("<svg"));
    let view = w
        .console
        .submit_totp(code(&enrolment.secret, 0))
        .await
        .expect("the first code completes the provider's sign-in");
    assert_eq!(view.user.username, demo::MANAGER);
    assert!(!w.written().contains(enrolment.secret.expose()));
}

fn code(seed: &Secret, steps: i64) -> Secret {
    let totp = totp_rs::Builder::new()
        .with_secret(totp_rs::Secret::try_from_base32(seed.expose()).unwrap())
        .build()
        .unwrap();
    let at = chrono::Utc::now().timestamp() + steps * 30;
    Secret::new(totp.generate(at as u64).to_string())
}
