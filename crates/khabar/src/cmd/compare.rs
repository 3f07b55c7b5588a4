//! `khabar compare`: what the sources of one story agree on, add, dispute and quote.

use anyhow::{Context, bail};
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(clap::Args)]
pub struct Args {
    /// Article files to compare directly (no store), or one stored story id.
    #[arg(required = true)]
    inputs: Vec<String>,
    /// Output: json for programs, md for a terminal, html for one self-contained RTL page.
    #[arg(long, value_enum, default_value = "md")]
    format: Format,
    /// Write the output to this file instead of stdout.
    #[arg(long, short)]
    output: Option<PathBuf>,
}

#[derive(Clone, Copy, clap::ValueEnum)]
enum Format {
    Json,
    Md,
    Html,
}

pub fn run(data: &std::path::Path, args: Args) -> anyhow::Result<ExitCode> {
    let mut failed = false;
    let (articles, title) = match story_id(&args.inputs) {
        Some(id) => {
            let store = super::open_existing_store(data)?;
            let Some(view) = engine::cluster_run::story_view(&store, id)? else {
                return Err(super::no_story(id, data));
            };
            let mut arts = Vec::new();
            for (a, _) in &view.articles {
                if let Some(x) = store.article(a)? {
                    arts.push(x);
                }
            }
            (arts, view.headline)
        }
        None => {
            let paths: Vec<PathBuf> = args.inputs.iter().map(PathBuf::from).collect();
            let mut arts = Vec::new();
            for rec in ingest::Reader::new(&paths, Default::default())? {
                match rec {
                    Ok(a) => arts.push(a),
                    Err(p) => {
                        failed = true;
                        eprintln!("khabar: {}: {} [{}]", p.record, p.error, p.code);
                    }
                }
            }
            let mut sources: Vec<&str> = arts.iter().map(|a| a.source.as_str()).collect();
            sources.sort_unstable();
            sources.dedup();
            if sources.len() < arts.len() {
                // Records of one outlet (a JSONL file's, or several files under one `source`):
                // an outlet per file is what a comparison of files means, so label each by its id.
                eprintln!(
                    "khabar: the files share outlet names ({}); each is labelled by its id",
                    sources.join(", ")
                );
                for a in &mut arts {
                    a.source = a.id.clone();
                }
            }
            let title = arts.first().map(|a| a.title.clone()).unwrap_or_default();
            (arts, title)
        }
    };
    if articles.is_empty() {
        bail!("no article to compare");
    }
    let cmp = compare::compare(&articles, &compare::Options::default());
    let text = match args.format {
        Format::Json => serde_json::to_string(&cmp)? + "\n",
        Format::Md => compare::to_markdown(&cmp),
        Format::Html => compare::to_html(&cmp, &title),
    };
    match &args.output {
        Some(p) => std::fs::write(p, text).with_context(|| format!("writing {}", p.display()))?,
        None => std::io::stdout().lock().write_all(text.as_bytes())?,
    }
    Ok(if failed {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    })
}

/// A single all-digit argument that is not an existing file names a stored story.
fn story_id(inputs: &[String]) -> Option<u64> {
    match inputs {
        [one] if !std::path::Path::new(one).exists() => one.parse().ok(),
        _ => None,
    }
}
