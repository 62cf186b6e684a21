//! `ui/src/bindings.ts` is generated from the Rust types. The test fails when the file
//! is stale; `UPDATE_BINDINGS=1 cargo test -p admin-console bindings` rewrites it.

#[cfg(test)]
mod tests {
    use crate::error::CommandError;
    use crate::roles::*;
    use crate::views::*;
    use admin_api::{
        Account, BlockReceipt, ChangePasswordRequest, Channel, GrantRequest, RevocationReceipt,
        Role, RoleAssignment, Scope, SecuritySettings, User, UserPage, UserStatus, UserSummary,
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
            ConnectRequest::decl(),
            ChangePasswordRequest::decl(),
            SessionEndReason::decl(),
            SessionEnded::decl(),
            CommandError::decl(),
            Channel::decl(),
            UserSummary::decl(),
            UserPage::decl(),
            GrantRequest::decl(),
            RevocationReceipt::decl(),
            SecuritySettings::decl(),
            Grant::decl(),
            Access::decl(),
            AccountNode::decl(),
            RolesOverview::decl(),
            UserFilter::decl(),
            AccessChange::decl(),
            AccessPreview::decl(),
            BlockReceipt::decl(),
            UsersView::decl(),
        ];
        let mut out =
            String::from("// Generated from the Rust types by ts-rs: do not edit by hand.\n");
        out.push_str("// Regenerate: UPDATE_BINDINGS=1 cargo test -p admin-console bindings\n\n");
        for decl in decls {
            out.push_str("export ");
            out.push_str(&decl);
            out.push('\n');
        }
        out
    }

    #[test]
    fn bindings_ts_is_generated_from_the_rust_types() {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("ui/src/bindings.ts");
        let fresh = generate();
        if std::env::var("UPDATE_BINDINGS").as_deref() == Ok("1") {
            std::fs::write(&path, &fresh).unwrap();
        }
        let current = std::fs::read_to_string(&path).unwrap_or_default();
        assert!(
            current == fresh,
            "ui/src/bindings.ts is stale: run UPDATE_BINDINGS=1 cargo test -p admin-console bindings\n--- generated ---\n{fresh}"
        );
    }
}
