//! The web UI in a real browser: headless Debian Chromium (`/usr/bin/chromium`, installed by
//! `scripts/install-test-deps.sh`) loads the seeds' story page and a search, after the script ran
//! (`--dump-dom`), and takes a screenshot; a page of another site tries to write and is refused;
//! the editor's move form, driven over the DevTools protocol (by node), writes. Skipped with a
//! message when Chromium (or, for the form, node with WebSocket) is absent.

mod common;

use common::*;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

const CHROMIUM: &str = "/usr/bin/chromium";

fn chromium() -> Option<PathBuf> {
    let p = std::env::var_os("KHABAR_CHROMIUM")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(CHROMIUM));
    p.exists().then_some(p)
}

/// Run headless Chromium with `args` then `url`; kill it after `limit`. Returns stdout.
fn run_chromium(bin: &Path, profile: &Path, args: &[&str], url: &str, limit: Duration) -> String {
    let mut child = Command::new(bin)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-dev-shm-usage",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--disable-extensions",
            "--hide-scrollbars",
            "--lang=ar",
        ])
        .arg(format!("--user-data-dir={}", profile.display()))
        .args(args)
        .arg(url)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("chromium starts");
    let mut stdout = child.stdout.take().expect("stdout");
    let reader = std::thread::spawn(move || {
        let mut s = String::new();
        let _ = std::io::Read::read_to_string(&mut stdout, &mut s);
        s
    });
    let deadline = Instant::now() + limit;
    loop {
        match child.try_wait() {
            Ok(Some(_)) => break,
            Ok(None) if Instant::now() < deadline => std::thread::sleep(Duration::from_millis(100)),
            _ => {
                let _ = child.kill();
                let _ = child.wait();
                panic!("chromium did not finish within {limit:?} on {url}");
            }
        }
    }
    reader.join().unwrap_or_default()
}

fn dump_dom(bin: &Path, profile: &Path, url: &str) -> String {
    run_chromium(
        bin,
        profile,
        &["--virtual-time-budget=10000", "--dump-dom"],
        url,
        Duration::from_secs(90),
    )
}

/// The text of the element whose opening tag contains `marker`, up to the next `</section>`.
fn section<'a>(dom: &'a str, marker: &str) -> &'a str {
    let start = dom
        .find(marker)
        .unwrap_or_else(|| panic!("no {marker} in the page"));
    let rest = &dom[start..];
    let end = rest.find("</section>").unwrap_or(rest.len());
    &rest[..end]
}

