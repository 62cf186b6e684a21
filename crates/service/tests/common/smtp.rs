//! A minimal SMTP server on loopback for the outbox tests: a real socket speaking enough
//! SMTP for `lettre`, keeping what it accepted.

use std::sync::{Arc, Mutex};
use tokio::io::{AsyncBufReadExt, AsyncWriteExt, BufReader};
use tokio::net::TcpListener;

/// Recipients and data of one accepted message.
pub type Received = (Vec<String>, String);

/// Accepts every message (or refuses every recipient) and keeps the recipients and data
/// of what it accepted.
#[derive(Clone, Default)]
pub struct Sink {
    pub received: Arc<Mutex<Vec<Received>>>,
    pub refuse: Arc<Mutex<bool>>,
}

impl Sink {
    pub async fn start() -> (Sink, u16) {
        let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let port = listener.local_addr().unwrap().port();
        let sink = Sink::default();
        let s = sink.clone();
        tokio::spawn(async move {
            while let Ok((stream, _)) = listener.accept().await {
                let s = s.clone();
                tokio::spawn(async move { s.session(stream).await });
            }
        });
        (sink, port)
    }

    async fn session(&self, stream: tokio::net::TcpStream) {
        let (r, mut w) = stream.into_split();
        let mut lines = BufReader::new(r).lines();
        let _ = w.write_all(b"220 sink ESMTP\r\n").await;
        let (mut rcpt, mut data, mut in_data) = (Vec::new(), String::new(), false);
        while let Ok(Some(line)) = lines.next_line().await {
            if in_data {
                if line == "." {
                    in_data = false;
                    self.received
                        .lock()
                        .unwrap()
                        .push((std::mem::take(&mut rcpt), std::mem::take(&mut data)));
                    let _ = w.write_all(b"250 queued\r\n").await;
                } else {
                    data.push_str(&line);
                    data.push('\n');
                }
                continue;
            }
            let upper = line.to_ascii_uppercase();
            let reply: &[u8] = if upper.starts_with("EHLO") || upper.starts_with("HELO") {
                b"250 sink\r\n"
            } else if upper.starts_with("RCPT") {
                if *self.refuse.lock().unwrap() {
                    b"550 no such mailbox\r\n"
                } else {
                    rcpt.push(line[8..].trim().trim_matches(['<', '>']).to_string());
                    b"250 ok\r\n"
                }
            } else if upper.starts_with("DATA") {
                in_data = true;
                b"354 go on\r\n"
            } else if upper.starts_with("QUIT") {
                let _ = w.write_all(b"221 bye\r\n").await;
                return;
            } else {
                b"250 ok\r\n"
            };
            let _ = w.write_all(reply).await;
        }
    }

    pub fn recipients(&self) -> Vec<String> {
        let mut all: Vec<String> = self
            .received
            .lock()
            .unwrap()
            .iter()
            .flat_map(|(r, _)| r.clone())
            .collect();
        all.sort();
        all
    }
}
