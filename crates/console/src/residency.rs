//! Where data goes (4S-SUBPROC, 4S-HOST): the service's sub-processor register beside
//! its region, and the account's "keep data in Europe" for those who manage it.

use crate::kept::Kept;
use admin_api::{ProblemCode, Residency, ResidencyChange, SubprocessorRegister};
use admin_client::{Client, ClientError};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

const SNAPSHOT: &str = "data-residency";

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct DataResidencyView {
    pub register: SubprocessorRegister,
    /// The signed-in user's account, whose setting follows when they may read it.
    #[ts(type = "number | null")]
    pub account_id: Option<i64>,
    pub residency: Option<Residency>,
}

/// The register and, for a manager of the account, its setting; someone the service
/// does not show the setting to sees the register alone.
async fn fetch(client: &Client, account_id: Option<i64>) -> Result<DataResidencyView, ClientError> {
    let register = client.subprocessors().await?;
    let residency = match account_id {
        Some(id) => match client.residency(id).await {
            Ok(r) => Some(r),
            Err(e)
                if e.problem().is_some_and(|p| {
                    matches!(p.code, ProblemCode::Forbidden | ProblemCode::NotFound)
                }) =>
            {
                None
            }
            Err(e) => return Err(e),
        },
        None => None,
    };
    Ok(DataResidencyView {
        register,
        account_id,
        residency,
    })
}

crate::commands! {
    host;
    panel: "residency";
    /// Offline, the last copy with its time.
    pub async fn residency_view(host) -> Kept<DataResidencyView> {
        let (client, view) = host.session().await?;
        let account_id = view.account.as_ref().map(|a| a.id);
        let fetched = fetch(&client, account_id).await;
        crate::kept::fetched_or_kept(host, &view.profile.id, SNAPSHOT, fetched).await
    }

    /// Turns "keep data in Europe" on or off for the account (its Account Managers).
    pub async fn residency_set_keep_in_europe(host, account_id: i64, keep: bool) -> Residency {
        let client = host.client().await?;
        let change = ResidencyChange {
            keep_data_in_europe: keep,
        };
        host.after_call(client.set_residency(account_id, &change).await)
            .await
    }
}

#[cfg(test)]
mod tests {
    use crate::test_support::{DemoService, TestConsole};
    use admin_api::DataRegion;
    use admin_service::demo;

    /// Clauses 4S-SUBPROC, 4S-HOST: a manager sees the register beside the service's
    /// region and the account's setting, turns it on, and offline still sees the last copy.
    #[tokio::test]
    async fn subproc_register_and_setting_reach_the_console_and_stay_offline() {
        let dir = tempfile::tempdir().unwrap();
        let db_dir = tempfile::tempdir().unwrap();
        let service = DemoService::new().start(db_dir.path()).await;
        let console = TestConsole::new()
            .signed_in(dir.path(), &service.base_url(), demo::MANAGER)
            .await;

        let view = crate::residency::residency_view(&console).await.unwrap();
        assert_eq!(view.register.service_region, "North Europe (Ireland)");
        assert!(!view.register.items.is_empty());
        assert!(view
            .register
            .items
            .iter()
            .all(|p| p.region == DataRegion::Eea));
        let account = view.account_id.expect("the manager's account");
        assert_eq!(
            view.residency.as_ref().map(|r| r.keep_data_in_europe),
            Some(false)
        );
        assert!(!view.from_cache);

        let on = crate::residency::residency_set_keep_in_europe(&console, account, true)
            .await
            .unwrap();
        assert!(on.keep_data_in_europe);
        assert_eq!(on.changed_by.as_deref(), Some(demo::MANAGER));
        let view = crate::residency::residency_view(&console).await.unwrap();
        assert_eq!(
            view.residency.as_ref().map(|r| r.keep_data_in_europe),
            Some(true)
        );

        service.stop().await.unwrap();
        let offline = crate::residency::residency_view(&console).await.unwrap();
        assert!(offline.from_cache);
        assert_eq!(offline.register, view.register);
        assert_eq!(offline.fetched_at, view.fetched_at);
    }
}
