//! Over 500 lines: the demo workspace's seed data, one function per panel, read top to bottom.
//! The demo workspace: the same account, channels and people every time, so screenshots,
//! tests and a new user's first look all agree.

use crate::db;
use crate::db::Db;
use crate::error::ApiResult;
use crate::passwords;
use admin_api::Role;
use chrono::{DateTime, Datelike, Duration, TimeZone, Utc, Weekday};
use sha2::{Digest, Sha256};
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

/// The demo users' password hashes: each user their own salt, though the demo password is
/// public, since a shared hash would tell that the users share a password. Hashed on every
/// core once per process and reused by every later seeding in it (each test's service, a
/// demo started again), where they were half of a test's start-up.
async fn demo_hashes(n: usize) -> ApiResult<&'static [String]> {
    static HASHES: tokio::sync::OnceCell<Vec<String>> = tokio::sync::OnceCell::const_new();
    let hashes = HASHES
        .get_or_try_init(|| async move {
            tokio::task::spawn_blocking(move || passwords::hash_many_blocking(DEMO_PASSWORD, n))
                .await
                .map_err(|e| crate::error::ApiError::Internal(e.to_string()))?
        })
        .await?;
    Ok(&hashes[..n])
}

/// Seeds an empty database as of `now`; leaves one that has any account alone. True when it
/// seeded. `now` is passed in so that what the demo promises can be checked at any date.
pub async fn seed_if_empty(db: &Db, now: DateTime<Utc>) -> ApiResult<bool> {
    let accounts: i64 = db::query_scalar("SELECT COUNT(*) FROM accounts")
        .fetch_one(db)
        .await?;
    if accounts > 0 {
        return Ok(false);
    }
    let people = people();
    let hashes = demo_hashes(people.len()).await?;
    let mut tx = crate::db::begin_write(db).await?;
    let account_id: i64 = db::query_scalar("INSERT INTO accounts (name) VALUES (?) RETURNING id")
        .bind(ACCOUNT)
        .fetch_one(&mut *tx)
        .await?;
    let mut channel_ids = Vec::new();
    for name in CHANNELS {
        let id: i64 =
            db::query_scalar("INSERT INTO channels (account_id, name) VALUES (?, ?) RETURNING id")
                .bind(account_id)
                .bind(name)
                .fetch_one(&mut *tx)
                .await?;
        channel_ids.push(id);
    }
    for (person, hash) in people.iter().zip(hashes) {
        let account = (person.role != Role::ServiceOperator).then_some(account_id);
        let email = person
            .username
            .contains('@')
            .then(|| person.username.clone());
        let phone = person
            .username
            .starts_with('+')
            .then(|| person.username.clone());
        let user_id: i64 = db::query_scalar(
            "INSERT INTO users (username, display_name, email, phone, account_id, password_hash, blocked, created_at) \
             VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
        )
        .bind(&person.username)
        .bind(&person.display_name)
        .bind(email)
        .bind(phone)
        .bind(account)
        .bind(hash)
        .bind(person.blocked)
        .bind(created_at())
        .fetch_one(&mut *tx)
        .await?;
        let (level, scope_id) = match (person.role, person.channel) {
            (Role::ServiceOperator, _) => ("platform", 0),
            (_, Some(c)) => ("channel", channel_ids[c]),
            (_, None) => ("account", account_id),
        };
        db::query(
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
    // The calendar has to look alive whenever the demo is first opened, so its windows
    // are placed around the time of seeding, not a fixed date.
    seed_maintenance(db, now).await?;
    Ok(true)
}

/// Months of uptime history the demo shows.
pub const HISTORY_MONTHS: i64 = 13;

/// Days of samples the console's first panels read: this month's SLA, the 90 daily bars and
/// the last 7 days of response times. The console seeds the older months after its first
/// panel is drawn (issue 18); they are most of the half million rows.
pub const RECENT_DAYS: i64 = 95;

/// Fills the built-in health monitor with 13 months of minute samples ending at `now`,
/// unless it has samples already. 7-minute outages recur every ~9 days; one 3 h 30 min
/// outage on a Tuesday morning about four months back breaks that month's 99.8 %.
/// SQLite generates the rows itself: half a million inserts from Rust would slow every
/// demo start. Returns how many samples it wrote.
pub async fn seed_history(db: &Db, now: DateTime<Utc>) -> ApiResult<i64> {
    let recent = seed_recent_history(db, now).await?;
    Ok(recent + seed_older_history(db).await?)
}

/// The last `RECENT_DAYS` of `seed_history`, unless the monitor has samples already.
pub async fn seed_recent_history(db: &Db, now: DateTime<Utc>) -> ApiResult<i64> {
    db::query(format!(
        "INSERT INTO monitors (name, kind, target, interval_s, builtin, created_at) \
         VALUES ('Admin API health', 'http', NULL, 60, TRUE, ?) ON CONFLICT (builtin) WHERE {} DO NOTHING",
        crate::monitoring::one_builtin(db.backend())
    ))
    .bind(now)
    .execute(db)
    .await?;
    let (id, created_at) = builtin_monitor(db).await?;
    // Whether any sample is there, not how many: this runs on every start of the demo, before
    // its first panel, and counting read half a million rows.
    let existing: i64 = db::query_scalar(
        "SELECT COUNT(*) FROM (SELECT 1 FROM monitor_samples WHERE monitor_id = ? LIMIT 1) AS any_sample",
    )
    .bind(id)
    .fetch_one(db)
    .await?;
    if existing > 0 {
        return Ok(0);
    }
    let span = HistorySpan::ending(created_at);
    insert_samples(db, id, &span, span.count - RECENT_DAYS * 1440, span.count).await
}

/// The months before the last `RECENT_DAYS`, unless they are there. The span is reckoned from
/// the monitor's creation, so a console stopped before this ran seeds the same minutes at its
/// next start.
pub async fn seed_older_history(db: &Db) -> ApiResult<i64> {
    let (id, created_at) = builtin_monitor(db).await?;
    let span = HistorySpan::ending(created_at);
    let recent_from = span.start + (span.count - RECENT_DAYS * 1440) * 60;
    let older: i64 = db::query_scalar(
        "SELECT COUNT(*) FROM (SELECT 1 FROM monitor_samples WHERE monitor_id = ? AND at < ? LIMIT 1) AS any_sample",
    )
    .bind(id)
    .bind(recent_from)
    .fetch_one(db)
    .await?;
    if older > 0 {
        return Ok(0);
    }
    let written = insert_samples(db, id, &span, 0, span.count - RECENT_DAYS * 1440).await?;
    // A month's report kept while these minutes were missing counted them as no data.
    if let Some(first) = DateTime::from_timestamp(span.start, 0) {
        crate::sla_report::forget_from(db, id, first).await?;
    }
    Ok(written)
}

async fn builtin_monitor(db: &Db) -> ApiResult<(i64, DateTime<Utc>)> {
    Ok(
        db::query_as("SELECT id, created_at FROM monitors WHERE builtin = TRUE")
            .fetch_one(db)
            .await?,
    )
}

/// The minutes of the seeded history and where its long outage falls.
struct HistorySpan {
    start: i64,
    count: i64,
    outage: (i64, i64),
}

impl HistorySpan {
    fn ending(now: DateTime<Utc>) -> Self {
        let end = now.timestamp() / 60 * 60;
        let start = end - HISTORY_MONTHS * 30 * 86_400 - 86_400 * 6;
        let helsinki = chrono_tz::Europe::Helsinki;
        let mut day = (now - Duration::days(120))
            .with_timezone(&helsinki)
            .date_naive();
        while day.weekday() != Weekday::Tue {
            day = day.succ_opt().unwrap_or(day);
        }
        let outage_start = helsinki
            .from_local_datetime(&day.and_hms_opt(9, 0, 0).unwrap_or_default())
            .earliest()
            .map_or(start, |t| t.timestamp());
        let first = (outage_start - start) / 60;
        HistorySpan {
            start,
            count: (end - start) / 60,
            outage: (first, first + 210),
        }
    }
}

/// Writes the samples of minutes `from..to` of `span`.
async fn insert_samples(
    db: &Db,
    id: i64,
    span: &HistorySpan,
    from: i64,
    to: i64,
) -> ApiResult<i64> {
    let (b0, b1) = span.outage;
    let written = db::query(
        "WITH RECURSIVE m(i) AS (SELECT CAST(? AS BIGINT) UNION ALL SELECT i + 1 FROM m WHERE i + 1 < ?) \
         INSERT INTO monitor_samples (monitor_id, at, up, status_code, latency_ms) \
         SELECT ?, ? + i * 60, \
           CASE WHEN i % 12967 < 7 OR i BETWEEN ? AND ? THEN FALSE ELSE TRUE END, \
           CASE WHEN i % 12967 < 7 OR i BETWEEN ? AND ? THEN 503 ELSE 200 END, \
           CASE WHEN i % 12967 < 7 OR i BETWEEN ? AND ? THEN NULL \
                ELSE 38 + (i * 7919) % 29 + CASE WHEN (i + 120) % 1440 BETWEEN 420 AND 1080 THEN 24 ELSE 0 END END \
         FROM m",
    )
    .bind(from)
    .bind(to)
    .bind(id)
    .bind(span.start)
    .bind(b0)
    .bind(b1)
    .bind(b0)
    .bind(b1)
    .bind(b0)
    .bind(b1)
    .execute(db)
    .await?;
    Ok(written.rows_affected() as i64)
}

/// 90 nights of backup history before `now`: one night missed (40 nights back, with its
/// alert), weekly drills of which one failed (three weeks back). These are records only;
/// the files of old nights are long pruned, and the live job adds real snapshots.
pub async fn seed_backup_history(db: &Db, now: DateTime<Utc>) -> ApiResult<bool> {
    let any: i64 = db::query_scalar("SELECT COUNT(*) FROM backups")
        .fetch_one(db)
        .await?;
    if any > 0 {
        return Ok(false);
    }
    let tz = chrono_tz::Europe::Helsinki;
    let today = now.with_timezone(&tz).date_naive();
    let mut tx = crate::db::begin_write(db).await?;
    let mut taken = Vec::new();
    for back in (1..=90i64).rev() {
        let day = today - Duration::days(back);
        let at = tz
            .from_local_datetime(&day.and_hms_opt(2, 0, back as u32 % 50).unwrap_or_default())
            .earliest()
            .map_or(now, |t| t.with_timezone(&Utc));
        if back == 40 {
            db::query("INSERT INTO backup_alerts (at, kind, subject, message) VALUES (?, 'missed_backup', ?, ?)")
                .bind(at + Duration::hours(2))
                .bind(day.to_string())
                .bind(format!("No backup was made on the night of {day}."))
                .execute(&mut *tx)
                .await?;
            continue;
        }
        let users = 50 + (90 - back) / 9;
        let audit = 40_000 + (90 - back) * 1_350;
        let counts =
            format!("{{\"accounts\":1,\"audit_events\":{audit},\"channels\":3,\"users\":{users}}}");
        let size = 3_900_000 + (90 - back) * 52_000;
        let sha = hex::encode(Sha256::digest(format!("demo-backup-{day}").as_bytes()));
        let id: i64 = db::query_scalar(
            "INSERT INTO backups (started_at, local_date, status, size_bytes, sha256, row_counts, duration_ms, retention) \
             VALUES (?, ?, 'ok', ?, ?, ?, ?, 'expired') RETURNING id",
        )
        .bind(at)
        .bind(day.to_string())
        .bind(size)
        .bind(sha)
        .bind(counts)
        .bind(380 + (back * 37) % 420)
        .fetch_one(&mut *tx)
        .await?;
        taken.push((id, at));
        if back % 7 == 0 {
            let failed = back == 21;
            let reason = failed.then_some(
                "table audit_events: the manifest has 63350 rows, the restored copy 63311",
            );
            db::query(
                "INSERT INTO backup_drills (backup_id, started_at, passed, reason, duration_ms) VALUES (?, ?, ?, ?, ?)",
            )
            .bind(id)
            .bind(at + Duration::minutes(30))
            .bind(!failed)
            .bind(reason)
            .bind(1_900 + back * 11)
            .execute(&mut *tx)
            .await?;
            if let Some(reason) = reason {
                db::query("INSERT INTO backup_alerts (at, kind, subject, message) VALUES (?, 'failed_drill', ?, ?)")
                    .bind(at + Duration::minutes(31))
                    .bind(format!("demo-drill-{day}"))
                    .bind(format!("The restore drill of backup {id} failed: {reason}"))
                    .execute(&mut *tx)
                    .await?;
            }
        }
    }
    // The same retention the live job applies, so the snapshot picker has kept snapshots.
    let times: Vec<DateTime<Utc>> = taken.iter().map(|t| t.1).collect();
    for ((id, _), class) in taken.iter().zip(admin_policy::backup::classify(
        &times,
        tz,
        Default::default(),
    )) {
        db::query("UPDATE backups SET retention = ? WHERE id = ?")
            .bind(class.as_str())
            .bind(id)
            .execute(&mut *tx)
            .await?;
    }
    tx.commit().await?;
    Ok(true)
}

/// Demo maintenance around `now`: past windows, upcoming routine and daytime ones, one
/// cancelled, next month close to the 8 h cap (4S-MAINT-CAP), and two releases. A window
/// that would break a rule next to the others is left out, so the demo never does.
pub async fn seed_maintenance(db: &Db, now: DateTime<Utc>) -> ApiResult<()> {
    use admin_policy::maintenance::{
        check_window, helsinki_to_utc, BusinessHours, Month, HELSINKI,
    };
    let today = now.with_timezone(&HELSINKI).date_naive();
    let next_month = Month::of(now)
        .next()
        .starts_at()
        .with_timezone(&HELSINKI)
        .date_naive();
    let at = |day: chrono::NaiveDate, days: i64, h: u32, m: u32| {
        helsinki_to_utc(
            (day + chrono::Duration::days(days))
                .and_hms_opt(h, m, 0)
                .expect("valid time"),
        )
    };
    // Next month's windows come first: they bring it close to the cap whatever today is,
    // and a near-term window that would push it over (at a month's end) is the one left out.
    let plan = [
        (
            "Storage migration",
            "File storage moves to a new cluster.",
            "Uploads are paused.",
            "storage",
            at(next_month, 5, 20, 0),
            at(next_month, 6, 2, 0),
            -3,
            false,
        ),
        (
            "Backup system upgrade",
            "The backup system gets a new version.",
            "Restores are unavailable.",
            "backups",
            at(next_month, 12, 21, 0),
            at(next_month, 12, 22, 30),
            -3,
            false,
        ),
        (
            "Database engine patch",
            "Minor version upgrade of the primary database.",
            "The service may answer slowly for a few minutes.",
            "database",
            at(today, -20, 21, 0),
            at(today, -20, 23, 0),
            -27,
            false,
        ),
        (
            "Network switch replacement",
            "Core switches in the Ireland region are replaced.",
            "Short interruptions of a few seconds.",
            "network",
            at(today, -6, 22, 0),
            at(today, -5, 0, 30),
            -14,
            false,
        ),
        (
            "Search index rebuild",
            "The search index is rebuilt from scratch.",
            "Search results may be incomplete.",
            "search",
            at(today, 3, 21, 0),
            at(today, 3, 23, 0),
            -2,
            false,
        ),
        (
            "Sign-in service upgrade",
            "The sign-in service moves to new servers.",
            "Sign-in is unavailable; signed-in users stay signed in.",
            "sign-in",
            at(today, 12, 10, 0),
            at(today, 12, 11, 0),
            -1,
            false,
        ),
        (
            "Load balancer certificates",
            "Certificates renewed on the load balancers.",
            "None expected.",
            "network",
            at(today, 5, 23, 0),
            at(today, 6, 0, 0),
            -4,
            true,
        ),
    ];
    let mut kept: Vec<admin_policy::maintenance::Window> = Vec::new();
    for (title, description, impact, component, starts_at, ends_at, announced, cancelled) in plan {
        let announced_at = starts_at + chrono::Duration::days(announced);
        let announced_at = announced_at.min(now);
        let window = admin_policy::maintenance::Window {
            id: None,
            starts_at,
            ends_at,
            announced_at: Some(announced_at),
            cancelled,
        };
        if !check_window(&window, &kept, BusinessHours::default()).is_empty() {
            continue;
        }
        kept.push(window);
        let status = if cancelled {
            "cancelled"
        } else if ends_at <= now {
            "completed"
        } else if starts_at <= now {
            "in_progress"
        } else {
            "scheduled"
        };
        db::query(
            "INSERT INTO maintenance_windows (title, description, impact, affected_components, \
             starts_at, ends_at, status, announced_at, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        )
        .bind(title)
        .bind(description)
        .bind(impact)
        .bind(format!("[\"{component}\"]"))
        .bind(starts_at)
        .bind(ends_at)
        .bind(status)
        .bind(announced_at)
        .bind(announced_at)
        .execute(db)
        .await?;
    }
    for (title, description, ships_in, larger) in [
        ("Weekly update", "Fixes and small improvements.", 2, false),
        (
            "New user management view",
            "Users, roles and invitations move into one view.",
            12,
            true,
        ),
    ] {
        db::query(
            "INSERT INTO releases (title, description, ships_at, larger_change, announced_at) VALUES (?, ?, ?, ?, ?)",
        )
        .bind(title)
        .bind(description)
        .bind(at(today, ships_in, 9, 0))
        .bind(larger)
        .bind(now - chrono::Duration::days(1))
        .execute(db)
        .await?;
    }
    Ok(())
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
pub async fn seed_audit(db: &Db, n: u64, until: DateTime<Utc>) -> ApiResult<i64> {
    use crate::audit::{append_bulk, NewEvent, NewEventAt};
    let people: Vec<(String, Option<i64>)> =
        db::query_as("SELECT username, account_id FROM users ORDER BY id")
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
                    subject: None,
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
