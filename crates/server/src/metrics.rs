//! Request metrics in Prometheus text format, kept with a mutex-guarded map and atomics (no
//! metrics crate): requests per route, method and status, a latency histogram per route, and
//! the ingest counter. Gauges (articles, stories, index size) are read at scrape time.

use crate::AppState;
use axum::extract::{MatchedPath, Request, State};
use axum::middleware::Next;
use axum::response::Response;
use std::collections::BTreeMap;
use std::fmt::Write;
use std::sync::Arc;
use std::sync::Mutex;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Instant;

/// Upper bounds of the latency buckets, in seconds.
const BUCKETS: [f64; 12] = [
    0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0,
];

#[derive(Default)]
struct Histogram {
    counts: [u64; BUCKETS.len()],
    count: u64,
    sum: f64,
}

/// Counters of one server.
#[derive(Default)]
pub struct Metrics {
    requests: Mutex<BTreeMap<(String, String, u16), u64>>,
    latency: Mutex<BTreeMap<String, Histogram>>,
    /// Articles newly stored through the API.
    pub ingested: AtomicU64,
    /// Articles posted (new, updated or unchanged).
    pub posted: AtomicU64,
    /// Posted articles rejected as invalid.
    pub rejected: AtomicU64,
}

impl Metrics {
    fn record(&self, route: &str, method: &str, status: u16, seconds: f64) {
        *crate::lock(&self.requests)
            .entry((route.to_string(), method.to_string(), status))
            .or_default() += 1;
        let mut lat = crate::lock(&self.latency);
        let h = lat.entry(route.to_string()).or_default();
        for (i, b) in BUCKETS.iter().enumerate() {
            if seconds <= *b {
                h.counts[i] += 1;
            }
        }
        h.count += 1;
        h.sum += seconds;
    }

    /// The Prometheus text exposition, with the gauges given.
    pub fn render(&self, articles: u64, stories: usize, indexed: u64, version: u64) -> String {
        let mut out = String::new();
        let esc = |s: &str| s.replace('\\', "\\\\").replace('"', "\\\"");
        out.push_str(
            "# HELP khabar_http_requests_total HTTP requests by route, method and status.\n",
        );
        out.push_str("# TYPE khabar_http_requests_total counter\n");
        for ((route, method, status), n) in crate::lock(&self.requests).iter() {
            let _ = writeln!(
                out,
                "khabar_http_requests_total{{route=\"{}\",method=\"{}\",status=\"{status}\"}} {n}",
                esc(route),
                esc(method)
            );
        }
        out.push_str("# HELP khabar_http_request_duration_seconds Time to answer, by route.\n");
        out.push_str("# TYPE khabar_http_request_duration_seconds histogram\n");
        for (route, h) in crate::lock(&self.latency).iter() {
            let r = esc(route);
            for (i, b) in BUCKETS.iter().enumerate() {
                let _ = writeln!(
                    out,
                    "khabar_http_request_duration_seconds_bucket{{route=\"{r}\",le=\"{b}\"}} {}",
                    h.counts[i]
                );
            }
            let _ = writeln!(
                out,
                "khabar_http_request_duration_seconds_bucket{{route=\"{r}\",le=\"+Inf\"}} {}",
                h.count
            );
            let _ = writeln!(
                out,
                "khabar_http_request_duration_seconds_sum{{route=\"{r}\"}} {}",
                h.sum
            );
            let _ = writeln!(
                out,
                "khabar_http_request_duration_seconds_count{{route=\"{r}\"}} {}",
                h.count
            );
        }
        let gauges = [
            (
                "khabar_articles",
                "gauge",
                "Articles in the store.",
                articles as f64,
            ),
            ("khabar_stories", "gauge", "Stories.", stories as f64),
            (
                "khabar_index_documents",
                "gauge",
                "Articles in the search index.",
                indexed as f64,
            ),
            (
                "khabar_pipeline_version",
                "gauge",
                "Changes of articles or stories since start.",
                version as f64,
            ),
            (
                "khabar_ingested_articles_total",
                "counter",
                "Articles newly stored through the API.",
                self.ingested.load(Ordering::Relaxed) as f64,
            ),
            (
                "khabar_posted_articles_total",
                "counter",
                "Articles posted to the API (new, updated or unchanged).",
                self.posted.load(Ordering::Relaxed) as f64,
            ),
            (
                "khabar_rejected_articles_total",
                "counter",
                "Posted articles rejected as invalid.",
                self.rejected.load(Ordering::Relaxed) as f64,
            ),
        ];
        for (name, kind, help, v) in gauges {
            let _ = writeln!(
                out,
                "# HELP {name} {help}\n# TYPE {name} {kind}\n{name} {v}"
            );
        }
        out
    }
}

/// Middleware: time every request and count it under its route pattern.
pub async fn track(State(state): State<Arc<AppState>>, req: Request, next: Next) -> Response {
    let start = Instant::now();
    let route = req
        .extensions()
        .get::<MatchedPath>()
        .map(|m| m.as_str().to_string())
        .unwrap_or_else(|| "unmatched".to_string());
    let method = req.method().as_str().to_string();
    let resp = next.run(req).await;
    state.metrics.record(
        &route,
        &method,
        resp.status().as_u16(),
        start.elapsed().as_secs_f64(),
    );
    resp
}
