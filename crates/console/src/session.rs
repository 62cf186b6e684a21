//! The shell's commands: workspace choice, sign-in (with the authenticator's code), the
//! session's end, the password, and the connection. The state machine is `crate::console`.

use crate::console::Console;
use crate::views::{
    ConnectRequest, Connection, ConsoleState, ProviderWorkspace, SessionView, TotpEnrolmentView,
};
use admin_api::{ChangePasswordRequest, Secret, SignInOption};

crate::commands! {
    context: Console;
    panel: "session";
    pub async fn session_state(console) -> ConsoleState {
        console.state().await
    }
    pub async fn session_open_demo(console) -> SessionView {
        console.open_demo().await
    }
    pub async fn session_connect(console, request: ConnectRequest) -> SessionView {
        console.connect(request).await
    }
    pub async fn session_sign_in(console, password: Secret as "string") -> SessionView {
        console.sign_in(password).await
    }
    /// "Sign in with <provider>" for the workspace's user: the account's providers (4S-SSO).
    pub async fn session_sign_in_options(
        console,
        workspace: ProviderWorkspace,
    ) -> Vec<SignInOption> {
        console.sign_in_options(workspace).await
    }
    /// Signs in through a provider in the system browser (4S-SSO, FZ-THIRD-PARTY-PW).
    pub async fn session_sign_in_with_provider(
        console,
        workspace: ProviderWorkspace,
        provider_id: i64,
    ) -> SessionView {
        console.sign_in_with_provider(workspace, provider_id).await
    }
    /// The authenticator's code for the sign-in that asked for it (4S-SSO).
    pub async fn session_submit_totp(console, code: Secret as "string") -> SessionView {
        console.submit_totp(code).await
    }
    /// The seed and its QR code, shown once.
    pub async fn session_start_totp_enrolment(console) -> TotpEnrolmentView {
        console.start_totp_enrolment().await
    }
    pub async fn session_cancel_sign_in(console) -> () {
        console.cancel_sign_in().await;
        Ok(())
    }
    pub async fn session_sign_out(console) -> () {
        console.sign_out().await
    }
    pub async fn session_leave_workspace(console) -> () {
        console.leave_workspace().await
    }
    pub async fn session_change_password(console, request: ChangePasswordRequest) -> () {
        console.change_password(request).await
    }
    pub async fn session_report_activity(console) -> () {
        console.report_activity();
        Ok(())
    }
    pub async fn session_check_connection(console) -> Connection {
        console.check_connection().await
    }
}
