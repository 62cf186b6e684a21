//! Logs go to a daily rolling file in the app's log folder, through a writer that
//! scrubs secrets (FZ-PW-REDACT): the values the console has handled, anything shaped
//! like a credential, and payment-card numbers (FZ-NO-CARD). `RUST_LOG` chooses what is
//! logged.

use regex::Regex;
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::sync::{LazyLock, Mutex, RwLock};
use tracing_appender::non_blocking::{NonBlocking, NonBlockingBuilder, WorkerGuard};
use tracing_subscriber::fmt::MakeWriter;
use tracing_subscriber::EnvFilter;

const REDACTED: &str = "[redacted]";
/// Bounds the scan work per line; older values are long gone from memory anyway.
const MAX_REMEMBERED: usize = 64;

static SECRETS: RwLock<Vec<String>> = RwLock::new(Vec::new());

static PATTERNS: LazyLock<Regex> = LazyLock::new(|| {
    // A quoted value is masked up to its closing quote, spaces and all (a password may hold
    // spaces); an unquoted one up to the first space, comma or brace.
    Regex::new(
        r#"(?i)((?:password|passwd|token|secret)"?\s*[:=]\s*")(?:[^"\\]|\\.)*|(authorization"?\s*[:=]\s*"?(?:bearer\s+)?|bearer\s+|(?:password|passwd|token|secret)"?\s*[:=]\s*"?)[^\s",}]+"#,
    )
        .expect("valid pattern")
});

/// Secrets shorter than this are too likely to match ordinary words.
const MIN_REMEMBERED_LEN: usize = 6;

/// Registers a value that must never be written to the log.
pub fn remember(secret: &str) {
    if secret.len() < MIN_REMEMBERED_LEN {
        return;
    }
    let mut all = SECRETS.write().unwrap_or_else(|e| e.into_inner());
    if !all.iter().any(|s| s == secret) {
        if all.len() == MAX_REMEMBERED {
            all.remove(0);
        }
        all.push(secret.to_string());
    }
}

pub fn redact(line: &str) -> String {
    let line = admin_policy::card::mask(line);
    let mut out = PATTERNS
        .replace_all(&line, |c: &regex::Captures| {
            let key = c.get(1).or_else(|| c.get(2)).map_or("", |m| m.as_str());
            format!("{key}{REDACTED}")
        })
        .into_owned();
    for secret in SECRETS.read().unwrap_or_else(|e| e.into_inner()).iter() {
        if out.contains(secret.as_str()) {
            out = out.replace(secret.as_str(), REDACTED);
        }
    }
    out
}

/// Wraps any writer so each formatted event is scrubbed before it lands.
#[derive(Clone)]
pub struct Redacting<M>(pub M);

pub struct RedactingWriter<W>(W);

impl<'a, M: MakeWriter<'a>> MakeWriter<'a> for Redacting<M> {
    type Writer = RedactingWriter<M::Writer>;

    fn make_writer(&'a self) -> Self::Writer {
        RedactingWriter(self.0.make_writer())
    }
}

impl<W: Write> Write for RedactingWriter<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let text = String::from_utf8_lossy(buf);
        self.0.write_all(redact(&text).as_bytes())?;
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        self.0.flush()
    }
}

pub fn env_filter() -> EnvFilter {
    EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new("info"))
}

/// Lines held in memory while the file lags behind (tracing-appender's default).
const BUFFERED_LINES: usize = 128_000;

/// The scrubbing writer over a background thread that writes `inner`. When `buffered_lines`
/// wait, a caller blocks until there is room: `tracing_appender::non_blocking` would drop the
/// line without a trace, and a log that silently lacks lines under load is no record.
pub fn file_writer<W: Write + Send + 'static>(
    inner: W,
    buffered_lines: usize,
) -> (Redacting<NonBlocking>, WorkerGuard) {
    let (writer, guard) = NonBlockingBuilder::default()
        .lossy(false)
        .buffered_lines_limit(buffered_lines)
        .finish(inner);
    (Redacting(writer), guard)
}

static LOG_DISK_FULL: Mutex<Option<String>> = Mutex::new(None);

/// Set once the log's disk filled: what the startup banner says (issue 16).
pub fn disk_full() -> Option<String> {
    LOG_DISK_FULL
        .lock()
        .unwrap_or_else(|e| e.into_inner())
        .clone()
}

