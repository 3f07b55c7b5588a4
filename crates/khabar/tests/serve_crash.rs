//! Crash safety of `khabar serve`: articles are posted in a stream, the server is killed with
//! SIGKILL in the middle of it, and after a restart every article that got a 2xx answer is there,
//! in a story, and found by search (the index caught up with the store).

use serde_json::{Value, json};
use std::io::{BufRead, BufReader, Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// A minimal HTTP/1.1 exchange (Connection: close): (status, body). Err on connection errors.
fn http(
    addr: SocketAddr,
    method: &str,
    path: &str,
    body: Option<&[u8]>,
) -> std::io::Result<(u16, String)> {
    let mut s = TcpStream::connect_timeout(&addr, Duration::from_secs(5))?;
    s.set_read_timeout(Some(Duration::from_secs(60)))?;
    s.set_write_timeout(Some(Duration::from_secs(60)))?;
    let body = body.unwrap_or(b"");
    write!(
        s,
        "{method} {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\nContent-Type: application/json\r\nContent-Length: {}\r\n\r\n",
        body.len()
    )?;
    s.write_all(body)?;
    let mut raw = Vec::new();
    s.read_to_end(&mut raw)?;
    let text = String::from_utf8_lossy(&raw).to_string();
    let (head, rest) = text
        .split_once("\r\n\r\n")
        .ok_or_else(|| std::io::Error::other(format!("no http head in {text:?}")))?;
    let status = head
        .split_whitespace()
        .nth(1)
        .and_then(|c| c.parse().ok())
        .ok_or_else(|| std::io::Error::other(format!("bad status line in {head:?}")))?;
    let body = if head
        .to_ascii_lowercase()
        .contains("transfer-encoding: chunked")
    {
        dechunk(rest)
    } else {
        rest.to_string()
    };
    Ok((status, body))
}

fn dechunk(mut s: &str) -> String {
    let mut out = String::new();
    while let Some((size, rest)) = s.split_once("\r\n") {
        let n = usize::from_str_radix(size.trim(), 16).unwrap_or(0);
        if n == 0 || rest.len() < n {
            break;
        }
        out.push_str(rest.get(..n).unwrap_or(""));
        s = rest.get(n + 2..).unwrap_or("");
    }
    out
}

fn get_json(addr: SocketAddr, path: &str) -> (u16, Value) {
    let (status, body) =
        http(addr, "GET", path, None).unwrap_or_else(|e| panic!("GET {path}: {e}"));
    (
        status,
        serde_json::from_str(&body)
            .unwrap_or_else(|e| panic!("GET {path}: not json ({e}): {body}")),
    )
}

/// Start `khabar serve` on a free loopback port; returns the child and its address.
fn spawn_server(data: &Path) -> (Child, SocketAddr) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_khabar"))
        .arg("--data")
        .arg(data)
        .args(["serve", "--addr", "127.0.0.1:0"])
        .env_remove("KHABAR_TOKEN")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit())
        .spawn()
        .expect("khabar serve starts");
    let stdout = child.stdout.take().expect("stdout");
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let mut line = String::new();
        let _ = BufReader::new(stdout).read_line(&mut line);
        let _ = tx.send(line);
    });
    let line = match rx.recv_timeout(Duration::from_secs(120)) {
        Ok(l) => l,
        Err(_) => {
            let _ = child.kill();
            panic!("khabar serve did not report its address in time");
        }
    };
    let addr = line
        .trim()
        .strip_prefix("listening on http://")
        .and_then(|a| a.parse().ok())
        .unwrap_or_else(|| panic!("unexpected first line: {line:?}"));
    (child, addr)
}

