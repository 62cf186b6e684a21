//! Features the signed-in user switches on or off (4S-FEATURE-TOGGLES).

use crate::{Client, ClientError};
use reqwest::Method;

impl Client {
    /// The features the signed-in user may switch (4S-FEATURE-TOGGLES).
    pub async fn features(&self) -> Result<admin_api::Features, ClientError> {
        self.json(Method::GET, "api/v1/me/features", None::<&()>)
            .await
    }

    pub async fn set_feature(
        &self,
        change: &admin_api::FeatureChange,
    ) -> Result<admin_api::Features, ClientError> {
        self.json(Method::PUT, "api/v1/me/features", Some(change))
            .await
    }
}