#[test]
fn story_page_and_search_render_in_chromium() {
    let Some(bin) = chromium() else {
        eprintln!(
            "SKIP browser test: {CHROMIUM} not found (run scripts/install-test-deps.sh as root)"
        );
        return;
    };
    let s = TestServer::start();
    let story = post_seeds(&s);
    let profile = tempfile::tempdir().expect("profile dir");

    // The story page, after the script rendered it.
    let dom = dump_dom(&bin, profile.path(), &s.url(&format!("/#/story/{story}")));
    assert!(dom.contains("dir=\"rtl\""), "page is not right-to-left");
    assert!(dom.contains("lang=\"ar\""));
    assert!(
        dom.contains("id=\"facts\""),
        "story page did not render: {}",
        &dom[..dom.len().min(2000)]
    );
    // A shared fact listing both outlets.
    let facts = section(&dom, "id=\"facts\"");
    let shared_row = facts
        .split("<tr class=\"fact\">")
        .skip(1)
        .find(|row| row.contains("قوة متعددة الجنسيات") || row.contains("حفظ"))
        .unwrap_or_else(|| panic!("no shared fact on the force: {facts}"));
    assert!(
        shared_row.contains(OUTLET_A) && shared_row.contains(OUTLET_B),
        "{shared_row}"
    );
    // Counts in Arabic agreement: a dual, not "2 مقال من 2 مصدر".
    assert!(
        dom.contains("مقالان من مصدرين"),
        "{}",
        &dom[..dom.len().min(3000)]
    );
    assert!(shared_row.contains("مصدران مستقلان"), "{shared_row}");
    // Each outlet's additions in its own column.
    let col_a = section(&dom, &format!("data-source=\"{OUTLET_A}\""));
    let col_b = section(&dom, &format!("data-source=\"{OUTLET_B}\""));
    assert!(
        col_b.contains("3.8 مليار"),
        "Egyptian outlet's addition missing: {col_b}"
    );
    assert!(
        col_a.contains("العشائر") || col_a.contains("عشائر"),
        "Levantine outlet's addition missing: {col_a}"
    );
    assert!(!col_a.contains("3.8 مليار"));
    assert!(dom.contains("id=\"timeline\"") && dom.contains("id=\"entities\""));
    assert!(dom.contains("id=\"move-form\"") && dom.contains("id=\"merge-form\""));

    // Search with the other spelling: the Levantine article comes back marked.
    let q = "%D8%A7%D9%84%D8%A8%D9%86%D8%AA%D8%A7%D8%AC%D9%88%D9%86"; // البنتاجون
    let dom = dump_dom(&bin, profile.path(), &s.url(&format!("/#/search?q={q}")));
    let hits = section(&dom, "id=\"hits\"");
    assert!(
        hits.contains("<mark>البنتاغون</mark>"),
        "no marked البنتاغون: {hits}"
    );

    // The article page shows what cleaning removed, as text.
    let dom = dump_dom(
        &bin,
        profile.path(),
        &s.url(&format!("/#/article/{SEED_B}")),
    );
    let removed = section(&dom, "id=\"removed\"");
    assert!(removed.contains("اقرأ أيضاً"), "{removed}");

    // A screenshot of the story page.
    let out = Path::new(env!("CARGO_TARGET_TMPDIR")).join("ui-screenshots");
    std::fs::create_dir_all(&out).expect("screenshot dir");
    let png = out.join("story.png");
    let _ = std::fs::remove_file(&png);
    run_chromium(
        &bin,
        profile.path(),
        &[
            "--virtual-time-budget=10000",
            "--window-size=1280,1600",
            &format!("--screenshot={}", png.display()),
        ],
        &s.url(&format!("/#/story/{story}")),
        Duration::from_secs(90),
    );
    let bytes = std::fs::read(&png).expect("screenshot written");
    assert!(bytes.starts_with(b"\x89PNG"), "not a png");
    assert!(
        bytes.len() > 10_000,
        "screenshot is {} bytes: blank page?",
        bytes.len()
    );
    eprintln!("screenshot: {}", png.display());
}

/// Regression: the story cards showed key terms as match keys (غزه) and the article page listed
/// "shared names" as keys (ـبنتجن) and common words (حفظ، سلام). The UI shows the display fields:
/// words as the articles write them.
#[test]
fn story_cards_and_why_show_words_as_written_in_chromium() {
    let Some(bin) = chromium() else {
        eprintln!(
            "SKIP browser test: {CHROMIUM} not found (run scripts/install-test-deps.sh as root)"
        );
        return;
    };
    let s = TestServer::start();
    post_seeds(&s);
    let seeds: Vec<String> = seeds_json()
        .iter()
        .map(|a| {
            format!(
                "{}\n{}",
                a["title"].as_str().unwrap(),
                a["text"].as_str().unwrap()
            )
        })
        .collect();
    let written = |w: &str| seeds.iter().any(|t| t.contains(w));
    let profile = tempfile::tempdir().expect("profile dir");

    let dom = dump_dom(&bin, profile.path(), &s.url("/#/"));
    let terms = after(&dom, "كلمات: ", "</span>");
    assert!(terms.contains("غزة"), "{terms}");
    for w in arabic_words(terms) {
        assert!(
            written(w),
            "key term {w:?} is not written so in the seeds: {terms}"
        );
    }

    let dom = dump_dom(
        &bin,
        profile.path(),
        &s.url(&format!("/#/article/{SEED_B}")),
    );
    let why = section(&dom, "لماذا هذه القصة؟");
    let why = &why[..why.find("</details>").unwrap_or(why.len())];
    assert!(!why.contains('\u{0640}'), "key mark in {why}");
    let names = after(why, "أسماء مشتركة: ", "</li>");
    assert!(names.contains("البنتاجون"), "{names}");
    let terms = after(why, "كلمات مشتركة: ", "</li>");
    for w in arabic_words(names).chain(arabic_words(terms)) {
        assert!(written(w), "{w:?} is not written so in the seeds: {why}");
    }
}

