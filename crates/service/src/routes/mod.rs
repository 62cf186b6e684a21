//! The router: small handler functions, each documented for the OpenAPI document.

mod announcements;
mod audit_feed;
mod backup_view;
mod backups;
mod calendars;
mod contact;
mod directory;
mod features;
mod feeds;
mod health;
mod identity_providers;
mod maintenance;
mod maintenance_series;
mod me;
mod monitors;
mod probers;
mod roles;
mod security;
mod sessions;
mod subprocessors;
mod third_party_sign_in;
mod uptime;
mod users;

use crate::AppState;
use utoipa::openapi::security::{HttpAuthScheme, HttpBuilder, SecurityScheme};
use utoipa::{Modify, OpenApi};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

#[derive(OpenApi)]
#[openapi(
    info(title = "Admin API", description = "Admin API of the SaaS service: sign-in, users, roles, audit."),
    modifiers(&BearerAuth),
    tags((name = "sessions"), (name = "me"), (name = "users"), (name = "audit"), (name = "monitoring"), (name = "backups"), (name = "maintenance"), (name = "service"))
)]
pub struct ApiDoc;

struct BearerAuth;

impl Modify for BearerAuth {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        let components = openapi.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            "bearer",
            SecurityScheme::Http(HttpBuilder::new().scheme(HttpAuthScheme::Bearer).build()),
        );
    }
}

/// Every route of the API, with its OpenAPI description.
pub fn api() -> OpenApiRouter<AppState> {
    OpenApiRouter::with_openapi(ApiDoc::openapi())
        .routes(routes!(health::health))
        .routes(routes!(sessions::sign_in))
        .routes(routes!(feeds::activities))
        .routes(routes!(feeds::notifications))
        .routes(routes!(feeds::mark_read))
        .routes(routes!(contact::change_contact))
        .routes(routes!(contact::user_outbox))
        .routes(routes!(contact::consents, contact::change_consent))
        .routes(routes!(features::features, features::change_feature))
        .routes(routes!(audit_feed::console_events))
        .routes(routes!(sessions::sign_out))
        .routes(routes!(me::me))
        .routes(routes!(me::change_password))
        .routes(routes!(users::block))
        .routes(routes!(users::unblock))
        .routes(routes!(audit_feed::audit))
        .routes(routes!(monitors::create, monitors::list))
        .routes(routes!(monitors::update, monitors::delete))
        .routes(routes!(monitors::push))
        .routes(routes!(probers::create, probers::list))
        .routes(routes!(probers::targets))
        .routes(routes!(probers::report))
        .routes(routes!(probers::heartbeat))
        .routes(routes!(uptime::sla_month))
        .routes(routes!(uptime::sla_history))
        .routes(routes!(uptime::daily))
        .routes(routes!(monitors::latency))
        .routes(routes!(monitors::incidents))
        .routes(routes!(monitors::annotate))
        .routes(routes!(
            calendars::get_business_calendar,
            calendars::put_business_calendar
        ))
        .routes(routes!(backups::list))
        .routes(routes!(backups::one))
        .routes(routes!(backups::drills))
        .routes(routes!(backups::alerts))
        .routes(routes!(backups::requests, backups::create))
        .routes(routes!(backups::update))
        .routes(routes!(maintenance::list, maintenance::create))
        .routes(routes!(maintenance::update, maintenance::cancel))
        .routes(routes!(
            maintenance_series::update_series,
            maintenance_series::cancel_series
        ))
        .routes(routes!(maintenance::calendar))
        .routes(routes!(announcements::announcements))
        .routes(routes!(
            announcements::list_releases,
            announcements::create_release
        ))
        .routes(routes!(directory::accounts))
        .routes(routes!(directory::channels))
        .routes(routes!(directory::list))
        .routes(routes!(directory::detail))
        .routes(routes!(directory::unlock))
        .routes(routes!(directory::reset_two_factor))
        .routes(routes!(roles::grant))
        .routes(routes!(roles::revoke))
        .routes(routes!(security::get_settings, security::put_settings))
        .routes(routes!(security::enrol))
        .routes(routes!(
            identity_providers::list,
            identity_providers::create
        ))
        .routes(routes!(
            identity_providers::update,
            identity_providers::delete
        ))
        .routes(routes!(identity_providers::links, identity_providers::link))
        .routes(routes!(identity_providers::unlink))
        .routes(routes!(third_party_sign_in::start))
        .routes(routes!(third_party_sign_in::finish))
        .routes(routes!(third_party_sign_in::enrol))
        .routes(routes!(subprocessors::register))
        .routes(routes!(
            subprocessors::get_residency,
            subprocessors::put_residency
        ))
}
