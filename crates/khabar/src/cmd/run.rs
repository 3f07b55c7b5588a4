//! `khabar run`: the main job in one command: ingest, deduplicate, cluster, list the stories.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(clap::Args)]
pub struct Args {
    /// Inputs, as for `khabar ingest` (files, directories, JSONL(.gz), `-`).
    #[arg(required = true)]
    paths: Vec<PathBuf>,
    /// Outlet name for every article read.
    #[arg(long)]
    source: Option<String>,
    /// Stories listed at the end (0 = all).
    #[arg(long, default_value_t = 20)]
    limit: usize,
    /// Print the stories as JSON lines (as `khabar stories --json`).
    #[arg(long)]
    json: bool,
}

pub fn run(data: &std::path::Path, args: Args) -> anyhow::Result<ExitCode> {
    let ingest_code =
        super::ingest::run(data, super::ingest::Args::for_run(args.paths, args.source))?;
    let mut store = super::open_store(data)?;
    let summary = super::cluster::cluster(&mut store, false)?;
    eprintln!(
        "clustered {} new articles; {} stories in all",
        summary.clustered, summary.stories
    );
    let lines = engine::story_lines(&store)?;
    if !args.json {
        let multi = lines.iter().filter(|l| l.articles.len() > 1).count();
        writeln!(
            std::io::stdout(),
            "{} stories, {} with more than one article; the largest:",
            lines.len(),
            multi
        )?;
    }
    let mut by_size = lines;
    by_size.sort_by(|a, b| {
        b.articles
            .len()
            .cmp(&a.articles.len())
            .then(a.story.cmp(&b.story))
    });
    super::stories::print(&by_size, args.json, 1, args.limit)?;
    Ok(ingest_code)
}
