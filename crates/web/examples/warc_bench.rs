//! WARC.gz streaming benchmark: writes a synthetic CC-NEWS-style archive (one gzip member per
//! record; request + response pairs around the benchmark pages, each with its own URI) to a
//! temporary file, then streams it back and reports records/s, MB/s and the peak resident memory
//! before and after, to show the reader's memory stays flat however large the archive is.
//!
//! Run: `cargo run --release -p web --example warc_bench -- [GZ_MEGABYTES=1024] [--extract]`
//! Without `--extract` only the WARC layer is measured (records parsed, HTML responses found);
//! with it every HTML response also goes through `web::html::extract`.

use std::io::{BufWriter, Write};
use std::path::Path;
use std::time::Instant;

fn peak_rss_kb() -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines().find(|l| l.starts_with("VmHWM:")).map(|l| {
                l.split_whitespace()
                    .nth(1)
                    .unwrap_or("0")
                    .parse()
                    .unwrap_or(0)
            })
        })
        .unwrap_or(0)
}

fn record(kind: &str, uri: &str, ctype: &str, block: &[u8]) -> Vec<u8> {
    let mut r = format!(
        "WARC/1.0\r\nWARC-Type: {kind}\r\nWARC-Date: 2018-03-12T10:00:00Z\r\nWARC-Target-URI: {uri}\r\nContent-Type: {ctype}\r\nContent-Length: {}\r\n\r\n",
        block.len()
    )
    .into_bytes();
    r.extend_from_slice(block);
    r.extend_from_slice(b"\r\n\r\n");
    r
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let extract = args.iter().any(|a| a == "--extract");
    let target_mb: u64 = args.iter().find_map(|a| a.parse().ok()).unwrap_or(1024);
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("testdata/bench/pages");
    let mut pages = Vec::new();
    if let Ok(rd) = std::fs::read_dir(&dir) {
        for e in rd.flatten() {
            if e.path().extension().is_some_and(|x| x == "html")
                && let Ok(b) = std::fs::read(e.path())
            {
                pages.push(b);
            }
        }
    }
    if pages.is_empty() {
        eprintln!("no pages at {}", dir.display());
        return;
    }
    let tmp =
        std::env::temp_dir().join(format!("khabar-warc-bench-{}.warc.gz", std::process::id()));
    let start = Instant::now();
    let mut html_records = 0u64;
    {
        let Ok(file) = std::fs::File::create(&tmp) else {
            eprintln!("cannot write {}", tmp.display());
            return;
        };
        let mut out = BufWriter::new(file);
        let mut written = 0u64;
        let mut i = 0usize;
        while written < target_mb * 1024 * 1024 {
            let page = &pages[i % pages.len()];
            let uri = format!("https://news.example.org/{i}");
            let mut http = format!(
                "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: {}\r\n\r\n",
                page.len()
            )
            .into_bytes();
            http.extend_from_slice(page);
            for rec in [
                record(
                    "request",
                    &uri,
                    "application/http; msgtype=request",
                    b"GET / HTTP/1.1\r\nHost: news.example.org\r\n\r\n",
                ),
                record(
                    "response",
                    &uri,
                    "application/http; msgtype=response",
                    &http,
                ),
            ] {
                let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
                let _ = gz.write_all(&rec);
                let Ok(member) = gz.finish() else { return };
                written += member.len() as u64;
                if out.write_all(&member).is_err() {
                    return;
                }
            }
            html_records += 1;
            i += 1;
        }
        let _ = out.flush();
    }
    let size = std::fs::metadata(&tmp).map(|m| m.len()).unwrap_or(0);
    println!(
        "wrote {} ({:.1} MB gz, {html_records} html responses) in {:.1}s",
        tmp.display(),
        size as f64 / 1e6,
        start.elapsed().as_secs_f64()
    );

    let rss_before = peak_rss_kb();
    let start = Instant::now();
    let Ok(reader) = web::warc::open(&tmp, web::warc::WarcLimits::default()) else {
        return;
    };
    let (mut records, mut html, mut articles, mut problems, mut bytes) =
        (0u64, 0u64, 0u64, 0u64, 0u64);
    for rec in reader {
        match rec {
            Ok(r) => {
                records += 1;
                bytes += r.block.len() as u64;
                if r.warc_type == "response" {
                    html += 1;
                    if extract {
                        match web::warc::record_article(&r) {
                            Ok(Some(_)) => articles += 1,
                            _ => problems += 1,
                        }
                    }
                }
            }
            Err(_) => problems += 1,
        }
    }
    let secs = start.elapsed().as_secs_f64();
    let _ = std::fs::remove_file(&tmp);
    assert_eq!(html, html_records, "every response record read back");
    assert_eq!(problems, 0, "no problems on a well-formed archive");
    println!(
        "streamed {records} records ({html} responses{}) in {secs:.1}s: {:.0} records/s, {:.1} MB/s uncompressed, {:.1} MB/s gz",
        if extract {
            format!(", {articles} articles extracted")
        } else {
            String::new()
        },
        records as f64 / secs,
        bytes as f64 / secs / 1e6,
        size as f64 / secs / 1e6
    );
    println!(
        "peak RSS: {} KB before reading, {} KB after",
        rss_before,
        peak_rss_kb()
    );
}