/// The text between `label` and the next `end` in `dom`.
fn after<'a>(dom: &'a str, label: &str, end: &str) -> &'a str {
    let start = dom
        .find(label)
        .unwrap_or_else(|| panic!("no {label} in the page"))
        + label.len();
    let rest = &dom[start..];
    &rest[..rest.find(end).unwrap_or(rest.len())]
}

/// Serve `html` to every request on 127.0.0.1:0 from a background thread (a page of another
/// site: the test opens it as `localhost`, another host and port than the khabar server's).
fn serve_page(html: String) -> u16 {
    use std::io::{BufRead, BufReader, Write};
    let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("bind page server");
    let port = listener.local_addr().expect("page server addr").port();
    std::thread::spawn(move || {
        for conn in listener.incoming().flatten() {
            let mut reader = BufReader::new(&conn);
            let mut line = String::new();
            while reader.read_line(&mut line).is_ok_and(|n| n > 2) {
                line.clear();
            }
            let mut conn = &conn;
            let _ = write!(
                conn,
                "HTTP/1.0 200 OK\r\nContent-Type: text/html; charset=utf-8\r\nContent-Length: {}\r\n\r\n{html}",
                html.len()
            );
        }
    });
    port
}

/// Regression: a page of another site, open in the browser, added an article and moved one to
/// another story on a token-less loopback server with a `no-cors` text/plain fetch and a
/// text/plain form, which need no CORS preflight.
#[test]
fn pages_of_other_sites_cannot_write_in_chromium() {
    let Some(bin) = chromium() else {
        eprintln!("SKIP cross-site browser test: {CHROMIUM} not found");
        return;
    };
    let s = TestServer::start();
    let story = post_seeds(&s);
    let (_, v) = s.post("/api/articles", &article("other-1", "وكالة", "صفاقس", 2));
    let other = v["articles"][0]["story"].as_u64().expect("story id");
    let planted = article("planted-1", "وكالة مزيفة", "حلب", 1).to_string();
    // A text/plain form sends `name=value`: the name carries the JSON up to a last field whose
    // value takes the `=`.
    let form_name = format!("{{\"kind\":\"move\",\"article\":\"{SEED_A}\",\"to\":{other},\"x\":\"");
    let html = format!(
        r#"<!doctype html><html><body><p id="status">start</p>
<form id="f" method="POST" action="{base}/api/corrections" enctype="text/plain" target="sink">
<input type="hidden" name='{form_name}' value='"}}'></form><iframe name="sink"></iframe>
<script>
fetch("{base}/api/articles", {{method: "POST", mode: "no-cors",
  headers: {{"Content-Type": "text/plain"}}, body: {planted:?}}})
  .then(() => {{ document.getElementById("status").textContent = "sent"; document.getElementById("f").submit(); }})
  .catch((e) => {{ document.getElementById("status").textContent = "failed " + e; }});
</script></body></html>"#,
        base = s.base,
    );
    let port = serve_page(html);
    let profile = tempfile::tempdir().expect("profile dir");
    let dom = dump_dom(&bin, profile.path(), &format!("http://localhost:{port}/"));
    assert!(dom.contains(">sent<"), "the page did not post: {dom}");
    // Both posts reached the server and were refused.
    let (_, _, metrics) = s.get_raw("/metrics");
    for route in ["/api/articles", "/api/corrections"] {
        let refused = format!(
            "khabar_http_requests_total{{route=\"{route}\",method=\"POST\",status=\"403\"}} 1"
        );
        assert!(
            metrics.contains(&refused),
            "no refused post to {route}: {metrics}"
        );
    }
    assert_eq!(
        s.get("/api/articles/planted-1").0,
        404,
        "the page planted an article"
    );
    assert_eq!(
        s.get(&format!("/api/articles/{SEED_A}")).1["story"],
        story,
        "the page moved an article"
    );
}

/// The browser's DevTools port, once Chromium (started with `--remote-debugging-port=0`) wrote
/// it to the profile.
fn devtools_port(profile: &Path) -> u16 {
    let file = profile.join("DevToolsActivePort");
    let deadline = Instant::now() + Duration::from_secs(30);
    loop {
        if let Some(port) = std::fs::read_to_string(&file)
            .ok()
            .and_then(|t| t.lines().next()?.trim().parse().ok())
        {
            return port;
        }
        assert!(Instant::now() < deadline, "chromium wrote no DevTools port");
        std::thread::sleep(Duration::from_millis(100));
    }
}

