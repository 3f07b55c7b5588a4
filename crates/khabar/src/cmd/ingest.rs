//! `khabar ingest`: read articles into the store, with progress and a summary.

use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(clap::Args)]
pub struct Args {
    /// Files, directories (read recursively), JSONL / JSONL.gz files, HTML pages, RSS/Atom feeds
    /// (.xml .rss .atom), WARC archives (.warc .warc.gz), http(s) URLs, or `-` for stdin.
    #[arg(required = true)]
    paths: Vec<PathBuf>,
    /// Outlet name for every article read (default: a JSONL record's own source field, else its
    /// file's folder name; a plain-text article file is its own source, named by its stem).
    #[arg(long)]
    source: Option<String>,
    /// Take a field from another JSON key, e.g. `--map text=body` (repeatable). Targets: id,
    /// source, url, title, text, published, language.
    #[arg(long = "map", value_name = "TARGET=FIELD")]
    map: Vec<String>,
    /// Print a final summary as JSON: {"ingested":N,"unchanged":N,"errors":[...]}.
    #[arg(long)]
    json: bool,
}

impl Args {
    /// The arguments `khabar run` ingests with: human summary on stderr.
    pub fn for_run(paths: Vec<PathBuf>, source: Option<String>) -> Args {
        Args {
            paths,
            source,
            map: Vec::new(),
            json: false,
        }
    }
}

pub fn run(data: &std::path::Path, args: Args) -> anyhow::Result<ExitCode> {
    let opts = ingest::IngestOptions {
        source: args.source.clone(),
        map: ingest::IngestOptions::parse_map(&args.map)?,
        other: Some(engine::sources::web_reader(args.source.clone())),
        ..Default::default()
    };
    let reader = ingest::Reader::new(&args.paths, opts)?;
    let mut store = super::open_store(data)?;

    let progress = reader.progress_handle();
    let bar = if std::io::stderr().is_terminal() {
        let total = progress.get().total;
        let bar = indicatif::ProgressBar::new(total.max(1));
        bar.set_style(
            indicatif::ProgressStyle::with_template(
                "{spinner} ingest [{bar:30}] {binary_bytes}/{binary_total_bytes} {msg} ({eta})",
            )
            .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar())
            .progress_chars("=> "),
        );
        Some(bar)
    } else {
        None
    };
    let summary = engine::ingest_pipelined(&mut store, reader, |s| {
        if let Some(bar) = &bar {
            let p = progress.get();
            bar.set_length(p.total.max(p.done).max(1));
            bar.set_position(p.done);
            bar.set_message(format!("{} articles", s.ingested + s.unchanged));
        }
    })?;
    if let Some(bar) = bar {
        bar.finish_and_clear();
    }

    let mut err = std::io::stderr().lock();
    for p in &summary.errors {
        writeln!(err, "khabar: {}: {} [{}]", p.record, p.error, p.code)?;
    }
    if args.json {
        super::json_line(&mut std::io::stdout().lock(), &summary)?;
    } else {
        eprintln!(
            "ingested {} ({} updated), unchanged {}, errors {} — store: {}",
            summary.ingested,
            summary.updated,
            summary.unchanged,
            summary.errors.len(),
            data.display()
        );
    }
    Ok(if summary.errors.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    })
}
