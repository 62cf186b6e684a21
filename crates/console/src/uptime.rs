//! The uptime panel's data: this month against 99.8 %, a year of months, 90 daily bars,
//! the incidents and the response times. The last answers are kept in the cache and shown
//! offline with their age. Operators also manage monitors and annotate incidents here.

use crate::console::Console;
use crate::error::CommandError;
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
    pub as_of: DateTime<Utc>,
    /// True when this is the cached copy because the service cannot be reached.
    pub offline: bool,
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
    Ok(UptimeView {
        history: client.sla_history(monitor_id, 12).await?,
        daily: client.daily_bars(monitor_id, 90).await?,
        incidents: client
            .incidents(monitor_id, now - Duration::days(90), now)
            .await?,
        monitors,
        monitor_id,
        region,
        as_of: now,
        offline: false,
    })
}

impl Console {
    pub async fn uptime(&self, monitor_id: Option<i64>) -> Result<UptimeView, CommandError> {
        let (client, session) = self.session().await?;
        let profile = &session.profile.id;
        let fetched = fetch(&client, monitor_id, session.region.clone(), self.now()).await;
        let (mut view, kept) = self
            .fetched_or_kept(profile, SNAPSHOT, fetched, |v: &UptimeView| v.as_of)
            .await?;
        if let Some(as_of) = kept {
            view.offline = true;
            view.as_of = as_of;
        }
        Ok(view)
    }

    /// Response times of `[from, to)`; offline, the last ones fetched for the monitor.
    pub async fn uptime_latency(
        &self,
        monitor_id: i64,
        from: DateTime<Utc>,
        to: DateTime<Utc>,
    ) -> Result<Vec<LatencyPoint>, CommandError> {
        let (client, session) = self.session().await?;
        let profile = &session.profile.id;
        let key = format!("{SNAPSHOT}-latency-{monitor_id}");
        let fetched = client.latency(monitor_id, from, to).await;
        let (points, _) = self
            .fetched_or_kept(profile, &key, fetched, |_| self.now())
            .await?;
        Ok(points)
    }

    pub async fn create_monitor(&self, new: NewMonitor) -> Result<Monitor, CommandError> {
        let client = self.client().await?;
        self.after_call(client.create_monitor(&new).await).await
    }

    pub async fn update_monitor(
        &self,
        monitor_id: i64,
        patch: MonitorPatch,
    ) -> Result<Monitor, CommandError> {
        let client = self.client().await?;
        self.after_call(client.update_monitor(monitor_id, &patch).await)
            .await
    }

    pub async fn delete_monitor(&self, monitor_id: i64) -> Result<(), CommandError> {
        let client = self.client().await?;
        self.after_call(client.delete_monitor(monitor_id).await)
            .await
    }

    /// The account's business calendar versions, newest first, with who set each and from
    /// which month it applies (4S-SLA).
    pub async fn business_calendar(
        &self,
        account_id: i64,
    ) -> Result<BusinessCalendarHistory, CommandError> {
        let client = self.client().await?;
        self.after_call(client.business_calendar(account_id).await)
            .await
    }

    /// Sets the account's business calendar; the uptime view is measured in it from then on.
    pub async fn save_business_calendar(
        &self,
        account_id: i64,
        calendar: BusinessCalendarSettings,
    ) -> Result<BusinessCalendarSettings, CommandError> {
        let client = self.client().await?;
        self.after_call(client.put_business_calendar(account_id, &calendar).await)
            .await
    }

    /// Sets the operator's note on the incident that started at `started_at`.
    pub async fn annotate_incident(
        &self,
        monitor_id: i64,
        started_at: DateTime<Utc>,
        note: String,
    ) -> Result<(), CommandError> {
        let client = self.client().await?;
        self.after_call(
            client
                .annotate_incident(monitor_id, started_at, &note)
                .await,
        )
        .await
    }
}

crate::commands! {
    context: Console;
    panel: "uptime";
    /// `None` asks for the service's own health monitor.
    pub async fn uptime_view(console, monitor_id: Option<i64>) -> UptimeView {
        console.uptime(monitor_id).await
    }
    pub async fn uptime_latency(
        console,
        monitor_id: i64,
        from: DateTime<Utc>,
        to: DateTime<Utc>,
    ) -> Vec<LatencyPoint> {
        console.uptime_latency(monitor_id, from, to).await
    }
    pub async fn uptime_create_monitor(console, new: NewMonitor) -> Monitor {
        console.create_monitor(new).await
    }
    pub async fn uptime_update_monitor(console, monitor_id: i64, patch: MonitorPatch) -> Monitor {
        console.update_monitor(monitor_id, patch).await
    }
    pub async fn uptime_delete_monitor(console, monitor_id: i64) -> () {
        console.delete_monitor(monitor_id).await
    }
    pub async fn uptime_annotate_incident(
        console,
        monitor_id: i64,
        started_at: DateTime<Utc>,
        note: String,
    ) -> () {
        console.annotate_incident(monitor_id, started_at, note).await
    }
    pub async fn uptime_business_calendar(console, account_id: i64) -> BusinessCalendarHistory {
        console.business_calendar(account_id).await
    }
    pub async fn uptime_save_business_calendar(
        console,
        account_id: i64,
        calendar: BusinessCalendarSettings,
    ) -> BusinessCalendarSettings {
        console.save_business_calendar(account_id, calendar).await
    }
}

#[cfg(test)]
#[path = "uptime_tests.rs"]
mod tests;
