//! Resident memory the variant model adds once loaded (its table and letter model), read from
//! `/proc/self/statm` before and after the first lookup. Linux only.
//!
//! `cargo run --release -p text --example variant_memory`

fn rss_kib() -> u64 {
    let statm = std::fs::read_to_string("/proc/self/statm").unwrap_or_default();
    let pages: u64 = statm
        .split_whitespace()
        .nth(1)
        .and_then(|p| p.parse().ok())
        .unwrap_or(0);
    pages * 4
}

fn main() {
    let before = rss_kib();
    let judged = text::variant::is_name("بنتاغون") && !text::variant::is_name("كتاب");
    let after = rss_kib();
    println!(
        "variant model: {} table words, RSS {} KiB → {} KiB (+{} KiB); sanity {}",
        text::variant::table_len(),
        before,
        after,
        after.saturating_sub(before),
        if judged { "ok" } else { "FAILED" }
    );
}
