//! Over 500 lines: every 4S-SSO case shares one real provider and its scripted browser.
//! Third-party sign-in against a real OpenID Provider on loopback (`oidc-provider` on
//! node, tests/oidc/provider.mjs): 4S-SSO, UQ-NO-SOCIAL-LOGIN. The browser step is
//! scripted (the provider's own login and consent forms); the console's part is
//! `admin_client::oidc`, as the console runs it.
//!
//! The provider signs with the machine's clock, so the service's clock starts at the
//! real now here; outcomes do not depend on the day.

mod common;

use admin_api::{IdentityProviderKind, SignInOption};
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use common::oidc::{id_token, Provider};
use common::*;
use reqwest::StatusCode;
use serde_json::{json, Value};

fn settings(two: bool, third: bool, social: bool) -> Value {
    json!({"min_password_length": 6, "lockout_minutes": 15, "require_two_factor": two,
           "third_party_only": third, "social_sign_in": social})
}

struct World {
    idp: Provider,
    s: TestService,
    /// The demo account's manager, signed in with a password.
    manager: String,
    account: i64,
}

async fn world() -> World {
    let idp = Provider::start();
    let s = TestService::start_at(chrono::Utc::now()).await;
    let manager = s.sign_in_demo(MANAGER).await;
    let account = s.demo_account_id().await;
    World {
        idp,
        s,
        manager,
        account,
    }
}

impl World {
    async fn add_provider(&self, client_id: &str, kind: &str, link_by_email: bool) -> i64 {
        let a = self
            .s
            .post(
                &format!("/api/v1/accounts/{}/identity-providers", self.account),
                Some(&self.manager),
                json!({"name": "Test IdP", "issuer": self.idp.issuer, "client_id": client_id,
                       "kind": kind, "link_by_email": link_by_email}),
            )
            .await;
        assert_eq!(a.status, StatusCode::CREATED, "{a:?}");
        a.body["id"].as_i64().unwrap()
    }

    async fn link(&self, provider: i64, username: &str, subject: &str) {
        let user_id = self.s.user_id(username).await;
        let a = self
            .s
            .post(
                &format!("/api/v1/identity-providers/{provider}/links"),
                Some(&self.manager),
                json!({"user_id": user_id, "subject": subject}),
            )
            .await;
        assert_eq!(a.status, StatusCode::CREATED, "{a:?}");
    }

    async fn security(&self, token: &str, body: Value) -> Answer {
        self.s
            .put(
                &format!("/api/v1/accounts/{}/security", self.account),
                Some(token),
                body,
            )
            .await
    }

    /// Step 1: the flow and the options offered to `username`.
    async fn flow(&self, username: &str) -> (String, String, Vec<SignInOption>) {
        let a = self
            .s
            .post("/api/v1/sign-in-flows", None, json!({"username": username}))
            .await;
        assert_eq!(a.status, StatusCode::CREATED, "{a:?}");
        let options = serde_json::from_value(a.body["options"].clone()).unwrap();
        (
            a.body["flow_id"].as_str().unwrap().to_string(),
            a.body["nonce"].as_str().unwrap().to_string(),
            options,
        )
    }

    /// Step 3: the ID token to the service.
    async fn finish(&self, flow: &str, provider: i64, token: &str) -> Answer {
        self.s
            .post(
                "/api/v1/sessions/third-party",
                None,
                json!({"flow_id": flow, "provider_id": provider, "id_token": token}),
            )
            .await
    }

    fn option(&self, provider: i64, client_id: &str) -> SignInOption {
        SignInOption {
            provider_id: provider,
            name: "Test IdP".into(),
            kind: IdentityProviderKind::Workforce,
            issuer: self.idp.issuer.clone(),
            client_id: client_id.into(),
        }
    }

    /// The whole sign-in as `username`, the browser signing in at the provider as `login`.
    async fn sign_in_through(&self, provider: i64, username: &str, login: &str) -> Answer {
        let (flow, nonce, _) = self.flow(username).await;
        let token = id_token(&self.option(provider, "admin-console"), &nonce, login).await;
        self.finish(&flow, provider, token.expose()).await
    }
}

