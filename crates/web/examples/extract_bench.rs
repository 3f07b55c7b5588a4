//! Extraction benchmark: word-level precision, recall and F1 of khabar's extractor and of bare
//! dom_smoothie on the same pages, in the same run, plus pages per second.
//!
//! Pages: `crates/web/testdata/bench/pages/*.html` with `*.expected.txt` beside each (see the
//! README there). Words are compared as multisets after stripping punctuation, so word order and
//! layout do not count; a word extracted twice but expected once counts once.
//!
//! Run: `cargo run --release -p web --example extract_bench [PAGES_DIR] [--verbose]`

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::time::Instant;

/// User + system CPU seconds of this process (Linux `/proc/self/stat`, 100 ticks/s), so pages per
/// CPU-second stays meaningful on a loaded machine; `None` elsewhere.
fn cpu_secs() -> Option<f64> {
    let stat = std::fs::read_to_string("/proc/self/stat").ok()?;
    let after = stat.rsplit_once(')')?.1;
    let f: Vec<&str> = after.split_whitespace().collect();
    let ticks: f64 = f.get(11)?.parse::<f64>().ok()? + f.get(12)?.parse::<f64>().ok()?;
    Some(ticks / 100.0)
}

fn rate(n: usize, wall: f64, cpu: Option<f64>) -> String {
    match cpu {
        Some(c) if c > 0.0 => format!(
            "{:.0} pages/s wall, {:.0} pages per CPU-second",
            n as f64 / wall,
            n as f64 / c
        ),
        _ => format!("{:.0} pages/s wall", n as f64 / wall),
    }
}

fn words(s: &str) -> HashMap<String, usize> {
    let mut m = HashMap::new();
    for w in s.split_whitespace() {
        let w: String = w.chars().filter(|c| c.is_alphanumeric()).collect();
        if !w.is_empty() {
            *m.entry(w).or_insert(0) += 1;
        }
    }
    m
}

#[derive(Default, Clone, Copy)]
struct Score {
    common: usize,
    got: usize,
    want: usize,
    f1_sum: f64,
    pages: usize,
}

