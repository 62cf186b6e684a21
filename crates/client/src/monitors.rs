//! Uptime monitors: SLA history, daily bars, incidents, latency, and the business calendar.

use crate::{Client, ClientError};
use admin_api::{
    DayBar, IncidentNote, IncidentView, LatencyPoint, Monitor, MonitorPatch, NewMonitor, SlaMonth,
};
use chrono::{DateTime, SecondsFormat, Utc};
use reqwest::Method;

impl Client {
    pub async fn monitors(&self) -> Result<Vec<Monitor>, ClientError> {
        self.json(Method::GET, "api/v1/monitors", None::<&()>).await
    }

    pub async fn sla_history(
        &self,
        monitor: i64,
        months: u32,
    ) -> Result<Vec<SlaMonth>, ClientError> {
        let path = format!("api/v1/monitors/{monitor}/sla-history?months={months}");
        self.json(Method::GET, &path, None::<&()>).await
    }

    pub async fn daily_bars(&self, monitor: i64, days: u32) -> Result<Vec<DayBar>, ClientError> {
        self.json(
            Method::GET,
            &format!("api/v1/monitors/{monitor}/daily?days={days}"),
            None::<&()>,
        )
        .await
    }

    pub async fn incidents(
        &self,
        monitor: i64,
        from: DateTime<Utc>,
        to: DateTime<Utc>,
    ) -> Result<Vec<IncidentView>, ClientError> {
        let path = format!("api/v1/monitors/{monitor}/incidents?{}", range(from, to));
        self.json(Method::GET, &path, None::<&()>).await
    }

    pub async fn latency(
        &self,
        monitor: i64,
        from: DateTime<Utc>,
        to: DateTime<Utc>,
    ) -> Result<Vec<LatencyPoint>, ClientError> {
        let path = format!("api/v1/monitors/{monitor}/latency?{}", range(from, to));
        self.json(Method::GET, &path, None::<&()>).await
    }

    pub async fn create_monitor(&self, new: &NewMonitor) -> Result<Monitor, ClientError> {
        self.json(Method::POST, "api/v1/monitors", Some(new)).await
    }

    /// Renames, retargets, changes the interval, pauses or resumes.
    pub async fn update_monitor(
        &self,
        monitor: i64,
        patch: &MonitorPatch,
    ) -> Result<Monitor, ClientError> {
        let path = format!("api/v1/monitors/{monitor}");
        self.json(Method::PATCH, &path, Some(patch)).await
    }

    pub async fn delete_monitor(&self, monitor: i64) -> Result<(), ClientError> {
        let path = format!("api/v1/monitors/{monitor}");
        self.send(Method::DELETE, &path, None::<&()>)
            .await
            .map(drop)
    }

    /// Sets the note of the incident that started at `started` (its first down sample).
    pub async fn annotate_incident(
        &self,
        monitor: i64,
        started: DateTime<Utc>,
        note: &str,
    ) -> Result<(), ClientError> {
        let path = format!(
            "api/v1/monitors/{monitor}/incidents/{}/note",
            started.timestamp()
        );
        let body = IncidentNote {
            note: note.to_string(),
        };
        self.send(Method::PUT, &path, Some(&body)).await.map(drop)
    }

    /// The account's business calendar: the one in force and every version, with who set
    /// it, when, and the first month it governs.
    pub async fn business_calendar(
        &self,
        account_id: i64,
    ) -> Result<admin_api::BusinessCalendarHistory, ClientError> {
        let path = format!("api/v1/accounts/{account_id}/business-calendar");
        self.json(Method::GET, &path, None::<&()>).await
    }

    /// Sets the account's business calendar, which its SLA is measured in.
    pub async fn put_business_calendar(
        &self,
        account_id: i64,
        calendar: &admin_api::BusinessCalendarSettings,
    ) -> Result<admin_api::BusinessCalendarSettings, ClientError> {
        let path = format!("api/v1/accounts/{account_id}/business-calendar");
        self.json(Method::PUT, &path, Some(calendar)).await
    }
}

/// `from` and `to` as query parameters; `Z` instead of `+00:00`, which a query string
/// would turn into a space.
fn range(from: DateTime<Utc>, to: DateTime<Utc>) -> String {
    let f = |t: DateTime<Utc>| t.to_rfc3339_opts(SecondsFormat::Secs, true);
    format!("from={}&to={}", f(from), f(to))
}
