//! `khabar dedup`: exact, near-duplicate and containment groups, on the store or on files.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(clap::Args)]
pub struct Args {
    /// Files to deduplicate without a store (JSONL, JSONL.gz, text files, directories). Without
    /// them the stored articles are deduplicated and the groups saved.
    inputs: Vec<PathBuf>,
    /// Jaccard similarity of content words at which two texts are near-duplicates.
    #[arg(long, default_value_t = 0.8)]
    threshold: f64,
    /// One JSON line per group: {"group","origin","members":[{"id","similarity","kind"}]}.
    #[arg(long)]
    json: bool,
}

pub fn run(data: &std::path::Path, args: Args) -> anyhow::Result<ExitCode> {
    let cfg = dedup::Config {
        threshold: args.threshold,
        floor: dedup::Config::default().floor.min(args.threshold),
        ..Default::default()
    };
    cfg.validate()?;
    let mut failed = false;
    let groups = if args.inputs.is_empty() {
        let mut store = super::open_existing_store(data)?;
        let (summary, groups) = engine::dedup_store(&mut store, &cfg)?;
        super::say_rebuilt(summary.rebuilt.as_deref());
        if !args.json {
            eprintln!(
                "signed {} new, {} articles, {} groups, {} copies",
                summary.signed, summary.articles, summary.groups, summary.duplicates
            );
        }
        groups
    } else {
        let reader = ingest::Reader::new(&args.inputs, Default::default())?;
        let mut arts = Vec::new();
        for rec in reader {
            match rec {
                Ok(a) => arts.push(a),
                Err(p) => {
                    failed = true;
                    eprintln!("khabar: {}: {} [{}]", p.record, p.error, p.code);
                }
            }
        }
        let docs: Vec<dedup::Doc> = arts.iter().map(engine::dedup_run::doc_of).collect();
        dedup::batch(&cfg, &docs)?
    };
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    for g in &groups {
        if args.json {
            super::json_line(&mut out, g)?;
        } else {
            let agency = g
                .agency
                .as_deref()
                .map(|a| format!(" [{a}]"))
                .unwrap_or_default();
            writeln!(out, "group {} origin {}{agency}", g.group, g.origin)?;
            for m in &g.members {
                writeln!(
                    out,
                    "  {:<12} {:.2} {}",
                    m.kind.as_str(),
                    m.similarity,
                    m.id
                )?;
            }
        }
    }
    out.flush()?;
    Ok(if failed {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    })
}
