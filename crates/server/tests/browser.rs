//! The web UI in a real browser: headless Debian Chromium (`/usr/bin/chromium`, installed by
//! `scripts/install-test-deps.sh`) loads the seeds' story page and a search, after the script ran
//! (`--dump-dom`), and takes a screenshot. Skipped with a message when Chromium is absent.

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
