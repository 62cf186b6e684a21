//! What of the platform's backups an Account Manager sees (UQ-SCOPE). Backups copy the
//! whole database, every tenant's rows: the per-table row counts tell one tenant about
//! the others, and the operators' error texts name files on the service's disks. Account
//! Managers get the outcome and the reason without either.

use admin_api::{Backup, BackupAlert, BackupDrill};

/// A text with every file path replaced by "[file]".
pub fn without_paths(text: &str) -> String {
    text.split(' ')
        .map(|word| {
            if word.contains('/') || word.contains('\\') {
                let tail = word.trim_end_matches([':', ',', '.']);
                format!("[file]{}", &word[tail.len()..])
            } else {
                word.to_string()
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

pub fn backup(mut b: Backup) -> Backup {
    b.row_counts = None;
    b.error = b.error.as_deref().map(without_paths);
    b
}

pub fn drill(mut d: BackupDrill) -> BackupDrill {
    d.reason = d.reason.as_deref().map(without_paths);
    d
}

pub fn alert(mut a: BackupAlert) -> BackupAlert {
    a.message = without_paths(&a.message);
    a
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_are_replaced_and_punctuation_kept() {
        assert_eq!(
            without_paths("writing /srv/b/x.sqlite: disk full, see C:\\logs\\a."),
            "writing [file]: disk full, see [file]."
        );
        assert_eq!(
            without_paths("no backup on 2026-03-02"),
            "no backup on 2026-03-02"
        );
    }
}
