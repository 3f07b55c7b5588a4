//! `khabar show ID`: one article with its cleaned text and what cleaning removed.

use std::io::Write;
use std::process::ExitCode;

#[derive(clap::Args)]
pub struct Args {
    /// Article id (as listed by `khabar articles`).
    id: String,
    /// Print the article as one JSON object.
    #[arg(long)]
    json: bool,
}

pub fn run(data: &std::path::Path, args: Args) -> anyhow::Result<ExitCode> {
    let store = super::open_existing_store(data)?;
    let Some(a) = store.article(&args.id)? else {
        return Err(super::no_article(&args.id, data));
    };
    let mut out = std::io::stdout().lock();
    if args.json {
        super::json_line(&mut out, &a)?;
        return Ok(ExitCode::SUCCESS);
    }
    writeln!(out, "id:        {}", a.id)?;
    writeln!(out, "source:    {}", a.source)?;
    writeln!(out, "title:     {}", a.title)?;
    if let Some(p) = &a.published {
        writeln!(out, "published: {} (as found: {})", p.iso, p.raw)?;
    }
    if let Some(u) = &a.url {
        writeln!(out, "url:       {u}")?;
    }
    writeln!(out, "language:  {}", a.language)?;
    writeln!(out, "\n{}\n", a.text)?;
    if a.removed.is_empty() {
        writeln!(out, "cleaning removed nothing")?;
    } else {
        writeln!(out, "cleaning removed:")?;
        for r in &a.removed {
            writeln!(out, "  line {} [{}] {}", r.line, r.reason.as_str(), r.text)?;
        }
    }
    Ok(ExitCode::SUCCESS)
}