fn article(n: usize) -> Value {
    let cities = [
        "حلب",
        "الموصل",
        "صفاقس",
        "وهران",
        "إربد",
        "صلالة",
        "أسوان",
        "مراكش",
    ];
    let city = cities[n % cities.len()];
    json!({
        "id": format!("crash-{n}"),
        "source": "وكالة الاختبار",
        "title": format!("افتتاح مشروع للطاقة الشمسية رقم {n} في {city}"),
        "text": format!(
            "افتتحت السلطات في {city} مشروعاً للطاقة الشمسية بقدرة {} ميغاواط.\n\
             وقال مدير المشروع إن المحطة ستغطي حاجة {} ألف منزل من الكهرباء خلال العام المقبل.",
            10 + n,
            2 + n % 17
        ),
        "published": format!("2024-05-{:02}T10:{:02}:00Z", 1 + n % 28, n % 60),
    })
}

#[test]
fn sigkill_during_posts_loses_no_acknowledged_article() {
    let dir = tempfile::tempdir().expect("temp dir");
    let (mut child, addr) = spawn_server(dir.path());

    let acked = Arc::new(Mutex::new(Vec::<String>::new()));
    let stop = Arc::new(AtomicBool::new(false));
    let poster = {
        let (acked, stop) = (acked.clone(), stop.clone());
        std::thread::spawn(move || {
            let mut n = 0;
            while !stop.load(Ordering::Relaxed) && n < 2000 {
                // Alternate single articles and small batches.
                let batch: Vec<Value> = (n..n + 1 + n % 3).map(article).collect();
                n += batch.len();
                let body = Value::Array(batch.clone()).to_string();
                match http(addr, "POST", "/api/articles", Some(body.as_bytes())) {
                    Ok((status, _)) if (200..300).contains(&status) => {
                        let mut a = acked.lock().unwrap_or_else(|p| p.into_inner());
                        a.extend(
                            batch
                                .iter()
                                .filter_map(|v| v["id"].as_str().map(str::to_string)),
                        );
                    }
                    Ok((status, body)) => panic!("POST answered {status}: {body}"),
                    Err(_) => break, // killed
                }
            }
        })
    };
    // Kill once a good number of articles went through, while posts are still being sent.
    let deadline = Instant::now() + Duration::from_secs(180);
    while acked.lock().map(|a| a.len()).unwrap_or(0) < 25 && Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(20));
    }
    child.kill().expect("SIGKILL"); // std's kill is SIGKILL on unix
    let _ = child.wait();
    stop.store(true, Ordering::Relaxed);
    poster.join().expect("poster thread");
    let acked = acked.lock().map(|a| a.clone()).unwrap_or_default();
    assert!(
        acked.len() >= 25,
        "only {} articles acknowledged before the deadline",
        acked.len()
    );

    // Restart on the same data directory.
    let (mut child, addr) = spawn_server(dir.path());
    for id in &acked {
        let (status, a) = get_json(addr, &format!("/api/articles/{id}"));
        assert_eq!(status, 200, "acknowledged article {id} lost after SIGKILL");
        assert!(a["story"].is_u64(), "{id} has no story after restart: {a}");
    }
    let (_, h) = get_json(addr, "/healthz");
    let stored = h["articles"].as_u64().expect("article count");
    assert!(stored as usize >= acked.len());
    assert_eq!(
        h["indexed"], h["articles"],
        "search index disagrees with the store: {h}"
    );
    // Search finds them all.
    let src = "%D9%88%D9%83%D8%A7%D9%84%D8%A9%20%D8%A7%D9%84%D8%A7%D8%AE%D8%AA%D8%A8%D8%A7%D8%B1"; // وكالة الاختبار
    let (_, r) = get_json(addr, &format!("/api/search?source={src}&limit=100&page=1"));
    assert_eq!(r["total"].as_u64(), Some(stored), "{r}");
    let q = "%D8%A7%D9%84%D8%B4%D9%85%D8%B3%D9%8A%D8%A9"; // الشمسية
    let (_, r) = get_json(addr, &format!("/api/search?q={q}&limit=1"));
    assert_eq!(r["total"].as_u64(), Some(stored), "{r}");
    let _ = child.kill();
    let _ = child.wait();
}
