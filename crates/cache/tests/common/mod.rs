//! Helpers shared by the cache's integration tests.

use admin_api::AuditEvent;
use admin_cache::{AuditQuery, Cache};

/// Every event `source` holds in the cache, oldest first, read page by page as the panel does.
pub async fn cached(cache: &Cache, source: &str) -> Vec<AuditEvent> {
    let mut all = Vec::new();
    let mut after = 0;
    loop {
        let page = cache
            .audit_events(
                source,
                &AuditQuery {
                    after: Some(after),
                    limit: 5000,
                    ..Default::default()
                },
            )
            .await
            .unwrap();
        let Some(last) = page.last() else { return all };
        after = last.seq;
        all.extend(page);
    }
}