/// Clause 4S-SSO: an Account Manager adds the provider and links themself; turning on
/// third-party-only from a password session is refused (it would not prove the provider
/// lets anyone in); after signing in through the provider it is accepted. From then on
/// passwords are refused for the account, the provider's sign-in works end to end, and
/// the operator, in no account, still signs in with a password.
#[tokio::test]
async fn four_s_sso_third_party_only_account_signs_in_through_its_provider_not_a_password() {
    let w = world().await;
    let provider = w.add_provider("admin-console", "workforce", false).await;
    w.link(provider, MANAGER, "manager-at-idp").await;

    let a = w.security(&w.manager, settings(false, true, false)).await;
    a.assert_problem(400, "invalid_input");
    assert_eq!(a.field(), Some("third_party_only"));
    assert!(
        a.body["detail"].as_str().unwrap().contains("Test IdP"),
        "{a:?}"
    );

    let (_, _, options) = w.flow(MANAGER).await;
    assert_eq!(
        options.len(),
        1,
        "the workforce provider is offered: {options:?}"
    );
    assert_eq!(options[0].client_id, "admin-console");

    let a = w.sign_in_through(provider, MANAGER, "manager-at-idp").await;
    assert_eq!(a.status, StatusCode::CREATED, "{a:?}");
    assert_eq!(a.body["user"]["username"], MANAGER);
    let sso_token = a.body["token"].as_str().unwrap().to_string();
    assert_eq!(w.s.me(&sso_token).await.status, StatusCode::OK);

    let a = w.security(&sso_token, settings(false, true, false)).await;
    assert_eq!(a.status, StatusCode::OK, "{a:?}");
    assert_eq!(a.body["third_party_only"], true);

    w.s.sign_in_raw(MANAGER, DEMO_PASSWORD)
        .await
        .assert_problem(403, "third_party_sign_in_only");
    let a = w.sign_in_through(provider, MANAGER, "manager-at-idp").await;
    assert_eq!(a.status, StatusCode::CREATED, "{a:?}");
    w.s.sign_in_demo(OPERATOR).await;

    // Nor can its last linked user be unlinked; with a second one linked, the first can.
    let manager_id = w.s.user_id(MANAGER).await;
    let (w, sso_token) = (&w, &sso_token);
    let unlink = |user_id: i64| async move {
        w.s.delete(
            &format!("/api/v1/identity-providers/{provider}/links/{user_id}"),
            Some(sso_token),
        )
        .await
    };
    let refused = unlink(manager_id).await;
    refused.assert_problem(409, "conflict");
    assert!(
        refused.body["detail"]
            .as_str()
            .unwrap()
            .contains("nobody could sign in"),
        "{refused:?}"
    );
    let viewer = w.s.user_with_role("viewer").await;
    w.link(provider, &viewer, "viewer-at-idp").await;
    assert_eq!(unlink(manager_id).await.status, StatusCode::NO_CONTENT);

    // The last provider of a third-party-only account cannot go: nobody could sign in.
    let gone =
        w.s.delete(
            &format!("/api/v1/identity-providers/{provider}"),
            Some(sso_token),
        )
        .await;
    gone.assert_problem(409, "conflict");
}

