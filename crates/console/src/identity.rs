//! The provider editor in an account's security settings (4S-SSO, UQ-NO-SOCIAL-LOGIN):
//! its OpenID providers, and which user each provider's subject signs in as. The Roles
//! panel holds the security settings, so these are its commands. The service decides who
//! may read or change them; the console only passes the manager's edits on.

use admin_api::{
    IdentityLink, IdentityLinkList, IdentityProvider, IdentityProviderList,
    IdentityProviderSettings, NewIdentityLink,
};

crate::commands! {
    host;
    panel: "roles";
    pub async fn roles_identity_providers(host, account_id: i64) -> IdentityProviderList {
        let client = host.client().await?;
        host.after_call(client.identity_providers(account_id).await).await
    }
    pub async fn roles_add_identity_provider(
        host,
        account_id: i64,
        settings: IdentityProviderSettings,
    ) -> IdentityProvider {
        let client = host.client().await?;
        host.after_call(client.add_identity_provider(account_id, &settings).await)
            .await
    }
    pub async fn roles_update_identity_provider(
        host,
        provider_id: i64,
        settings: IdentityProviderSettings,
    ) -> IdentityProvider {
        let client = host.client().await?;
        host.after_call(client.update_identity_provider(provider_id, &settings).await)
            .await
    }
    pub async fn roles_delete_identity_provider(host, provider_id: i64) -> () {
        let client = host.client().await?;
        host.after_call(client.delete_identity_provider(provider_id).await)
            .await
    }
    pub async fn roles_identity_links(host, provider_id: i64) -> IdentityLinkList {
        let client = host.client().await?;
        host.after_call(client.identity_links(provider_id).await).await
    }
    pub async fn roles_link_identity(
        host,
        provider_id: i64,
        link: NewIdentityLink,
    ) -> IdentityLink {
        let client = host.client().await?;
        host.after_call(client.link_identity(provider_id, &link).await)
            .await
    }
    pub async fn roles_unlink_identity(host, provider_id: i64, user_id: i64) -> () {
        let client = host.client().await?;
        host.after_call(client.unlink_identity(provider_id, user_id).await)
            .await
    }
}
