//! A loopback HTTP proxy that misbehaves on purpose: it forwards the sync engine's requests
//! to the real service and spoils the answers to audit pages as it is told. Raw TCP on the
//! client side, because a truncated body, a trickle and a reset are things a well-behaved
//! HTTP server library will not do.

use std::sync::{Arc, Mutex};
use std::time::Duration;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Fault {
    /// A 200 whose body is not JSON.
    GarbageJson,
    /// The whole Content-Length announced, half the body sent, then the connection closed.
    TruncatedBody,
    /// The body a few bytes at a time, slower than the client's page timeout.
    Trickle,
    /// Half the body, then a TCP reset.
    Reset,
    /// A 500 problem.
    ServerError,
    /// No items and `next_after` equal to the request's `after`, below the high water mark.
    StuckCursor,
    /// The page's first event sent twice.
    DuplicateSeq,
    /// An event in the middle of the page left out.
    GapInSeq,
}

#[derive(Default)]
struct Plan {
    fault: Option<Fault>,
    /// Audit pages to let through before the fault starts.
    skip: usize,
    /// Audit pages still to spoil.
    times: usize,
    injected: usize,
    audit_pages: usize,
    /// Trickled bodies written to their end: the client waited for all of it.
    trickles_read_whole: usize,
}

#[derive(Clone)]
pub struct FaultProxy {
    pub base_url: String,
    plan: Arc<Mutex<Plan>>,
    task: Arc<tokio::task::JoinHandle<()>>,
}

impl Drop for FaultProxy {
    fn drop(&mut self) {
        if Arc::strong_count(&self.task) == 1 {
            self.task.abort();
        }
    }
}

impl FaultProxy {
    pub async fn start(upstream: &str) -> FaultProxy {
        let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let base_url = format!("http://{}/", listener.local_addr().unwrap());
        let plan = Arc::new(Mutex::new(Plan::default()));
        let upstream = upstream.trim_end_matches('/').to_string();
        let http = reqwest::Client::new();
        let p = plan.clone();
        let task = tokio::spawn(async move {
            loop {
                let Ok((socket, _)) = listener.accept().await else {
                    return;
                };
                let (p, http, upstream) = (p.clone(), http.clone(), upstream.clone());
                tokio::spawn(async move {
                    let _ = serve(socket, &p, &http, &upstream).await;
                });
            }
        });
        FaultProxy {
            base_url,
            plan,
            task: Arc::new(task),
        }
    }

    /// Spoils `times` audit pages after letting `skip` through.
    pub fn inject(&self, fault: Fault, skip: usize, times: usize) {
        let mut plan = self.plan.lock().unwrap();
        *plan = Plan {
            fault: Some(fault),
            skip: plan.audit_pages + skip,
            times,
            injected: 0,
            audit_pages: plan.audit_pages,
            trickles_read_whole: 0,
        };
    }

    pub fn clear(&self) {
        self.plan.lock().unwrap().fault = None;
    }

    /// How many answers were spoiled since the last `inject`.
    pub fn injected(&self) -> usize {
        self.plan.lock().unwrap().injected
    }

    /// How many trickled bodies the client stayed for to the last byte.
    pub fn trickles_read_whole(&self) -> usize {
        self.plan.lock().unwrap().trickles_read_whole
    }
}

/// Which fault this audit page request gets, if any.
fn take_fault(plan: &Mutex<Plan>) -> Option<Fault> {
    let mut plan = plan.lock().unwrap();
    let n = plan.audit_pages;
    plan.audit_pages += 1;
    let fault = plan.fault?;
    if n < plan.skip || plan.injected >= plan.times {
        return None;
    }
    plan.injected += 1;
    Some(fault)
}