/// Clause 4S-SSO: a Service Operator's break-glass path: turning third-party-only off
/// for an account whose provider fails works with the operator's password, is audited
/// and told to every user of the account; their passwords work again.
#[tokio::test]
async fn four_s_sso_operator_break_glass_turns_third_party_only_off() {
    let w = world().await;
    let provider = w.add_provider("admin-console", "workforce", false).await;
    w.link(provider, MANAGER, "manager-at-idp").await;
    let sso = w.sign_in_through(provider, MANAGER, "manager-at-idp").await;
    let sso = sso.body["token"].as_str().unwrap().to_string();
    let a = w.security(&sso, settings(false, true, false)).await;
    assert_eq!(a.status, StatusCode::OK, "{a:?}");

    let operator = w.s.sign_in_demo(OPERATOR).await;
    let a = w.security(&operator, settings(false, false, false)).await;
    assert_eq!(a.status, StatusCode::OK, "{a:?}");
    w.s.sign_in_demo(MANAGER).await;
    let said: Vec<String> = admin_service::db::query_scalar(
        "SELECT n.message FROM user_notifications n JOIN users u ON u.id = n.user_id \
         WHERE u.username = ? ORDER BY n.id",
    )
    .bind(MANAGER)
    .fetch_all(w.s.db())
    .await
    .unwrap();
    assert!(
        said.iter().any(|m| m.contains("break-glass")),
        "the account's users are told: {said:?}"
    );
    let audited: i64 = admin_service::db::query_scalar(
        "SELECT COUNT(*) FROM audit_events WHERE actor = ? AND action LIKE 'PUT %/security'",
    )
    .bind(OPERATOR)
    .fetch_one(w.s.db())
    .await
    .unwrap();
    assert_eq!(audited, 1, "the operator's change is in the audit log");
}

/// Clause UQ-NO-SOCIAL-LOGIN: a social provider is neither offered nor accepted until
/// the account turns social sign-in on; then it is both.
#[tokio::test]
async fn uq_no_social_login_social_provider_refused_until_the_account_allows_it() {
    let w = world().await;
    let provider = w.add_provider("admin-console", "social", false).await;
    w.link(provider, MANAGER, "manager-at-social").await;

    let (flow, nonce, options) = w.flow(MANAGER).await;
    assert!(options.is_empty(), "social is off by default: {options:?}");
    let token = id_token(
        &w.option(provider, "admin-console"),
        &nonce,
        "manager-at-social",
    )
    .await;
    let a = w.finish(&flow, provider, token.expose()).await;
    a.assert_problem(403, "social_sign_in_off");

    let a = w.security(&w.manager, settings(false, false, true)).await;
    assert_eq!(a.status, StatusCode::OK, "{a:?}");
    let (_, _, options) = w.flow(MANAGER).await;
    assert_eq!(options.len(), 1, "{options:?}");
    assert_eq!(options[0].kind, IdentityProviderKind::Social);
    let a = w
        .sign_in_through(provider, MANAGER, "manager-at-social")
        .await;
    assert_eq!(a.status, StatusCode::CREATED, "{a:?}");
}

fn rejected(a: &Answer, why: &str) {
    a.assert_problem(401, "id_token_rejected");
    let detail = a.body["detail"].as_str().unwrap_or_default();
    assert!(detail.contains(why), "expected '{why}' in: {a:?}");
}

