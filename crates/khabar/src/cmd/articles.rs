//! `khabar articles`: list stored articles.

use std::io::Write;
use std::process::ExitCode;

#[derive(clap::Args)]
pub struct Args {
    /// One JSON line per article: {"id","source","title","published","url"} (+ "duplicate_of").
    #[arg(long)]
    json: bool,
}

pub fn run(data: &std::path::Path, args: Args) -> anyhow::Result<ExitCode> {
    let store = super::open_existing_store(data)?;
    let rows = store.article_rows()?;
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    for r in &rows {
        if args.json {
            super::json_line(&mut out, r)?;
        } else {
            writeln!(
                out,
                "{}\t{}\t{}\t{}",
                r.id,
                r.source,
                r.published.as_deref().unwrap_or("-"),
                r.title
            )?;
        }
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}
