//! Where data goes (4S-SUBPROC, 4S-HOST): the sub-processor register and an account's
//! "keep data in Europe".

use crate::{Client, ClientError};
use admin_api::{Residency, ResidencyChange, SubprocessorRegister};
use reqwest::Method;

impl Client {
    pub async fn subprocessors(&self) -> Result<SubprocessorRegister, ClientError> {
        self.json(Method::GET, "api/v1/subprocessors", None::<&()>)
            .await
    }

    pub async fn residency(&self, account_id: i64) -> Result<Residency, ClientError> {
        let path = format!("api/v1/accounts/{account_id}/residency");
        self.json(Method::GET, &path, None::<&()>).await
    }

    pub async fn set_residency(
        &self,
        account_id: i64,
        change: &ResidencyChange,
    ) -> Result<Residency, ClientError> {
        let path = format!("api/v1/accounts/{account_id}/residency");
        self.json(Method::PUT, &path, Some(change)).await
    }
}