impl Score {
    fn add(&mut self, got_text: &str, want_text: &str) -> f64 {
        let got = words(got_text);
        let want = words(want_text);
        let common: usize = got
            .iter()
            .map(|(w, n)| (*n).min(*want.get(w).unwrap_or(&0)))
            .sum();
        let g: usize = got.values().sum();
        let t: usize = want.values().sum();
        self.common += common;
        self.got += g;
        self.want += t;
        let p = if g == 0 {
            0.0
        } else {
            common as f64 / g as f64
        };
        let r = if t == 0 {
            0.0
        } else {
            common as f64 / t as f64
        };
        let f = if p + r == 0.0 {
            0.0
        } else {
            2.0 * p * r / (p + r)
        };
        self.f1_sum += f;
        self.pages += 1;
        f
    }
    fn prf(&self) -> (f64, f64, f64) {
        let p = self.common as f64 / self.got.max(1) as f64;
        let r = self.common as f64 / self.want.max(1) as f64;
        (
            p,
            r,
            if p + r == 0.0 {
                0.0
            } else {
                2.0 * p * r / (p + r)
            },
        )
    }
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let verbose = args.iter().any(|a| a == "--verbose");
    let dir = args
        .iter()
        .find(|a| !a.starts_with("--"))
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("testdata/bench/pages"));
    let mut pages: Vec<(PathBuf, Vec<u8>, String)> = Vec::new();
    let Ok(entries) = std::fs::read_dir(&dir) else {
        eprintln!("no pages at {}", dir.display());
        return;
    };
    for e in entries.flatten() {
        let p = e.path();
        if p.extension().is_some_and(|x| x == "html") {
            let expected = p.with_extension("expected.txt");
            if let (Ok(html), Ok(want)) = (std::fs::read(&p), std::fs::read_to_string(&expected)) {
                pages.push((p, html, want));
            }
        }
    }
    pages.sort_by(|a, b| a.0.cmp(&b.0));
    assert!(
        pages.len() >= 30,
        "the benchmark needs at least 30 pages, found {}",
        pages.len()
    );

    let mut ours = Score::default();
    let mut bare = Score::default();
    let mut by_template: HashMap<String, (Score, Score)> = HashMap::new();
    let mut failures = 0;
    for (path, html, want) in &pages {
        let name = path
            .file_stem()
            .map(|s| s.to_string_lossy().to_string())
            .unwrap_or_default();
        let template = name.split('-').nth(1).unwrap_or("?").to_string();
        let got = match web::html::extract(html, None, None) {
            Ok(x) => x.text,
            Err(_) => {
                failures += 1;
                String::new()
            }
        };
        let got_bare = web::html::extract_bare(html, None).unwrap_or_default();
        let f_ours = ours.add(&got, want);
        let f_bare = bare.add(&got_bare, want);
        let t = by_template.entry(template).or_default();
        t.0.add(&got, want);
        t.1.add(&got_bare, want);
        if verbose {
            println!("{name:12} khabar F1 {f_ours:.3}  dom_smoothie F1 {f_bare:.3}");
        }
    }

    println!(
        "pages: {} ({} templates), khabar extraction failures: {failures}",
        pages.len(),
        by_template.len()
    );
    println!(
        "{:<22} {:>9} {:>9} {:>9} {:>13}",
        "extractor", "precision", "recall", "F1", "mean page F1"
    );
    for (name, s) in [("khabar (web::html)", ours), ("dom_smoothie (bare)", bare)] {
        let (p, r, f) = s.prf();
        println!(
            "{name:<22} {p:>9.3} {r:>9.3} {f:>9.3} {:>13.3}",
            s.f1_sum / s.pages.max(1) as f64
        );
    }
    let mut keys: Vec<_> = by_template.keys().cloned().collect();
    keys.sort();
    println!("per template F1 (khabar / dom_smoothie):");
    for k in keys {
        let (a, b) = by_template[&k];
        println!(
            "  {k}: {:.3} / {:.3}  ({} pages)",
            a.prf().2,
            b.prf().2,
            a.pages
        );
    }

    // Heavier copies, closer to live news pages (60-150 KB): a mega-menu, inline scripts and
    // styles, and a footer sitemap added around the same article.
    let heavy: Vec<Vec<u8>> = pages.iter().map(|(_, html, _)| heavier(html)).collect();
    let mut heavy_score = Score::default();
    for (h, (_, _, want)) in heavy.iter().zip(&pages) {
        let got = web::html::extract(h, None, None)
            .map(|x| x.text)
            .unwrap_or_default();
        heavy_score.add(&got, want);
    }
    let (hp, hr, hf) = heavy_score.prf();
    println!("heavy pages (khabar): precision {hp:.3} recall {hr:.3} F1 {hf:.3}");

    // Throughput: khabar's full extraction (decode, metadata, boilerplate, dom_smoothie, clean).
    let rounds = 10;
    let (start, c0) = (Instant::now(), cpu_secs());
    let mut n = 0usize;
    let mut bytes = 0usize;
    for _ in 0..rounds {
        for (_, html, _) in &pages {
            if web::html::extract(html, None, None).is_ok() {
                n += 1;
            }
            bytes += html.len();
        }
    }
    let (wall, cpu) = (
        start.elapsed().as_secs_f64(),
        cpu_secs().zip(c0).map(|(a, b)| a - b),
    );
    println!(
        "throughput, khabar, fixture pages (mean {:.1} KB), 1 thread: {}",
        bytes as f64 / (rounds * pages.len()) as f64 / 1e3,
        rate(n, wall, cpu)
    );
    let (start, c0) = (Instant::now(), cpu_secs());
    for _ in 0..rounds {
        for (_, html, _) in &pages {
            let _ = web::html::extract_bare(html, None);
        }
    }
    let (wall, cpu) = (
        start.elapsed().as_secs_f64(),
        cpu_secs().zip(c0).map(|(a, b)| a - b),
    );
    println!(
        "throughput, dom_smoothie alone, fixture pages: {}",
        rate(rounds * pages.len(), wall, cpu)
    );

    let hr = 5;
    let heavy_bytes: usize = heavy.iter().map(Vec::len).sum();
    let (start, c0) = (Instant::now(), cpu_secs());
    for _ in 0..hr {
        for h in &heavy {
            let _ = web::html::extract(h, None, None);
        }
    }
    let (wall, cpu) = (
        start.elapsed().as_secs_f64(),
        cpu_secs().zip(c0).map(|(a, b)| a - b),
    );
    println!(
        "throughput, khabar, heavy pages (mean {:.0} KB), 1 thread: {}",
        heavy_bytes as f64 / heavy.len() as f64 / 1e3,
        rate(hr * heavy.len(), wall, cpu)
    );
    let (start, c0) = (Instant::now(), cpu_secs());
    for _ in 0..hr {
        for h in &heavy {
            let _ = web::html::extract_bare(h, None);
        }
    }
    let (wall, cpu) = (
        start.elapsed().as_secs_f64(),
        cpu_secs().zip(c0).map(|(a, b)| a - b),
    );
    println!(
        "throughput, dom_smoothie alone, heavy pages: {}",
        rate(hr * heavy.len(), wall, cpu)
    );
}

/// The page with a realistic load of furniture around it.
fn heavier(html: &[u8]) -> Vec<u8> {
    let page = String::from_utf8_lossy(html);
    let mut menu = String::from("<div class=\"mega-menu\">");
    for s in 0..12 {
        menu.push_str(&format!("<div class=\"col\"><h4>قسم {s}</h4><ul>"));
        for i in 0..25 {
            menu.push_str(&format!(
                "<li><a href=\"/section/{s}/{i}\">عنوان فرعي رقم {i} في القسم {s}</a></li>"
            ));
        }
        menu.push_str("</ul></div>");
    }
    menu.push_str("</div>");
    let script = format!(
        "<script>window.__STATE__ = {{\"items\": [{}]}};</script>",
        (0..400)
            .map(|i| format!("{{\"id\":{i},\"t\":\"خبر {i}\"}}"))
            .collect::<Vec<_>>()
            .join(",")
    );
    let style = format!(
        "<style>{}</style>",
        (0..300)
            .map(|i| format!(".c{i}{{margin:{i}px;color:#{i:03x}}}"))
            .collect::<String>()
    );
    let sitemap = format!(
        "<div class=\"sitemap\">{}</div>",
        (0..150)
            .map(|i| format!("<a href=\"/s/{i}\">رابط {i}</a> "))
            .collect::<String>()
    );
    // Only when the page is UTF-8: windows-1256 pages stay as they are.
    if std::str::from_utf8(html).is_err() {
        return html.to_vec();
    }
    page.replacen("<body", &format!("{style}{script}<body"), 1)
        .replacen("</body>", &format!("{sitemap}</body>"), 1)
        .replacen("<body>", &format!("<body>{menu}"), 1)
        .into_bytes()
}
