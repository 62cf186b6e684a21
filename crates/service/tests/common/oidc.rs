//! A real OpenID Provider for the tests (`tests/oidc/provider.mjs`, the `oidc-provider`
//! package on node), and a scripted browser that signs in on its pages.

use admin_api::{Secret, SignInOption};
use std::collections::BTreeMap;
use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Stdio};
use std::time::Duration;

/// The provider process; killed when dropped (its stdin closing stops it too).
pub struct Provider {
    pub issuer: String,
    child: Child,
}

impl Provider {
    pub fn start() -> Provider {
        let root = concat!(env!("CARGO_MANIFEST_DIR"), "/../..");
        let mut child = Command::new("node")
            .arg("tests/oidc/provider.mjs")
            .current_dir(root)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("node runs tests/oidc/provider.mjs (npm install at the repository root)");
        let stdout = child.stdout.take().expect("stdout");
        let mut lines = BufReader::new(stdout).lines();
        let issuer = loop {
            match lines.next() {
                Some(Ok(line)) => {
                    if let Some(issuer) = line.strip_prefix("issuer=") {
                        break issuer.to_string();
                    }
                }
                _ => panic!("the OpenID provider did not start"),
            }
        };
        // Kept draining: a closed pipe would end the provider at its next line.
        std::thread::spawn(move || lines.for_each(drop));
        Provider { issuer, child }
    }
}

impl Drop for Provider {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// A browser that follows the provider's pages: the login form (`login` is the subject)
/// and the consent form, then the redirect back to the console's loopback listener. It
/// keeps cookies; it runs on a thread of its own, as a browser would.
pub fn browser(login: &str) -> impl FnOnce(&str) -> Result<(), String> {
    let login = login.to_string();
    move |url: &str| {
        let url = url.to_string();
        tokio::spawn(async move {
            if let Err(e) = browse(&url, &login).await {
                eprintln!("scripted browser: {e}");
            }
        });
        Ok(())
    }
}

async fn browse(start: &str, login: &str) -> Result<(), String> {
    let http = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .no_proxy()
        .timeout(Duration::from_secs(20))
        .build()
        .map_err(|e| e.to_string())?;
    let base = url::Url::parse(start).map_err(|e| e.to_string())?;
    let mut jar: BTreeMap<String, String> = BTreeMap::new();
    let mut next = Some((
        reqwest::Method::GET,
        start.to_string(),
        None::<Vec<(String, String)>>,
    ));
    for _ in 0..20 {
        let Some((method, url, form)) = next.take() else {
            return Ok(());
        };
        let cookie = jar
            .iter()
            .map(|(k, v)| format!("{k}={v}"))
            .collect::<Vec<_>>()
            .join("; ");
        let mut req = http.request(method, &url).header("cookie", cookie);
        if let Some(form) = &form {
            req = req.form(form);
        }
        let resp = req.send().await.map_err(|e| {
            let cause = std::error::Error::source(&e).map(|s| format!("{s:?}"));
            format!("{e}: {cause:?}")
        })?;
        for value in resp.headers().get_all("set-cookie") {
            let value = value.to_str().unwrap_or_default();
            if let Some((name, rest)) = value.split(';').next().and_then(|kv| kv.split_once('=')) {
                jar.insert(name.to_string(), rest.to_string());
            }
        }
        if let Some(location) = resp.headers().get("location") {
            let to = base
                .join(location.to_str().unwrap_or_default())
                .map_err(|e| e.to_string())?;
            next = Some((reqwest::Method::GET, to.to_string(), None));
            continue;
        }
        let page_url = resp.url().clone();
        let html = resp.text().await.map_err(|e| e.to_string())?;
        if html.contains("name=\"prompt\" value=\"login\"") {
            next = Some((
                reqwest::Method::POST,
                form_action(&page_url, &html)?,
                Some(vec![
                    ("prompt".into(), "login".into()),
                    ("login".into(), login.to_string()),
                    ("password".into(), "any".into()),
                ]),
            ));
        } else if html.contains("name=\"prompt\" value=\"consent\"") {
            next = Some((
                reqwest::Method::POST,
                form_action(&page_url, &html)?,
                Some(vec![("prompt".into(), "consent".into())]),
            ));
        } else {
            // The console's loopback page, or the provider's error page: the end.
            return Ok(());
        }
    }
    Err("too many steps".into())
}

fn form_action(page: &url::Url, html: &str) -> Result<String, String> {
    let action = html
        .split("action=\"")
        .nth(1)
        .and_then(|rest| rest.split('"').next())
        .ok_or("no form on the provider's page")?;
    page.join(action)
        .map(|u| u.to_string())
        .map_err(|e| e.to_string())
}

/// The console's part of a sign-in, with the scripted browser signing in as `login`.
pub async fn id_token(option: &SignInOption, nonce: &str, login: &str) -> Secret {
    admin_client::oidc::sign_in_in_browser(option, nonce, browser(login), Duration::from_secs(60))
        .await
        .expect("the browser step completes")
}
