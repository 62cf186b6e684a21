//! The outside prober (4S-SLA): a loop that runs apart from the service (the
//! `admin-service probe` subcommand, or the console's demo workspace), checks every http
//! monitor at its interval and reports the samples with heartbeats of its own. While the
//! service cannot be reached it keeps probing from the last target list it got and holds
//! the report back, so an outage of the service itself is recorded as down.

use crate::clock::Clock;
use crate::db;
use admin_api::{ProbeReport, ProbeReportResult, ProbeSample, ProbeTarget};
use chrono::{DateTime, Duration, DurationRound, Utc};
use std::collections::HashMap;
use std::sync::Arc;
use std::time::Instant;

/// Samples held back at most while the service is away (about 70 days of one monitor at
/// 60 s); older ones go first.
const MAX_HELD: usize = 100_000;

pub struct Prober {
    http: reqwest::Client,
    service: String,
    token: String,
    clock: Arc<dyn Clock>,
    targets: Vec<ProbeTarget>,
    last_probed: HashMap<i64, DateTime<Utc>>,
    held: ProbeReport,
}

/// What one round did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Round {
    pub probed: usize,
    /// The report reached the service (false: it is held for the next round).
    pub delivered: bool,
    pub held_samples: usize,
}

/// An answer below 500 is up; a 5xx, no answer or a timeout is down.
fn is_up(status: Option<reqwest::StatusCode>) -> bool {
    status.is_some_and(|s| !s.is_server_error())
}

impl Prober {
    /// `service` is the base URL (`http://127.0.0.1:8080`); `token` a prober token from
    /// `POST /api/v1/probers`.
    pub fn new(service: &str, token: &str, clock: Arc<dyn Clock>) -> Self {
        let http = reqwest::Client::builder()
            .no_proxy()
            .timeout(std::time::Duration::from_secs(10))
            .build()
            .unwrap_or_default();
        Prober {
            http,
            service: service.trim_end_matches('/').to_string(),
            token: token.trim().to_string(),
            clock,
            targets: Vec::new(),
            last_probed: HashMap::new(),
            held: ProbeReport::default(),
        }
    }

    fn now(&self) -> DateTime<Utc> {
        let now = self.clock.now();
        now.duration_trunc(Duration::seconds(1)).unwrap_or(now)
    }

    async fn refresh_targets(&mut self) {
        let answer = self
            .http
            .get(format!("{}/api/v1/probe/targets", self.service))
            .bearer_auth(&self.token)
            .send()
            .await
            .and_then(reqwest::Response::error_for_status);
        match answer {
            Ok(r) => match r.json::<Vec<ProbeTarget>>().await {
                Ok(targets) => self.targets = targets,
                Err(e) => tracing::warn!(error = %e, "unreadable probe targets"),
            },
            // Keep probing what we knew: the service being away is what we must record.
            Err(e) => tracing::debug!(error = %e, "probe targets unavailable"),
        }
    }

    async fn probe(&self, target: &ProbeTarget, at: DateTime<Utc>) -> ProbeSample {
        let timeout = std::time::Duration::from_secs(u64::from(target.interval_s).clamp(1, 10));
        let started = Instant::now();
        let answer = self.http.get(&target.target).timeout(timeout).send().await;
        let status = answer.as_ref().ok().map(reqwest::Response::status);
        let up = is_up(status);
        ProbeSample {
            monitor_id: target.monitor_id,
            at,
            up,
            status_code: status.map(|s| s.as_u16()),
            latency_ms: up.then(|| started.elapsed().as_millis().min(u32::MAX as u128) as u32),
        }
    }

    async fn deliver(&mut self) -> bool {
        let sent = self
            .http
            .post(format!("{}/api/v1/probe/reports", self.service))
            .bearer_auth(&self.token)
            .json(&self.held)
            .send()
            .await
            .and_then(reqwest::Response::error_for_status);
        match sent {
            Ok(r) => {
                if let Ok(result) = r.json::<ProbeReportResult>().await {
                    tracing::debug!(accepted = result.accepted, "probe report delivered");
                }
                self.held = ProbeReport::default();
                true
            }
            Err(e) => {
                tracing::debug!(error = %e, held = self.held.samples.len(), "probe report held back");
                false
            }
        }
    }

    /// One round at the clock's now: learn the targets, probe the due ones, beat, report.
    pub async fn round(&mut self) -> Round {
        self.refresh_targets().await;
        let now = self.now();
        let due: Vec<ProbeTarget> = self
            .targets
            .iter()
            .filter(|t| {
                self.last_probed
                    .get(&t.monitor_id)
                    .is_none_or(|last| now - *last >= Duration::seconds(i64::from(t.interval_s)))
            })
            .cloned()
            .collect();
        for target in &due {
            let sample = self.probe(target, now).await;
            self.last_probed.insert(target.monitor_id, now);
            self.held.samples.push(sample);
        }
        self.held.heartbeats.push(now);
        let excess = self.held.samples.len().saturating_sub(MAX_HELD);
        let excess_beats = self.held.heartbeats.len().saturating_sub(MAX_HELD);
        if excess + excess_beats > 0 {
            tracing::warn!("the service has been away long; dropping the oldest held results");
        }
        self.held.samples.drain(..excess);
        self.held.heartbeats.drain(..excess_beats);
        let delivered = self.deliver().await;
        Round {
            probed: due.len(),
            delivered,
            held_samples: self.held.samples.len(),
        }
    }

    /// Rounds every `tick` until the task is dropped.
    pub async fn run(mut self, tick: std::time::Duration) {
        loop {
            let round = self.round().await;
            if !round.delivered {
                tracing::info!(
                    held = round.held_samples,
                    "service unreachable; holding probe results"
                );
            }
            tokio::time::sleep(tick).await;
        }
    }
}

/// Registers (or re-keys) a prober by name straight in the database and returns its new
/// token: for a prober started beside the database, like the console's demo workspace.
pub async fn register_local(
    db: &crate::db::Db,
    name: &str,
    now: DateTime<Utc>,
) -> Result<admin_api::Secret, sqlx::Error> {
    let token = crate::auth::new_token();
    db::query(
        "INSERT INTO probers (name, token_hash, created_at) VALUES (?, ?, ?) \
         ON CONFLICT (name) DO UPDATE SET token_hash = excluded.token_hash",
    )
    .bind(name)
    .bind(crate::auth::token_hash(token.expose()))
    .bind(now)
    .execute(db)
    .await?;
    Ok(token)
}

/// Starts a prober in the background of the current runtime.
pub fn spawn(prober: Prober, tick: std::time::Duration) -> tokio::task::JoinHandle<()> {
    tokio::spawn(prober.run(tick))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Clause 4S-SLA: no answer, a 5xx or a timeout is down; any other answer is up.
    #[test]
    fn four_s_sla_what_counts_as_down() {
        assert!(!is_up(None));
        assert!(!is_up(Some(reqwest::StatusCode::SERVICE_UNAVAILABLE)));
        assert!(!is_up(Some(reqwest::StatusCode::INTERNAL_SERVER_ERROR)));
        assert!(is_up(Some(reqwest::StatusCode::OK)));
        assert!(is_up(Some(reqwest::StatusCode::NOT_FOUND)));
    }
}
