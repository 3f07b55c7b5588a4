//! `khabar watch`: poll a list of feeds on a schedule into the store (the loop is
//! `engine::watch_run`; this module reads flags and the feeds file and prints each round).

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use anyhow::Context;
use engine::watch_run::{self, FetchConfig, RoundSummary, WatchOptions};

#[derive(clap::Args)]
#[command(after_long_help = "\
FEEDS FILE FORMAT:
  One RSS/Atom feed URL per line, optionally followed by whitespace and the outlet name to give
  every article of that feed. Blank lines and everything after `#` are ignored:

    # Arabic outlets
    https://www.example.com/rss.xml        الجزيرة
    https://news.example.org/feed/atom

Items with their whole text in the feed are used as they are; for summary-only items the linked
page is fetched and its article text extracted. Feeds are asked with conditional GET (ETag,
Last-Modified), at most one request per host every --politeness, with retries and backoff on
5xx, 429 and timeouts. Each new article is stored, checked for copies, put in a story and
indexed as it arrives. The state (validators and seen items) is kept in DATA/watch-state.json,
so a restart resumes without re-ingesting; stopping with Ctrl-C at any time is safe.")]
pub struct Args {
    /// File listing the feeds to poll (see FEEDS FILE FORMAT below).
    feeds_file: PathBuf,
    /// Time between rounds: seconds, or a number with ms, s, m or h (300, 90s, 5m, 1h).
    #[arg(long, default_value = "5m", value_parser = parse_duration)]
    every: Duration,
    /// Stop after this many rounds (default: run until interrupted).
    #[arg(long)]
    rounds: Option<usize>,
    /// Limit for one request (connect, headers and body).
    #[arg(long, default_value = "20s", value_parser = parse_duration)]
    timeout: Duration,
    /// Extra attempts after a failed request (5xx, 429, timeout, connection error).
    #[arg(long, default_value_t = 2)]
    retries: u32,
    /// Minimum time between two requests to the same host.
    #[arg(long, default_value = "1s", value_parser = parse_duration)]
    politeness: Duration,
    /// One JSON line per round: {"round","feeds","new","updated","unchanged","duplicates",
    /// "not_modified","stories_touched","problems","added","millis"}.
    #[arg(long)]
    json: bool,
}

/// Read `300`, `500ms`, `90s`, `5m` or `1h`.
fn parse_duration(s: &str) -> Result<Duration, String> {
    let s = s.trim();
    let split = s.find(|c: char| !c.is_ascii_digit()).unwrap_or(s.len());
    let (num, unit) = s.split_at(split);
    let n: u64 = num
        .parse()
        .map_err(|_| format!("{s:?} is not a duration (try 300s, 5m or 1h)"))?;
    let d = match unit.trim() {
        "ms" => Duration::from_millis(n),
        "" | "s" => Duration::from_secs(n),
        "m" | "min" => Duration::from_secs(n.saturating_mul(60)),
        "h" => Duration::from_secs(n.saturating_mul(3600)),
        other => {
            return Err(format!(
                "unknown unit {other:?} in {s:?} (use ms, s, m or h)"
            ));
        }
    };
    Ok(d)
}

pub fn run(data: &std::path::Path, args: Args) -> anyhow::Result<ExitCode> {
    let text = std::fs::read_to_string(&args.feeds_file)
        .with_context(|| format!("reading the feeds file {}", args.feeds_file.display()))?;
    let feeds = watch_run::parse_feeds_file(&text);
    if feeds.is_empty() {
        anyhow::bail!(
            "no feed URLs in {} (one URL per line, # for comments)",
            args.feeds_file.display()
        );
    }
    let opts = WatchOptions {
        every: args.every,
        rounds: args.rounds,
        fetch: FetchConfig {
            timeout: args.timeout,
            retries: args.retries,
            politeness: args.politeness,
            ..FetchConfig::default()
        },
        ..WatchOptions::default()
    };
    let mut failed = false;
    let mut write_err: Option<anyhow::Error> = None;
    let json = args.json;
    // Once stdout cannot be written (closed by `| head`), the watch ends after this round.
    let stop = Arc::new(AtomicBool::new(false));
    let totals = watch_run::watch(data, &feeds, &opts, Some(stop.clone()), |s| {
        failed |= !s.problems.is_empty();
        for why in &s.rebuilt {
            super::say_rebuilt(Some(why));
        }
        for p in &s.problems {
            eprintln!("khabar: {}: {} [{}]", p.record, p.error, p.code);
        }
        if write_err.is_none()
            && let Err(e) = print_round(s, json)
        {
            write_err = Some(e);
            stop.store(true, Ordering::Relaxed);
        }
    })
    .with_context(|| format!("watching feeds into {}", data.display()))?;
    if let Some(e) = write_err {
        return Err(e);
    }
    if !json {
        eprintln!(
            "khabar: {} rounds, {} new and {} updated articles, {} problems",
            totals.rounds, totals.new, totals.updated, totals.problems
        );
    }
    Ok(if failed {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

fn print_round(s: &RoundSummary, json: bool) -> anyhow::Result<()> {
    let mut out = std::io::stdout().lock();
    if json {
        super::json_line(&mut out, s)?;
    } else {
        writeln!(
            out,
            "round {}: {} feeds, {} new, {} updated, {} unchanged, {} duplicates, {} not modified, \
             {} stories touched, {} problems ({} ms)",
            s.round,
            s.feeds,
            s.new,
            s.updated,
            s.unchanged,
            s.duplicates,
            s.not_modified,
            s.stories_touched,
            s.problems.len(),
            s.millis
        )?;
    }
    out.flush()?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::parse_duration;
    use std::time::Duration;

    #[test]
    fn durations() {
        assert_eq!(parse_duration("300"), Ok(Duration::from_secs(300)));
        assert_eq!(parse_duration("90s"), Ok(Duration::from_secs(90)));
        assert_eq!(parse_duration("5m"), Ok(Duration::from_secs(300)));
        assert_eq!(parse_duration("1h"), Ok(Duration::from_secs(3600)));
        assert_eq!(parse_duration("250ms"), Ok(Duration::from_millis(250)));
        assert!(parse_duration("5x").is_err());
        assert!(parse_duration("m").is_err());
        assert!(parse_duration("").is_err());
    }
}