/// The log file's writer, which turns a full disk into a message naming it instead of an
/// error the logging thread would print for every line: the console keeps running, and the
/// banner says which disk to free. The lines written meanwhile are the ones lost.
pub struct DiskFullNamed<W> {
    inner: W,
    dir: PathBuf,
    /// Where the message goes: the app's one log, or a test's own.
    said: &'static Mutex<Option<String>>,
}

impl<W> DiskFullNamed<W> {
    pub fn new(inner: W, dir: &Path) -> Self {
        DiskFullNamed {
            inner,
            dir: dir.to_path_buf(),
            said: &LOG_DISK_FULL,
        }
    }

    fn full(&self, e: &io::Error) {
        let mut slot = self.said.lock().unwrap_or_else(|e| e.into_inner());
        if slot.is_none() {
            let message = format!(
                "the disk holding the log folder {} is full: log lines are not written until space is freed ({e})",
                self.dir.display()
            );
            eprintln!("{message}");
            *slot = Some(message);
        }
    }
}

impl<W: Write> Write for DiskFullNamed<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        match self.inner.write(buf) {
            Err(e) if e.kind() == io::ErrorKind::StorageFull => {
                self.full(&e);
                Ok(buf.len())
            }
            other => other,
        }
    }

    fn flush(&mut self) -> io::Result<()> {
        match self.inner.flush() {
            Err(e) if e.kind() == io::ErrorKind::StorageFull => {
                self.full(&e);
                Ok(())
            }
            other => other,
        }
    }
}

