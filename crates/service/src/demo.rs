//! The demo workspace: the same account, channels and people every time, so screenshots,
//! tests and a new user's first look all agree.

use crate::error::ApiResult;
use crate::passwords;
use admin_api::Role;
use chrono::{DateTime, TimeZone, Utc};
use sqlx::SqlitePool;
use std::collections::HashSet;

/// Public by design: the demo says so on screen. A real workspace has nothing like it.
pub const DEMO_PASSWORD: &str = "demo-password";
pub const MANAGER: &str = "manager@demo.example";
pub const OPERATOR: &str = "operator@demo.example";
pub const ACCOUNT: &str = "Demo Oy";
pub const CHANNELS: [&str; 3] = ["Web shop", "Mobile app", "Partner portal"];

const FIRST: [&str; 24] = [
    "Aino", "Eino", "Helmi", "Väinö", "Sofia", "Leo", "Aada", "Elias", "Olivia", "Oliver", "Lilja",
    "Onni", "Ella", "Toivo", "Venla", "Eetu", "Kerttu", "Niilo", "Iida", "Aaro", "Saga", "Vilho",
    "Linnea", "Otso",
];
const LAST: [&str; 12] = [
    "Virtanen",
    "Korhonen",
    "Mäkinen",
    "Nieminen",
    "Mäkelä",
    "Hämäläinen",
    "Laine",
    "Heikkinen",
    "Koskinen",
    "Järvinen",
    "Lehtonen",
    "Saarinen",
];

/// One demo person: what the seed writes and what `--demo` prints.
pub struct DemoUser {
    pub username: String,
    pub display_name: String,
    pub role: Role,
    /// Index into CHANNELS for channel roles.
    pub channel: Option<usize>,
    pub blocked: bool,
}

fn ascii(name: &str) -> String {
    name.to_lowercase().replace('ä', "a").replace('ö', "o")
}

/// The people of the demo workspace, first the two who sign in from the README.
pub fn people() -> Vec<DemoUser> {
    let mut people = vec![
        DemoUser {
            username: OPERATOR.into(),
            display_name: "Olli Operaattori".into(),
            role: Role::ServiceOperator,
            channel: None,
            blocked: false,
        },
        DemoUser {
            username: MANAGER.into(),
            display_name: "Maija Manageri".into(),
            role: Role::AccountManager,
            channel: None,
            blocked: false,
        },
    ];
    let mut taken: HashSet<String> = HashSet::new();
    for i in 0..48usize {
        let (first, last) = (FIRST[i % FIRST.len()], LAST[(i * 5 + i / 12) % LAST.len()]);
        let mut base = format!("{}.{}", ascii(first), ascii(last));
        while !taken.insert(base.clone()) {
            base.push('x');
        }
        // Usernames come in all three forms the service accepts.
        let username = match i % 8 {
            6 => format!("+35840{:07}", 1_000_000 + i * 7919),
            7 => base,
            _ => format!("{base}@demo.example"),
        };
        let (role, channel) = match i % 8 {
            _ if i == 5 => (Role::AccountManager, None),
            0 => (Role::ChannelManager, Some(i % 3)),
            1..=3 => (Role::ChannelEditor, Some(i % 3)),
            _ => (Role::Viewer, Some(i % 3)),
        };
        people.push(DemoUser {
            username,
            display_name: format!("{first} {last}"),
            role,
            channel,
            blocked: i == 13,
        });
    }
    people
}

fn created_at() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 1, 5, 8, 0, 0).unwrap()
}

/// Seeds an empty database; leaves one that has any account alone. True when it seeded.
pub async fn seed_if_empty(db: &SqlitePool) -> ApiResult<bool> {
    let accounts: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM accounts")
        .fetch_one(db)
        .await?;
    if accounts > 0 {
        return Ok(false);
    }
    // One hash for all: the demo password is public, and 50 argon2 runs would slow every start.
    let hash = passwords::hash_blocking(DEMO_PASSWORD)?;
    let mut tx = db.begin().await?;
    let account_id: i64 = sqlx::query_scalar("INSERT INTO accounts (name) VALUES (?) RETURNING id")
        .bind(ACCOUNT)
        .fetch_one(&mut *tx)
        .await?;
    let mut channel_ids = Vec::new();
    for name in CHANNELS {
        let id: i64 = sqlx::query_scalar(
            "INSERT INTO channels (account_id, name) VALUES (?, ?) RETURNING id",
        )
        .bind(account_id)
        .bind(name)
        .fetch_one(&mut *tx)
        .await?;
        channel_ids.push(id);
    }
    for person in people() {
        let account = (person.role != Role::ServiceOperator).then_some(account_id);
        let email = person
            .username
            .contains('@')
            .then(|| person.username.clone());
        let phone = person
            .username
            .starts_with('+')
            .then(|| person.username.clone());
        let user_id: i64 = sqlx::query_scalar(
            "INSERT INTO users (username, display_name, email, phone, account_id, password_hash, blocked, created_at) \
             VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
        )
        .bind(&person.username)
        .bind(&person.display_name)
        .bind(email)
        .bind(phone)
        .bind(account)
        .bind(&hash)
        .bind(person.blocked)
        .bind(created_at())
        .fetch_one(&mut *tx)
        .await?;
        let (level, scope_id) = match (person.role, person.channel) {
            (Role::ServiceOperator, _) => ("platform", 0),
            (_, Some(c)) => ("channel", channel_ids[c]),
            (_, None) => ("account", account_id),
        };
        sqlx::query(
            "INSERT INTO role_assignments (user_id, role, scope_level, scope_id, granted_at) VALUES (?, ?, ?, ?, ?)",
        )
        .bind(user_id)
        .bind(person.role.as_str())
        .bind(level)
        .bind(scope_id)
        .bind(created_at())
        .execute(&mut *tx)
        .await?;
    }
    tx.commit().await?;
    Ok(true)
}

