//! Accounts, channels and users, and what a manager does to a user's sign-in.

use crate::{Client, ClientError};
use admin_api::{Account, BlockReceipt, Channel, TwoFactorReset, User, UserPage, UserSummary};
use reqwest::Method;
use url::Url;

impl Client {
    pub async fn accounts(&self) -> Result<Vec<Account>, ClientError> {
        self.json(Method::GET, "api/v1/accounts", None::<&()>).await
    }

    pub async fn channels(&self, account_id: i64) -> Result<Vec<Channel>, ClientError> {
        let path = format!("api/v1/accounts/{account_id}/channels");
        self.json(Method::GET, &path, None::<&()>).await
    }

    /// One page of users; `query` holds the filters as `(name, value)` pairs.
    pub async fn users(&self, query: &[(&str, String)]) -> Result<UserPage, ClientError> {
        let mut url = Url::parse("http://x/api/v1/users").expect("static url");
        url.query_pairs_mut().extend_pairs(query);
        let path = format!("api/v1/users?{}", url.query().unwrap_or(""));
        self.json(Method::GET, &path, None::<&()>).await
    }

    pub async fn user(&self, user_id: i64) -> Result<UserSummary, ClientError> {
        let path = format!("api/v1/users/{user_id}");
        self.json(Method::GET, &path, None::<&()>).await
    }

    pub async fn block_user(&self, user_id: i64) -> Result<BlockReceipt, ClientError> {
        self.json(
            Method::POST,
            &format!("api/v1/users/{user_id}/block"),
            None::<&()>,
        )
        .await
    }

    pub async fn unblock_user(&self, user_id: i64) -> Result<User, ClientError> {
        self.json(
            Method::POST,
            &format!("api/v1/users/{user_id}/unblock"),
            None::<&()>,
        )
        .await
    }

    pub async fn unlock_user(&self, user_id: i64) -> Result<User, ClientError> {
        let path = format!("api/v1/users/{user_id}/unlock");
        self.json(Method::POST, &path, None::<&()>).await
    }

    /// Clears a user's authenticator: they enrol again at their next sign-in.
    pub async fn reset_two_factor(&self, user_id: i64) -> Result<TwoFactorReset, ClientError> {
        let path = format!("api/v1/users/{user_id}/totp");
        self.json(Method::DELETE, &path, None::<&()>).await
    }
}
