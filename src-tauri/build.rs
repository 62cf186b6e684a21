fn main() {
    // Each command gets its own allow-permission; the capability in tauri.conf.json
    // grants exactly these, nothing from the plugins (UQ-LEAST-PRIV).
    let commands = &[
        "get_state",
        "open_demo",
        "connect_server",
        "sign_in",
        "sign_out",
        "leave_workspace",
        "change_password",
        "report_activity",
        "check_connection",
        "open_external",
        "maintenance_overview",
        "check_maintenance",
        "create_maintenance",
        "update_maintenance",
        "cancel_maintenance",
        "export_maintenance",
        "get_announcements",
        "uptime",
        "uptime_latency",
        "roles_overview",
        "list_users",
        "user_detail",
        "preview_access",
        "grant_role",
        "revoke_role",
        "unlock_user",
        "security_settings",
        "save_security_settings",
        "block_user",
        "unblock_user",
        "get_update_settings",
        "save_update_settings",
        "check_for_updates",
        "install_update",
        "defer_update",
        "restart_app",
        "change_notices",
        "get_features",
        "set_feature",
    ];
    tauri_build::try_build(
        tauri_build::Attributes::new()
            .app_manifest(tauri_build::AppManifest::new().commands(commands)),
    )
    .expect("tauri build step failed");
}