async fn serve(
    mut socket: TcpStream,
    plan: &Mutex<Plan>,
    http: &reqwest::Client,
    upstream: &str,
) -> std::io::Result<()> {
    // One request per connection: every answer says `Connection: close`.
    let mut buf = Vec::new();
    let head_end = loop {
        let mut chunk = [0u8; 4096];
        let n = socket.read(&mut chunk).await?;
        if n == 0 {
            return Ok(());
        }
        buf.extend_from_slice(&chunk[..n]);
        if let Some(i) = buf.windows(4).position(|w| w == b"\r\n\r\n") {
            break i + 4;
        }
    };
    let head = String::from_utf8_lossy(&buf[..head_end]).to_string();
    let mut lines = head.split("\r\n");
    let mut first = lines.next().unwrap_or_default().split(' ');
    let method = first.next().unwrap_or_default().to_string();
    let path = first.next().unwrap_or_default().to_string();
    let mut request = http.request(method.parse().unwrap(), format!("{upstream}{path}"));
    let mut length = 0;
    for line in lines {
        let Some((name, value)) = line.split_once(':') else {
            continue;
        };
        let value = value.trim();
        match name.to_ascii_lowercase().as_str() {
            "authorization" | "content-type" => request = request.header(name, value),
            "content-length" => length = value.parse().unwrap_or(0),
            _ => {}
        }
    }
    let mut body = buf[head_end..].to_vec();
    while body.len() < length {
        let mut chunk = vec![0u8; length - body.len()];
        let n = socket.read(&mut chunk).await?;
        if n == 0 {
            break;
        }
        body.extend_from_slice(&chunk[..n]);
    }
    let answer = request.body(body).send().await.unwrap();
    let status = answer.status().as_u16();
    let retry_after = answer
        .headers()
        .get("retry-after")
        .and_then(|v| v.to_str().ok())
        .map(str::to_string);
    let mut body = answer.bytes().await.unwrap().to_vec();
    let fault = if method == "GET" && path.starts_with("/api/v1/audit?") && status == 200 {
        take_fault(plan)
    } else {
        None
    };
    let mut status = status;
    match fault {
        Some(Fault::GarbageJson) => body = b"{\"items\": [{\"seq\": oops".to_vec(),
        Some(Fault::ServerError) => {
            status = 500;
            body = br#"{"type":"about:blank","title":"Internal Server Error","status":500,"detail":"injected"}"#.to_vec();
        }
        Some(Fault::StuckCursor | Fault::DuplicateSeq | Fault::GapInSeq) => {
            body = rewrite(fault.unwrap(), &path, &body)
        }
        _ => {}
    }
    let mut head = format!(
        "HTTP/1.1 {status} X\r\ncontent-type: application/json\r\ncontent-length: {}\r\nconnection: close\r\n",
        body.len()
    );
    if let Some(r) = retry_after {
        head.push_str(&format!("retry-after: {r}\r\n"));
    }
    head.push_str("\r\n");
    socket.write_all(head.as_bytes()).await?;
    match fault {
        Some(Fault::TruncatedBody) => {
            socket.write_all(&body[..body.len() / 2]).await?;
            socket.shutdown().await?;
        }
        Some(Fault::Reset) => {
            socket.write_all(&body[..body.len() / 2]).await?;
            socket.flush().await?;
            // A zero linger is what turns the close into a reset; it does not block.
            #[allow(deprecated)]
            socket.set_linger(Some(Duration::ZERO))?;
            drop(socket);
        }
        Some(Fault::Trickle) => {
            // 20 pieces 300 ms apart: 6 s, longer than the page timeout the tests set.
            // A client that gave up has reset the connection by the next piece, so
            // reaching the end means it waited for the whole body.
            for (i, chunk) in body.chunks(body.len() / 20 + 1).enumerate() {
                if i > 0 {
                    tokio::time::sleep(Duration::from_millis(300)).await;
                }
                socket.write_all(chunk).await?;
            }
            plan.lock().unwrap().trickles_read_whole += 1;
        }
        _ => {
            socket.write_all(&body).await?;
            socket.shutdown().await?;
        }
    }
    Ok(())
}

fn rewrite(fault: Fault, path: &str, body: &[u8]) -> Vec<u8> {
    let mut page: serde_json::Value = serde_json::from_slice(body).unwrap();
    let items = page["items"].as_array_mut().unwrap();
    match fault {
        Fault::StuckCursor => {
            let after: i64 = path
                .split(['?', '&'])
                .find_map(|kv| kv.strip_prefix("after="))
                .unwrap()
                .parse()
                .unwrap();
            items.clear();
            page["next_after"] = after.into();
        }
        Fault::DuplicateSeq if !items.is_empty() => {
            let first = items[0].clone();
            items.insert(1, first);
        }
        Fault::GapInSeq if items.len() > 2 => {
            items.remove(items.len() / 2);
        }
        _ => {}
    }
    serde_json::to_vec(&page).unwrap()
}