/// Clause 4S-SSO: the service checks every ID token: a changed payload (another
/// subject) fails the signature, an unsigned token is refused, a token issued to
/// another client is the wrong audience, an expired one is refused, a token carrying
/// another sign-in's nonce is refused, and a used flow cannot be used again.
#[tokio::test]
async fn four_s_sso_forged_expired_and_wrong_audience_id_tokens_are_refused() {
    let w = world().await;
    let provider = w.add_provider("admin-console", "workforce", false).await;
    w.link(provider, MANAGER, "manager-at-idp").await;
    w.link(
        provider,
        &w.s.user_with_role("viewer").await,
        "viewer-at-idp",
    )
    .await;

    // Forged: the viewer's token, its payload changed to name the manager.
    let (flow, nonce, _) = w.flow(MANAGER).await;
    let real = id_token(
        &w.option(provider, "admin-console"),
        &nonce,
        "viewer-at-idp",
    )
    .await;
    let parts: Vec<&str> = real.expose().split('.').collect();
    let mut claims: Value =
        serde_json::from_slice(&URL_SAFE_NO_PAD.decode(parts[1]).unwrap()).unwrap();
    claims["sub"] = json!("manager-at-idp");
    let payload = URL_SAFE_NO_PAD.encode(serde_json::to_vec(&claims).unwrap());
    let forged = format!("{}.{payload}.{}", parts[0], parts[2]);
    rejected(&w.finish(&flow, provider, &forged).await, "signature");
    let unsigned = format!(
        "{}.{payload}.",
        URL_SAFE_NO_PAD.encode(br#"{"alg":"none","typ":"JWT"}"#)
    );
    w.finish(&flow, provider, &unsigned)
        .await
        .assert_problem(401, "id_token_rejected");

    // Wrong audience: a token the provider issued to another of its clients.
    let other = id_token(&w.option(provider, "other-app"), &nonce, "manager-at-idp").await;
    rejected(&w.finish(&flow, provider, other.expose()).await, "aud");

    // Another sign-in's nonce.
    let (flow2, _, _) = w.flow(MANAGER).await;
    rejected(&w.finish(&flow2, provider, real.expose()).await, "nonce");

    // The genuine token works once; the flow is then used up.
    let a = w.finish(&flow, provider, real.expose()).await;
    assert_eq!(a.status, StatusCode::CREATED, "{a:?}");
    w.finish(&flow, provider, real.expose())
        .await
        .assert_problem(401, "sign_in_flow_expired");

    // Expired: the service's clock two hours on (the provider's tokens live one hour),
    // a flow started then, a token from the provider for it.
    w.s.clock.advance(chrono::Duration::hours(2));
    let (flow, nonce, _) = w.flow(MANAGER).await;
    let late = id_token(
        &w.option(provider, "admin-console"),
        &nonce,
        "manager-at-idp",
    )
    .await;
    rejected(&w.finish(&flow, provider, late.expose()).await, "expired");
}

/// Clause 4S-SSO: a subject linked to nobody is refused, saying what to do; a provider
/// that allows it links a first sign-in by a verified e-mail address of a user of the
/// account (never an unverified one), and later sign-ins use the link.
#[tokio::test]
async fn four_s_sso_unlinked_subject_refused_and_verified_email_links() {
    let w = world().await;
    let strict = w.add_provider("admin-console", "workforce", false).await;
    let a = w.sign_in_through(strict, MANAGER, "stranger-at-idp").await;
    a.assert_problem(403, "identity_not_linked");
    let detail = a.body["detail"].as_str().unwrap();
    assert!(detail.contains("Account Manager links it"), "{detail}");

    let viewer = w.s.user_with_role("viewer").await;
    admin_service::db::query(
        "UPDATE users SET email = 'viewer.sso@demo.example' WHERE username = ?",
    )
    .bind(&viewer)
    .execute(w.s.db())
    .await
    .unwrap();
    let a =
        w.s.put(
            &format!("/api/v1/identity-providers/{strict}"),
            Some(&w.manager),
            json!({"name": "Test IdP", "issuer": w.idp.issuer, "client_id": "admin-console",
                   "kind": "workforce", "link_by_email": true}),
        )
        .await;
    assert_eq!(a.status, StatusCode::OK, "{a:?}");
    w.sign_in_through(strict, &viewer, "unverified+viewer.sso@demo.example")
        .await
        .assert_problem(403, "identity_not_linked");
    let a = w
        .sign_in_through(strict, &viewer, "viewer.sso@demo.example")
        .await;
    assert_eq!(a.status, StatusCode::CREATED, "{a:?}");
    assert_eq!(a.body["user"]["username"], viewer.as_str());
    let list =
        w.s.get(
            &format!("/api/v1/accounts/{}/identity-providers", w.account),
            Some(&w.manager),
        )
        .await;
    assert_eq!(list.body["items"][0]["linked_users"], 1, "{list:?}");
}

/// Clause 4S-SSO: an account that requires two factors still asks for its TOTP after a
/// provider's sign-in that asserts no multi-factor authentication (`amr`).
#[tokio::test]
async fn four_s_sso_two_factor_rule_applies_to_third_party_sign_in() {
    let w = world().await;
    let provider = w.add_provider("admin-console", "workforce", false).await;
    w.link(provider, MANAGER, "manager-at-idp").await;
    let a = w.security(&w.manager, settings(true, false, false)).await;
    assert_eq!(a.status, StatusCode::OK, "{a:?}");
    let a = w.sign_in_through(provider, MANAGER, "manager-at-idp").await;
    assert_eq!(a.status, StatusCode::FORBIDDEN, "{a:?}");
    assert!(
        a.problem_code().starts_with("two_factor"),
        "the TOTP rule applies: {a:?}"
    );
}

/// Clause 4S-SSO: on a third-party-only account that requires two factors, a user with no
/// authenticator whose provider asserts no multi-factor enrols one with the flow's ID token
/// (there is no password to enrol with), then finishes the same flow with its first code. A
/// second enrolment is refused; a forged token enrols nobody.
#[tokio::test]
async fn four_s_sso_third_party_only_user_enrols_an_authenticator_with_the_providers_token() {
    let w = world().await;
    let provider = w.add_provider("admin-console", "workforce", false).await;
    w.link(provider, MANAGER, "manager-at-idp").await;
    let viewer = w.s.user_with_role("viewer").await;
    w.link(provider, &viewer, "viewer-at-idp").await;
    let a = w.sign_in_through(provider, MANAGER, "manager-at-idp").await;
    let sso = a.body["token"].as_str().unwrap().to_string();
    let a = w.security(&sso, settings(true, true, false)).await;
    assert_eq!(a.status, StatusCode::OK, "{a:?}");

    let (flow, nonce, _) = w.flow(&viewer).await;
    let token = id_token(
        &w.option(provider, "admin-console"),
        &nonce,
        "viewer-at-idp",
    )
    .await;
    w.finish(&flow, provider, token.expose())
        .await
        .assert_problem(403, "two_factor_enrolment_required");
    let enrol = |id_token: String| {
        w.s.post(
            "/api/v1/totp-enrolments/third-party",
            None,
            json!({"flow_id": flow, "provider_id": provider, "id_token": id_token}),
        )
    };
    enrol(format!("{}x", token.expose()))
        .await
        .assert_problem(401, "id_token_rejected");
    let enrolled = enrol(token.expose().to_string()).await;
    assert_eq!(enrolled.status, StatusCode::CREATED, "{enrolled:?}");
    let seed = enrolled.body["secret"].as_str().unwrap();
    let code = totp_rs::Builder::new()
        .with_secret(totp_rs::Secret::try_from_base32(seed).unwrap())
        .build()
        .unwrap()
        .generate(w.s.now().timestamp() as u64)
        .to_string();
    let signed_in = w
        .s
        .post(
            "/api/v1/sessions/third-party",
            None,
            json!({"flow_id": flow, "provider_id": provider, "id_token": token.expose(), "totp": code}),
        )
        .await;
    assert_eq!(signed_in.status, StatusCode::CREATED, "{signed_in:?}");
    assert_eq!(signed_in.body["user"]["username"], viewer.as_str());

    let (flow, nonce, _) = w.flow(&viewer).await;
    let token = id_token(
        &w.option(provider, "admin-console"),
        &nonce,
        "viewer-at-idp",
    )
    .await;
    w.s.post(
        "/api/v1/totp-enrolments/third-party",
        None,
        json!({"flow_id": flow, "provider_id": provider, "id_token": token.expose()}),
    )
    .await
    .assert_problem(409, "conflict");
}

/// Clause 4S-SSO: a provider that asserts multi-factor authentication (`amr: ["pwd",
/// "otp"]`) satisfies the account's two-factor rule: no TOTP is asked.
#[tokio::test]
async fn four_s_sso_provider_asserting_multi_factor_satisfies_the_two_factor_rule() {
    let w = world().await;
    let provider = w.add_provider("admin-console", "workforce", false).await;
    w.link(provider, MANAGER, "mfa+manager-at-idp").await;
    let a = w.security(&w.manager, settings(true, false, false)).await;
    assert_eq!(a.status, StatusCode::OK, "{a:?}");
    let a = w
        .sign_in_through(provider, MANAGER, "mfa+manager-at-idp")
        .await;
    assert_eq!(a.status, StatusCode::CREATED, "{a:?}");
}

/// Clause 4S-SSO: the provider editor's links: listed by username, and an unlinked
/// user's next sign-in through the provider is refused as an unlinked subject.
#[tokio::test]
async fn four_s_sso_unlinked_user_is_refused_at_the_next_sign_in() {
    let w = world().await;
    let provider = w.add_provider("admin-console", "workforce", false).await;
    w.link(provider, MANAGER, "manager-at-idp").await;
    let path = format!("/api/v1/identity-providers/{provider}/links");
    let list = w.s.get(&path, Some(&w.manager)).await;
    assert_eq!(list.body["items"][0]["username"], MANAGER, "{list:?}");
    assert_eq!(
        list.body["items"][0]["subject"], "manager-at-idp",
        "{list:?}"
    );
    let user = w.s.user_id(MANAGER).await;
    let a =
        w.s.delete(&format!("{path}/{user}"), Some(&w.manager))
            .await;
    assert_eq!(a.status, StatusCode::NO_CONTENT, "{a:?}");
    let list = w.s.get(&path, Some(&w.manager)).await;
    assert_eq!(list.body["items"], json!([]), "{list:?}");
    let a = w.sign_in_through(provider, MANAGER, "manager-at-idp").await;
    a.assert_problem(403, "identity_not_linked");
}

/// The provider's settings are checked: https only (4S-TLS), a name, a client id.
#[tokio::test]
async fn identity_provider_settings_are_checked() {
    let s = TestService::start().await;
    let m = s.sign_in_demo(MANAGER).await;
    let path = format!(
        "/api/v1/accounts/{}/identity-providers",
        s.demo_account_id().await
    );
    let a = s
        .post(
            &path,
            Some(&m),
            json!({"name": "IdP", "issuer": "http://login.example.com", "client_id": "c",
                   "kind": "workforce"}),
        )
        .await;
    a.assert_problem(400, "invalid_input");
    assert_eq!(a.field(), Some("issuer"));
    let a = s
        .post(
            &path,
            Some(&m),
            json!({"name": " ", "issuer": "https://login.example.com", "client_id": "c",
                   "kind": "workforce"}),
        )
        .await;
    assert_eq!(a.field(), Some("name"), "{a:?}");
}

/// Clauses 4S-SSO, FZ-THIRD-PARTY-PW: the console's way, through `admin_client` only:
/// the manager adds and links the provider, then signs in with the browser step; the
/// token reaches the service once and nothing of the provider's is kept.
#[tokio::test]
async fn four_s_sso_console_client_signs_in_through_the_provider() {
    let w = world().await;
    let manager = admin_client::Client::new(&w.s.base)
        .unwrap()
        .with_token(admin_api::Secret::new(w.manager.clone()));
    let provider = manager
        .add_identity_provider(
            w.account,
            &admin_api::IdentityProviderSettings {
                name: "Test IdP".into(),
                issuer: w.idp.issuer.clone(),
                client_id: "admin-console".into(),
                kind: IdentityProviderKind::Workforce,
                link_by_email: false,
            },
        )
        .await
        .unwrap();
    manager
        .link_identity(
            provider.id,
            &admin_api::NewIdentityLink {
                user_id: w.s.user_id(MANAGER).await,
                subject: "manager-at-idp".into(),
            },
        )
        .await
        .unwrap();
    let listed = manager.identity_providers(w.account).await.unwrap();
    assert_eq!(listed.items[0].linked_users, 1);

    let anonymous = admin_client::Client::new(&w.s.base).unwrap();
    let flow = anonymous.start_sign_in_flow(MANAGER).await.unwrap();
    let option = &flow.options[0];
    assert_eq!(option.name, "Test IdP");
    let token = id_token(option, &flow.nonce, "manager-at-idp").await;
    let session = anonymous
        .sign_in_third_party(&flow, option.provider_id, token, None)
        .await
        .unwrap();
    assert_eq!(session.user.username, MANAGER);
}