/// What the demo's audit log is made of: routes with the statuses they answer.
const DEMO_ACTIONS: [(&str, &str, u16); 10] = [
    ("GET /api/v1/me", "/api/v1/me", 200),
    ("POST /api/v1/sessions", "/api/v1/sessions", 201),
    ("POST /api/v1/sessions", "/api/v1/sessions", 401),
    (
        "DELETE /api/v1/sessions/current",
        "/api/v1/sessions/current",
        204,
    ),
    ("GET /api/v1/audit", "/api/v1/audit", 200),
    ("GET /api/v1/activities", "/api/v1/activities", 200),
    ("POST /api/v1/me/password", "/api/v1/me/password", 204),
    ("PATCH /api/v1/users/{id}", "/api/v1/users/", 200),
    ("POST /api/v1/users/{id}/block", "/api/v1/users/", 403),
    ("GET /api/v1/health", "/api/v1/health", 500),
];

/// Appends `n` realistic audit events, spread over the `days` before `until`, with valid
/// chains: the `--demo-audit N` seed for benchmarks. Returns the last sequence number.
pub async fn seed_audit(db: &SqlitePool, n: u64, until: DateTime<Utc>) -> ApiResult<i64> {
    use crate::audit::{append_bulk, NewEvent, NewEventAt};
    let people: Vec<(String, Option<i64>)> =
        sqlx::query_as("SELECT username, account_id FROM users ORDER BY id")
            .fetch_all(db)
            .await?;
    if people.is_empty() {
        return Err(crate::error::ApiError::Internal(
            "seed the demo workspace before its audit log".into(),
        ));
    }
    let span_micros: i64 = 90 * 24 * 3600 * 1_000_000;
    let start = until.timestamp_micros() - span_micros;
    let mut last = 0;
    // A fixed linear congruential sequence: the same log every time, no RNG state to seed.
    let mut x: u64 = 0x2545_f491_4f6c_dd1d;
    let mut next = || {
        x = x
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        x >> 33
    };
    let batch = 50_000u64;
    let mut done = 0u64;
    while done < n {
        let count = batch.min(n - done);
        let mut events = Vec::with_capacity(count as usize);
        for i in 0..count {
            let k = done + i;
            let at_micros = start + (span_micros / n.max(1) as i64) * k as i64;
            let (username, account_id) = &people[(next() % people.len() as u64) as usize];
            let (action, target, status) =
                DEMO_ACTIONS[(next() % DEMO_ACTIONS.len() as u64) as usize];
            let target = if target.ends_with('/') {
                format!("{target}{}", 1 + next() % 50)
            } else {
                target.to_string()
            };
            events.push(NewEventAt {
                at: DateTime::from_timestamp_micros(at_micros).unwrap_or(until),
                event: NewEvent {
                    actor: Some(username.clone()),
                    account_id: *account_id,
                    action: action.to_string(),
                    target,
                    status,
                    client_addr: Some(format!(
                        "10.{}.{}.{}",
                        next() % 4,
                        next() % 256,
                        1 + next() % 254
                    )),
                },
            });
        }
        last = append_bulk(db, events).await?;
        done += count;
    }
    Ok(last)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Clause UQ-UNIQUE-USERNAME: every demo username is valid and unique.
    #[test]
    fn demo_people_are_deterministic_and_valid() {
        let a: Vec<String> = people().into_iter().map(|p| p.username).collect();
        let b: Vec<String> = people().into_iter().map(|p| p.username).collect();
        assert_eq!(a, b);
        assert_eq!(a.len(), 50);
        let unique: HashSet<&String> = a.iter().collect();
        assert_eq!(unique.len(), a.len());
        for name in &a {
            assert_eq!(&admin_policy::username::parse(name).unwrap().value, name);
        }
    }
}