/// Starts file logging; keep the guard alive for the life of the app.
pub fn init(log_dir: &Path) -> io::Result<WorkerGuard> {
    std::fs::create_dir_all(log_dir)?;
    let appender = tracing_appender::rolling::Builder::new()
        .rotation(tracing_appender::rolling::Rotation::DAILY)
        .filename_prefix("console")
        .filename_suffix("log")
        .max_log_files(14)
        .build(log_dir)
        .map_err(io::Error::other)?;
    let (writer, guard) = file_writer(DiskFullNamed::new(appender, log_dir), BUFFERED_LINES);
    tracing_subscriber::fmt()
        .with_env_filter(env_filter())
        .with_ansi(false)
        .with_writer(writer)
        .try_init()
        .map_err(|e| io::Error::other(e.to_string()))?;
    Ok(guard)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Issue 16: a full disk under the log (Linux's /dev/full answers every write with
    /// ENOSPC) is named by its folder, once, and logging goes on without failing the caller.
    #[cfg(target_os = "linux")]
    #[test]
    fn a_full_log_disk_is_named_and_logging_goes_on() {
        let full = std::fs::OpenOptions::new()
            .write(true)
            .open("/dev/full")
            .unwrap();
        let dir = Path::new("/var/log/admin-console-test");
        // Its own slot: the app-wide one would show in other tests' start-up notices.
        let said: &'static Mutex<Option<String>> = Box::leak(Box::default());
        let named = DiskFullNamed {
            said,
            ..DiskFullNamed::new(full, dir)
        };
        let (writer, guard) = file_writer(named, 16);
        for i in 0..100 {
            let mut w = writer.make_writer();
            w.write_all(format!("line {i}\n").as_bytes()).unwrap();
        }
        drop(guard); // flushes the background thread
        let message = said
            .lock()
            .unwrap()
            .clone()
            .expect("the full disk was noticed");
        assert!(
            message.contains("/var/log/admin-console-test") && message.contains("is full"),
            "{message}"
        );
    }

    /// Clause FZ-PW-REDACT: remembered values and credential-shaped text are scrubbed.
    #[test]
    fn fz_pw_redact_scrubs_known_values_and_shapes() {
        remember("s3cret-value-42");
        let line = redact("user typed s3cret-value-42 then Authorization: Bearer abc.def password=hunter2 {\"token\":\"zzz\"}");
        assert!(!line.contains("s3cret-value-42"), "{line}");
        assert!(!line.contains("abc.def"), "{line}");
        assert!(!line.contains("hunter2"), "{line}");
        assert!(!line.contains("zzz"), "{line}");
        assert!(line.contains("user typed [redacted]"), "{line}");
        assert_eq!(redact("GET /api/v1/me 200"), "GET /api/v1/me 200");
    }

    /// Clause FZ-PW-REDACT: a quoted password is masked whole, spaces included.
    #[test]
    fn fz_pw_redact_masks_passwords_with_spaces() {
        let line = redact(
            r#"{"username":"anna","password":"correct horse battery staple"} password="two words" secret: "a \" b""#,
        );
        for word in ["horse", "battery", "staple", "words", "\\\" b"] {
            assert!(!line.contains(word), "{word} in {line}");
        }
        assert!(line.contains("anna"), "{line}");
    }

    /// Clauses FZ-PW-REDACT, 4S-SSO: a TOTP seed is scrubbed even before it is remembered,
    /// by its shape in an otpauth URI or a `secret` field.
    #[test]
    fn fz_pw_redact_scrubs_totp_seeds_by_shape() {
        let line = redact(
            "otpauth://totp/Admin%20Console:anna?secret=KRSXG5CTMVRXEZLU&issuer=Admin%20Console {\"secret\":\"MFRGGZDFMZTWQ2LK\"}",
        );
        assert!(!line.contains("KRSXG5CTMVRXEZLU"), "{line}");
        assert!(!line.contains("MFRGGZDFMZTWQ2LK"), "{line}");
    }

    /// Clauses FZ-NO-CARD / UQ-NO-CARD: a line holding a card number, written through
    /// the console's log writer, lands with the number masked (e.g. from a URL the
    /// client logs when it retries).
    #[test]
    fn fz_no_card_log_writer_masks_card_numbers() {
        #[derive(Clone, Default)]
        struct Sink(std::sync::Arc<std::sync::Mutex<Vec<u8>>>);
        impl Write for Sink {
            fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
                self.0.lock().unwrap().extend_from_slice(buf);
                Ok(buf.len())
            }
            fn flush(&mut self) -> io::Result<()> {
                Ok(())
            }
        }
        let sink = Sink::default();
        let target = sink.clone();
        let make = Redacting(move || target.clone());
        let mut writer = make.make_writer();
        writeln!(
            writer,
            "retrying url=http://127.0.0.1/api/v1/users?q=4111%201111 card 5555-5555-5555-4444 and 4111 1111 1111 1111"
        )
        .unwrap();
        let written = String::from_utf8(sink.0.lock().unwrap().clone()).unwrap();
        assert!(!written.contains("5555-5555-5555-4444"), "{written}");
        assert!(!written.contains("4111 1111 1111 1111"), "{written}");
        assert_eq!(
            written.matches(admin_policy::card::MASK).count(),
            2,
            "{written}"
        );
        assert!(written.starts_with("retrying url="), "{written}");
    }

    /// Under load (the file stalls while lines keep coming) the writer keeps every line:
    /// callers wait for room instead of the line being dropped.
    #[test]
    fn no_line_is_dropped_while_the_file_lags() {
        use std::sync::{mpsc, Arc, Condvar, Mutex};
        // A file that stalls until released, then takes everything.
        #[derive(Clone, Default)]
        struct Stalled(Arc<(Mutex<(bool, Vec<u8>)>, Condvar)>);
        impl Write for Stalled {
            fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
                let (lock, open) = &*self.0;
                let mut state = open
                    .wait_while(lock.lock().unwrap(), |(released, _)| !*released)
                    .unwrap();
                state.1.extend_from_slice(buf);
                Ok(buf.len())
            }
            fn flush(&mut self) -> io::Result<()> {
                Ok(())
            }
        }
        const LINES: usize = 500;
        let file = Stalled::default();
        let (writer, guard) = file_writer(file.clone(), 8);
        let (done_tx, done_rx) = mpsc::channel();
        let logger = std::thread::spawn(move || {
            for i in 0..LINES {
                writeln!(writer.make_writer(), "line {i}").unwrap();
            }
            done_tx.send(()).unwrap();
        });
        // Sixty-four times the buffer was offered while the file stalled: a lossy writer is
        // done by now, having dropped most of it; this one waits for room.
        let finished_while_stalled = done_rx
            .recv_timeout(std::time::Duration::from_millis(300))
            .is_ok();
        {
            let (lock, open) = &*file.0;
            lock.lock().unwrap().0 = true;
            open.notify_all();
        }
        logger.join().unwrap();
        drop(guard);
        let written = String::from_utf8(file.0 .0.lock().unwrap().1.clone()).unwrap();
        let lines: Vec<&str> = written.lines().collect();
        assert_eq!(
            lines.len(),
            LINES,
            "finished while stalled: {finished_while_stalled}"
        );
        assert_eq!(lines[LINES - 1], format!("line {}", LINES - 1));
    }
}
