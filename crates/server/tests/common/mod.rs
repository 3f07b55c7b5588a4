//! Shared helpers of the server tests: a real server on 127.0.0.1:0 over a temporary data
//! directory, a small HTTP client (ureq), and the two seed articles as JSON objects.
#![allow(dead_code)]

use serde_json::{Value, json};
use std::path::{Path, PathBuf};
use std::time::Duration;

pub const SEED_A: &str = "000_f2781f012485ef63";
pub const SEED_B: &str = "001_ddf57a01e70e49b5";
/// Outlets given to the seeds: A writes البنتاغون (Levantine), B writes البنتاجون (Egyptian).
pub const OUTLET_A: &str = "عربي21";
pub const OUTLET_B: &str = "مصراوي";

pub struct TestServer {
    pub dir: tempfile::TempDir,
    pub running: Option<server::Running>,
    pub base: String,
    pub agent: ureq::Agent,
}

pub fn agent() -> ureq::Agent {
    ureq::Agent::config_builder()
        .http_status_as_error(false)
        .timeout_global(Some(Duration::from_secs(60)))
        .build()
        .into()
}

impl TestServer {
    pub fn start() -> TestServer {
        Self::start_with(None)
    }

    pub fn start_with(token: Option<&str>) -> TestServer {
        Self::start_access(server::Access::token(token.map(str::to_string)))
    }

    pub fn start_access(access: server::Access) -> TestServer {
        let dir = tempfile::tempdir().expect("temp dir");
        let running = server::start(dir.path(), "127.0.0.1:0".parse().expect("addr"), access)
            .expect("server starts");
        let base = format!("http://{}", running.addr);
        TestServer {
            dir,
            running: Some(running),
            base,
            agent: agent(),
        }
    }

    /// Stop gracefully and start again on the same data directory.
    pub fn restart(&mut self) {
        if let Some(r) = self.running.take() {
            r.stop().expect("graceful stop");
        }
        let running = server::start(
            self.dir.path(),
            "127.0.0.1:0".parse().expect("addr"),
            server::Access::default(),
        )
        .expect("server restarts");
        self.base = format!("http://{}", running.addr);
        self.running = Some(running);
    }

    pub fn url(&self, path: &str) -> String {
        format!("{}{}", self.base, path)
    }

    /// GET: (status, content type, body text).
    pub fn get_raw(&self, path: &str) -> (u16, String, String) {
        let mut r = self
            .agent
            .get(&self.url(path))
            .call()
            .expect("GET answered");
        let status = r.status().as_u16();
        let ct = r
            .headers()
            .get("content-type")
            .and_then(|v| v.to_str().ok())
            .unwrap_or("")
            .to_string();
        let body = r
            .body_mut()
            .with_config()
            .limit(64 << 20)
            .read_to_string()
            .expect("body");
        (status, ct, body)
    }

    pub fn get(&self, path: &str) -> (u16, Value) {
        let (s, ct, body) = self.get_raw(path);
        assert!(
            ct.starts_with("application/json"),
            "{path}: content-type {ct:?}, body {body:?}"
        );
        (
            s,
            serde_json::from_str(&body)
                .unwrap_or_else(|e| panic!("{path}: not json ({e}): {body}")),
        )
    }

    pub fn post_bytes(&self, path: &str, body: &[u8], token: Option<&str>) -> (u16, Value) {
        let mut req = self
            .agent
            .post(&self.url(path))
            .header("Content-Type", "application/json");
        if let Some(t) = token {
            req = req.header("Authorization", &format!("Bearer {t}"));
        }
        let mut r = req.send(body).expect("POST answered");
        let status = r.status().as_u16();
        let ct = r
            .headers()
            .get("content-type")
            .and_then(|v| v.to_str().ok())
            .unwrap_or("")
            .to_string();
        let text = r.body_mut().read_to_string().expect("body");
        assert!(
            ct.starts_with("application/json"),
            "{path}: content-type {ct:?}, body {text:?}"
        );
        (
            status,
            serde_json::from_str(&text).unwrap_or_else(|e| panic!("not json ({e}): {text}")),
        )
    }

    pub fn post(&self, path: &str, body: &Value) -> (u16, Value) {
        self.post_bytes(path, body.to_string().as_bytes(), None)
    }

