//! A tiny HTTP/1.1 server on 127.0.0.1 for tests: canned answers chosen per request, every
//! request logged. No test reaches the internet.

use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::sync::{Arc, Mutex};
use std::time::Duration;

/// A request as the server saw it.
#[derive(Debug, Clone)]
pub struct Req {
    pub path: String,
    /// Lower-cased header names.
    pub headers: Vec<(String, String)>,
}

impl Req {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }
}

/// What the server does with a request.
pub enum Answer {
    /// Status, extra headers, body.
    Reply(u16, Vec<(&'static str, String)>, Vec<u8>),
    /// Accept, read the request, then say nothing for this long before closing.
    Hang(Duration),
}

pub fn ok(content_type: &str, body: impl Into<Vec<u8>>) -> Answer {
    Answer::Reply(
        200,
        vec![("Content-Type", content_type.to_string())],
        body.into(),
    )
}

pub struct Server {
    pub base: String,
    pub log: Arc<Mutex<Vec<Req>>>,
}

impl Server {
    pub fn url(&self, path: &str) -> String {
        format!("{}{}", self.base, path)
    }
    pub fn hits(&self, path: &str) -> usize {
        self.log
            .lock()
            .map(|l| l.iter().filter(|r| r.path == path).count())
            .unwrap_or(0)
    }
    pub fn requests(&self) -> Vec<Req> {
        self.log.lock().map(|l| l.clone()).unwrap_or_default()
    }
}

/// Start a server; `handler(request, how many requests to this path came before)` answers.
pub fn serve<F>(handler: F) -> Server
where
    F: Fn(&Req, usize) -> Answer + Send + Sync + 'static,
{
    let listener = TcpListener::bind("127.0.0.1:0").expect("bind 127.0.0.1");
    let base = format!("http://{}", listener.local_addr().expect("addr"));
    let log: Arc<Mutex<Vec<Req>>> = Arc::new(Mutex::new(Vec::new()));
    let handler = Arc::new(handler);
    let log2 = Arc::clone(&log);
    std::thread::spawn(move || {
        for stream in listener.incoming().flatten() {
            let handler = Arc::clone(&handler);
            let log = Arc::clone(&log2);
            std::thread::spawn(move || handle(stream, &*handler, &log));
        }
    });
    Server { base, log }
}

fn handle<F: Fn(&Req, usize) -> Answer>(mut stream: TcpStream, handler: &F, log: &Mutex<Vec<Req>>) {
    let _ = stream.set_read_timeout(Some(Duration::from_secs(5)));
    let mut buf = Vec::new();
    let mut chunk = [0u8; 4096];
    while !buf.windows(4).any(|w| w == b"\r\n\r\n") {
        match stream.read(&mut chunk) {
            Ok(0) | Err(_) => return,
            Ok(n) => buf.extend_from_slice(&chunk[..n]),
        }
        if buf.len() > 64 * 1024 {
            return;
        }
    }
    let head = String::from_utf8_lossy(&buf).to_string();
    let mut lines = head.split("\r\n");
    let path = lines
        .next()
        .and_then(|l| l.split_whitespace().nth(1))
        .unwrap_or("/")
        .to_string();
    let headers = lines
        .take_while(|l| !l.is_empty())
        .filter_map(|l| l.split_once(':'))
        .map(|(k, v)| (k.trim().to_ascii_lowercase(), v.trim().to_string()))
        .collect();
    let req = Req { path, headers };
    let before = {
        let Ok(mut l) = log.lock() else { return };
        let n = l.iter().filter(|r| r.path == req.path).count();
        l.push(req.clone());
        n
    };
    match handler(&req, before) {
        Answer::Hang(d) => std::thread::sleep(d),
        Answer::Reply(status, headers, body) => {
            let reason = match status {
                200 => "OK",
                304 => "Not Modified",
                404 => "Not Found",
                500 => "Internal Server Error",
                _ => "Status",
            };
            let mut out = format!("HTTP/1.1 {status} {reason}\r\nConnection: close\r\n");
            for (k, v) in headers {
                out.push_str(&format!("{k}: {v}\r\n"));
            }
            if status != 304 {
                out.push_str(&format!("Content-Length: {}\r\n", body.len()));
            }
            out.push_str("\r\n");
            let _ = stream.write_all(out.as_bytes());
            if status != 304 {
                let _ = stream.write_all(&body);
            }
            let _ = stream.flush();
        }
    }
}
