//! The uptime panel's data: this month against 99.8 %, a year of months, 90 daily bars,
//! the incidents and the response times. The last answers are kept in the cache and shown
//! offline with their age. Operators also manage monitors and annotate incidents here.

use crate::kept::Kept;
use admin_api::{
    BusinessCalendarHistory, BusinessCalendarSettings, DayBar, IncidentView, LatencyPoint, Monitor,
    MonitorPatch, NewMonitor, SlaMonth,
};
use admin_client::{Client, ClientError};
use chrono::{DateTime, Duration, Utc};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

const SNAPSHOT: &str = "uptime";

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct UptimeView {
    pub monitors: Vec<Monitor>,
    #[ts(type = "number")]
    pub monitor_id: i64,
    /// Newest first: this month, then the eleven before it.
    pub history: Vec<SlaMonth>,
    pub daily: Vec<DayBar>,
    pub incidents: Vec<IncidentView>,
    /// Where the service runs (4S-HOST).
    pub region: String,
}

async fn fetch(
    client: &Client,
    wanted: Option<i64>,
    region: String,
    now: DateTime<Utc>,
) -> Result<UptimeView, ClientError> {
    let monitors = client.monitors().await?;
    let monitor_id = wanted
        .or_else(|| monitors.iter().find(|m| m.builtin).map(|m| m.id))
        .or_else(|| monitors.first().map(|m| m.id))
        .unwrap_or_default();
    // Side by side: the three reports read different ranges and each takes a while on a
    // year of minute samples (a first visit of the panel waited for their sum).
    let (history, daily, incidents) = tokio::try_join!(
        client.sla_history(monitor_id, 12),
        client.daily_bars(monitor_id, 90),
        client.incidents(monitor_id, now - Duration::days(90), now),
    )?;
    Ok(UptimeView {
        history,
        daily,
        incidents,
        monitors,
        monitor_id,
        region,
    })
}

crate::commands! {
    host;
    panel: "uptime";
    /// `None` asks for the service's own health monitor.
    pub async fn uptime_view(host, monitor_id: Option<i64>) -> Kept<UptimeView> {
        let (client, session) = host.session().await?;
        let profile = &session.profile.id;
        let fetched = fetch(&client, monitor_id, session.region.clone(), host.now()).await;
        // Each monitor keeps its own copy: offline, picking a monitor shows that monitor.
        let key = match monitor_id {
            None => SNAPSHOT.to_string(),
            Some(id) => format!("{SNAPSHOT}-monitor-{id}"),
        };
        crate::kept::fetched_or_kept(host, profile, &key, fetched).await
    }

    /// Response times of `[from, to)`; offline, the last ones fetched for the monitor.
    pub async fn uptime_latency(
        host,
        monitor_id: i64,
        from: DateTime<Utc>,
        to: DateTime<Utc>,
    ) -> Vec<LatencyPoint> {
        let (client, session) = host.session().await?;
        let profile = &session.profile.id;
        let key = format!("{SNAPSHOT}-latency-{monitor_id}");
        let fetched = client.latency(monitor_id, from, to).await;
        let points = crate::kept::fetched_or_kept(host, profile, &key, fetched).await?;
        Ok(points.value)
    }

    pub async fn uptime_create_monitor(host, new: NewMonitor) -> Monitor {
        let client = host.client().await?;
        host.after_call(client.create_monitor(&new).await).await
    }

    pub async fn uptime_update_monitor(host, monitor_id: i64, patch: MonitorPatch) -> Monitor {
        let client = host.client().await?;
        host.after_call(client.update_monitor(monitor_id, &patch).await)
            .await
    }

    pub async fn uptime_delete_monitor(host, monitor_id: i64) -> () {
        let client = host.client().await?;
        host.after_call(client.delete_monitor(monitor_id).await)
            .await
    }

    /// Sets the operator's note on the incident that started at `started_at`.
    pub async fn uptime_annotate_incident(
        host,
        monitor_id: i64,
        started_at: DateTime<Utc>,
        note: String,
    ) -> () {
        let client = host.client().await?;
        host.after_call(
            client
                .annotate_incident(monitor_id, started_at, &note)
                .await,
        )
        .await
    }

    /// The account's business calendar versions, newest first, with who set each and from
    /// which month it applies (4S-SLA).
    pub async fn uptime_business_calendar(host, account_id: i64) -> BusinessCalendarHistory {
        let client = host.client().await?;
        let key = format!("{SNAPSHOT}-calendar-{account_id}");
        crate::kept::fetched_or_copy(host, &key, client.business_calendar(account_id).await)
            .await
    }

    /// Sets the account's business calendar; the uptime view is measured in it from then on.
    pub async fn uptime_save_business_calendar(
        host,
        account_id: i64,
        calendar: BusinessCalendarSettings,
    ) -> BusinessCalendarSettings {
        let client = host.client().await?;
        host.after_call(client.put_business_calendar(account_id, &calendar).await)
            .await
    }
}

#[cfg(test)]
#[path = "uptime_tests.rs"]
mod tests;
