//! `ui/src/bindings.ts` is generated from the Rust types. The test fails when the file
//! is stale; `UPDATE_BINDINGS=1 cargo test -p admin-console-core bindings` rewrites it.

#[cfg(test)]
mod tests {
    use crate::error::CommandError;
    use crate::roles::*;
    use crate::uptime::UptimeView;
    use crate::views::*;
    use admin_api::{
        Account, BlockReceipt, ChangePasswordRequest, Channel, DayBar, DayState, GrantRequest,
        IncidentView, LatencyPoint, Monitor, MonitorKind, RevocationReceipt, Role, RoleAssignment,
        Scope, SecuritySettings, SlaMonth, TwoFactorReset, User, UserPage, UserStatus, UserSummary,
    };
    use admin_cache::Profile;
    use admin_policy::delegation::{Access, Grant};
    use ts_rs::TS;

    fn generate() -> String {
        let decls = [
            Role::decl(),
            Scope::decl(),
            RoleAssignment::decl(),
            UserStatus::decl(),
            User::decl(),
            Account::decl(),
            Profile::decl(),
            SessionView::decl(),
            Connection::decl(),
            ConsoleState::decl(),
            crate::startup::StartupNotice::decl(),
            admin_api::Violation::decl(),
            admin_api::MaintenanceStatus::decl(),
            admin_api::MaintenanceWindow::decl(),
            admin_api::NewMaintenanceWindow::decl(),
            admin_api::MaintenanceWindowPatch::decl(),
            admin_api::SeriesScope::decl(),
            admin_api::SeriesPatch::decl(),
            admin_api::AnnouncementKind::decl(),
            admin_api::Announcement::decl(),
            crate::maintenance::MonthBudget::decl(),
            crate::maintenance::MaintenanceOverview::decl(),
            crate::maintenance::MaintenanceDraft::decl(),
            crate::maintenance::MaintenanceCheck::decl(),
            ConnectRequest::decl(),
            ChangePasswordRequest::decl(),
            SessionEndReason::decl(),
            Channel::decl(),
            UserSummary::decl(),
            BlockReceipt::decl(),
            UsersView::decl(),
            UserPage::decl(),
            GrantRequest::decl(),
            RevocationReceipt::decl(),
            SecuritySettings::decl(),
            Grant::decl(),
            Access::decl(),
            AccountNode::decl(),
            RolesOverview::decl(),
            UserFilter::decl(),
            UserDetailView::decl(),
            TwoFactorReset::decl(),
            TotpEnrolmentView::decl(),
            AccessChange::decl(),
            AccessPreview::decl(),
            SessionEnded::decl(),
            CommandError::decl(),
            MonitorKind::decl(),
            Monitor::decl(),
            admin_api::NewMonitor::decl(),
            admin_api::MonitorPatch::decl(),
            admin_api::BusinessCalendarSettings::decl(),
            admin_api::BusinessCalendarVersion::decl(),
            admin_api::BusinessCalendarHistory::decl(),
            admin_api::SlaStatus::decl(),
            SlaMonth::decl(),
            DayState::decl(),
            DayBar::decl(),
            IncidentView::decl(),
            LatencyPoint::decl(),
            UptimeView::decl(),
            admin_api::BackupStatus::decl(),
            admin_api::RetentionClass::decl(),
            admin_api::Backup::decl(),
            admin_api::BackupDrill::decl(),
            admin_api::BackupAlertKind::decl(),
            admin_api::BackupAlert::decl(),
            admin_api::RestoreScope::decl(),
            admin_api::RestoreStatus::decl(),
            admin_api::RestoreStep::decl(),
            admin_api::RestoreRequest::decl(),
            admin_api::NewRestoreRequest::decl(),
            admin_api::RestoreRequestPatch::decl(),
            crate::backups::BackupDayState::decl(),
            crate::backups::BackupDay::decl(),
            crate::backups::RestoreRequestView::decl(),
            crate::backups::BackupsView::decl(),
            admin_api::UserActivity::decl(),
            admin_api::UserNotification::decl(),
            admin_api::DeliveryStatus::decl(),
            admin_api::OutboxMessage::decl(),
            admin_api::ContactChange::decl(),
            admin_api::ContactChangeReceipt::decl(),
            crate::activity::ActivityFilter::decl(),
            crate::activity::ActivityUser::decl(),
            crate::activity::ActivityView::decl(),
            crate::activity::FeedSyncReport::decl(),
            crate::activity::MarkReadResult::decl(),
            crate::activity::OutboxView::decl(),
            admin_api::DataRegion::decl(),
            admin_api::OutboundPath::decl(),
            admin_api::Subprocessor::decl(),
            admin_api::SubprocessorRegister::decl(),
            admin_api::PathOff::decl(),
            admin_api::Residency::decl(),
            crate::residency::DataResidencyView::decl(),
            admin_api::AuditOutcome::decl(),
            admin_api::AuditEvent::decl(),
            admin_api::audit::ChainBreak::decl(),
            admin_cache::AuditQuery::decl(),
            admin_cache::AuditEventDetail::decl(),
            admin_cache::ChainCheck::decl(),
            admin_cache::ExportFormat::decl(),
            crate::audit::AuditStatus::decl(),
            crate::audit::AuditSyncProgress::decl(),
            crate::audit::AuditExportProgress::decl(),
            admin_api::FeatureKey::decl(),
            admin_api::Feature::decl(),
            admin_api::Features::decl(),
            admin_api::FeatureChange::decl(),
            crate::notices::ChangeNotices::decl(),
            crate::busy::Activity::decl(),
            crate::error::UpdateStage::decl(),
            crate::updates::UpdateChannel::decl(),
            crate::updates::Deferral::decl(),
            crate::updates::DeferFor::decl(),
            crate::updates::UpdateSettings::decl(),
            crate::updates::UpdateSettingsChange::decl(),
            crate::updates::UpdateInfo::decl(),
            crate::updates::UpdateProgress::decl(),
        ];
        let mut out =
            String::from("// Generated from the Rust types by ts-rs: do not edit by hand.\n");
        out.push_str(
            "// Regenerate: UPDATE_BINDINGS=1 cargo test -p admin-console-core bindings\n\n",
        );
        for decl in decls {
            out.push_str("export ");
            out.push_str(&decl);
            out.push('\n');
        }
        out
    }

    #[test]
    fn bindings_ts_is_generated_from_the_rust_types() {
        let path =
            std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../ui/src/bindings.ts");
        let fresh = generate();
        if std::env::var("UPDATE_BINDINGS").as_deref() == Ok("1") {
            std::fs::write(&path, &fresh).unwrap();
        }
        let current = std::fs::read_to_string(&path).unwrap_or_default();
        assert!(
            current == fresh,
            "ui/src/bindings.ts is stale: run UPDATE_BINDINGS=1 cargo test -p admin-console-core bindings\n--- generated ---\n{fresh}"
        );
    }
}
