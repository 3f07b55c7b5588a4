//! `khabar cluster`: assign stored articles to stories (new ones only unless `--batch`).

use std::io::{IsTerminal, Write};
use std::process::ExitCode;

#[derive(clap::Args)]
pub struct Args {
    /// Re-cluster everything from scratch, deterministically, with a repair pass that merges
    /// stories split too early. Editor corrections are kept.
    #[arg(long)]
    batch: bool,
    /// Print the run's summary as JSON.
    #[arg(long)]
    json: bool,
}

pub fn run(data: &std::path::Path, args: Args) -> anyhow::Result<ExitCode> {
    let mut store = super::open_store(data)?;
    let summary = cluster(&mut store, args.batch)?;
    let mut out = std::io::stdout().lock();
    if args.json {
        super::json_line(&mut out, &summary)?;
    } else {
        writeln!(
            out,
            "clustered {} articles ({} new stories); {} stories in all",
            summary.clustered, summary.new_stories, summary.stories
        )?;
    }
    Ok(ExitCode::SUCCESS)
}

/// Deduplicate first (near-duplicates always share a story), then cluster, with progress.
pub fn cluster(store: &mut store::Store, batch: bool) -> anyhow::Result<engine::ClusterSummary> {
    let (deduped, _) = engine::dedup_store(store, &dedup::Config::default())?;
    super::say_rebuilt(deduped.rebuilt.as_deref());
    let bar = std::io::stderr().is_terminal().then(|| {
        let b = indicatif::ProgressBar::new(1);
        b.set_style(
            indicatif::ProgressStyle::with_template(
                "{spinner} cluster [{bar:30}] {pos}/{len} ({eta})",
            )
            .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar())
            .progress_chars("=> "),
        );
        b
    });
    let summary = engine::cluster_store(store, batch, |done, total| {
        if let Some(b) = &bar {
            b.set_length(total as u64);
            b.set_position(done as u64);
        }
    })?;
    if let Some(b) = bar {
        b.finish_and_clear();
    }
    super::say_rebuilt(summary.rebuilt.as_deref());
    Ok(summary)
}