/// A child process killed when dropped.
struct Killed(std::process::Child);

impl Drop for Killed {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// Drives the UI over the DevTools protocol: open the story page, fill in the move form, submit
/// it, and print the status of the page's POST to /api/corrections.
const MOVE_THROUGH_UI: &str = r#"
const [port, url, article, to] = process.argv.slice(1);
const targets = await (await fetch(`http://127.0.0.1:${port}/json/list`)).json();
const page = targets.find((t) => t.type === "page");
const ws = new WebSocket(page.webSocketDebuggerUrl);
await new Promise((ok, fail) => { ws.onopen = ok; ws.onerror = fail; });
let next = 0;
const waiting = new Map();
ws.onmessage = (m) => { const r = JSON.parse(m.data); if (waiting.has(r.id)) waiting.get(r.id)(r); };
const send = (method, params) => new Promise((ok) => { const id = ++next; waiting.set(id, ok); ws.send(JSON.stringify({ id, method, params })); });
const run = async (expression) => (await send("Runtime.evaluate", { expression, awaitPromise: true, returnByValue: true })).result.result.value;
await send("Page.navigate", { url });
const act = `(async () => {
  for (let i = 0; i < 300 && !document.getElementById("move-form"); i++) await new Promise((r) => setTimeout(r, 100));
  const form = document.getElementById("move-form");
  if (!form) return "no move form";
  const fetched = window.fetch;
  let status = null;
  window.fetch = async (...a) => { const r = await fetched(...a); if (String(a[0]).includes("/api/corrections")) status = r.status; return r; };
  form.querySelector("select").value = ${JSON.stringify(article)};
  form.querySelector("input[name=to]").value = ${JSON.stringify(to)};
  form.requestSubmit();
  for (let i = 0; i < 300 && status === null; i++) await new Promise((r) => setTimeout(r, 100));
  return String(status);
})()`;
let out = await run(act);
for (let i = 0; i < 50 && out === undefined; i++) { await new Promise((r) => setTimeout(r, 200)); out = await run(act); }
process.stdout.write(String(out));
ws.close();
process.exit(0);
"#;

/// The UI's own write (the editor's move form) still goes through: its POST carries the page's
/// origin, which is the server's.
#[test]
fn ui_move_form_writes_in_chromium() {
    let Some(bin) = chromium() else {
        eprintln!("SKIP browser write test: {CHROMIUM} not found");
        return;
    };
    let node_has_websocket = Command::new("node")
        .args([
            "--experimental-websocket",
            "-e",
            "process.exit(typeof WebSocket === 'function' ? 0 : 1)",
        ])
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success());
    if !node_has_websocket {
        eprintln!("SKIP browser write test: no node with WebSocket to drive Chromium");
        return;
    }
    let s = TestServer::start();
    let story = post_seeds(&s);
    let (_, v) = s.post("/api/articles", &article("other-1", "وكالة", "صفاقس", 2));
    let other = v["articles"][0]["story"].as_u64().expect("story id");
    let profile = tempfile::tempdir().expect("profile dir");
    let _browser = Killed(
        Command::new(&bin)
            .args([
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-dev-shm-usage",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-extensions",
                "--remote-debugging-port=0",
                "--remote-allow-origins=*",
            ])
            .arg(format!("--user-data-dir={}", profile.path().display()))
            .arg("about:blank")
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("chromium starts"),
    );
    let port = devtools_port(profile.path());
    let url = s.url(&format!("/#/story/{story}"));
    let out = Command::new("node")
        .args([
            "--experimental-websocket",
            "--input-type=module",
            "-e",
            MOVE_THROUGH_UI,
        ])
        .args([port.to_string(), url, SEED_A.to_string(), other.to_string()])
        .output()
        .expect("node runs");
    let status = String::from_utf8_lossy(&out.stdout);
    assert_eq!(
        status,
        "200",
        "the UI's move was not accepted; node stderr: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(s.get(&format!("/api/articles/{SEED_A}")).1["story"], other);
}