    /// A POST written by hand, with exactly `headers` (a `Host` naming this server unless they
    /// give one): for the headers browsers send, which a client library sets its own way.
    pub fn raw_post(&self, path: &str, headers: &[(&str, &str)], body: &[u8]) -> (u16, Value) {
        use std::io::{Read, Write};
        let addr = self.base.trim_start_matches("http://");
        let mut req = format!("POST {path} HTTP/1.1\r\nConnection: close\r\n");
        if !headers.iter().any(|(k, _)| k.eq_ignore_ascii_case("host")) {
            req.push_str(&format!("Host: {addr}\r\n"));
        }
        for (k, v) in headers {
            req.push_str(&format!("{k}: {v}\r\n"));
        }
        req.push_str(&format!("Content-Length: {}\r\n\r\n", body.len()));
        let mut conn = std::net::TcpStream::connect(addr).expect("connect");
        conn.set_read_timeout(Some(Duration::from_secs(60))).ok();
        conn.write_all(req.as_bytes()).expect("send head");
        conn.write_all(body).expect("send body");
        let mut answer = Vec::new();
        conn.read_to_end(&mut answer).expect("read answer");
        let text = String::from_utf8_lossy(&answer);
        let (head, body) = text.split_once("\r\n\r\n").expect("http answer");
        let status = head
            .split(' ')
            .nth(1)
            .and_then(|s| s.parse().ok())
            .unwrap_or_else(|| panic!("no status in {head:?}"));
        assert!(
            !head
                .to_ascii_lowercase()
                .contains("transfer-encoding: chunked"),
            "chunked answer: {head}"
        );
        let value = serde_json::from_str(body).unwrap_or_else(|e| panic!("not json ({e}): {body}"));
        (status, value)
    }
}

pub fn testdata() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../testdata")
}

/// The seeds read by `ingest` from their text files, as JSON objects to post (raw body, so the
/// server does the cleaning), each with its own outlet.
pub fn seeds_json() -> Vec<Value> {
    let files = [
        testdata().join("seeds").join(format!("{SEED_A}.txt")),
        testdata().join("seeds").join(format!("{SEED_B}.txt")),
    ];
    let reader = ingest::Reader::new(&files, ingest::IngestOptions::default()).expect("reader");
    let mut out = Vec::new();
    for r in reader {
        let a = r.expect("seed parses");
        let source = if a.id == SEED_A { OUTLET_A } else { OUTLET_B };
        out.push(json!({
            "id": a.id,
            "source": source,
            "title": a.title,
            "text": a.original,
            "published": a.published.map(|p| p.raw),
        }));
    }
    assert_eq!(out.len(), 2);
    out
}

/// Post the seeds; returns their story id.
pub fn post_seeds(s: &TestServer) -> u64 {
    let (status, body) = s.post("/api/articles", &Value::Array(seeds_json()));
    assert_eq!(status, 201, "{body}");
    let items = body["articles"].as_array().expect("articles");
    assert_eq!(items.len(), 2);
    let a = items[0]["story"].as_u64().expect("story id");
    let b = items[1]["story"].as_u64().expect("story id");
    assert_eq!(a, b, "the seeds must join one story: {body}");
    a
}

/// A short realistic Arabic article about `city` (distinct wording per `n`).
pub fn article(id: &str, source: &str, city: &str, n: usize) -> Value {
    let topics = [
        ("افتتاح مستشفى جديد", "افتتحت وزارة الصحة مستشفى جديداً يضم"),
        ("ارتفاع أسعار الخضار", "ارتفعت أسعار الخضار في الأسواق بنسبة"),
        ("مهرجان للكتاب", "انطلق مهرجان الكتاب السنوي بمشاركة"),
        ("أمطار غزيرة", "هطلت أمطار غزيرة على المدينة وبلغ منسوبها"),
    ];
    let (title, lead) = topics[n % topics.len()];
    json!({
        "id": id,
        "source": source,
        "title": format!("{title} في {city}"),
        "text": format!(
            "{lead} {} وحدة في مدينة {city} صباح اليوم.\n\
             وقال مسؤول محلي إن الخطوة تأتي ضمن خطة تمتد {} أشهر لتحسين الخدمات في {city}.\n\
             وأضاف أن السكان رحبوا بالقرار وطالبوا بمزيد من المشاريع.",
            100 + n * 7,
            3 + n % 9
        ),
        "published": format!("2024-03-{:02}T{:02}:00:00Z", 1 + n % 28, n % 24),
    })
}

/// The dev set's articles (testdata/dev/articles.jsonl) as JSON objects to post.
pub fn dev_json() -> Vec<Value> {
    let path = testdata().join("dev").join("articles.jsonl");
    let text = std::fs::read_to_string(path).expect("dev set");
    text.lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| serde_json::from_str(l).expect("dev line is JSON"))
        .collect()
}

/// Arabic words of `s` (letters, marks and tatweel, so a tatweel-marked key is one word).
pub fn arabic_words(s: &str) -> impl Iterator<Item = &str> {
    s.split(|c: char| !matches!(c, '\u{0621}'..='\u{065F}' | '\u{0670}'..='\u{06D3}'))
        .filter(|w| !w.is_empty())
}
