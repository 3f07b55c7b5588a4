//! `khabar stories`: list the stories, newest first.

use std::io::Write;
use std::process::ExitCode;

#[derive(clap::Args)]
pub struct Args {
    /// One JSON line per story: {"story","title","articles","sources","first","last",
    /// "key_terms_display"} (and "key_terms", the same terms in a matching form).
    #[arg(long)]
    json: bool,
    /// Only stories with at least this many articles.
    #[arg(long, default_value_t = 1)]
    min_articles: usize,
    /// At most this many stories (0 = all).
    #[arg(long, default_value_t = 0)]
    limit: usize,
}

pub fn run(data: &std::path::Path, args: Args) -> anyhow::Result<ExitCode> {
    let store = super::open_existing_store(data)?;
    let lines = engine::story_lines(&store)?;
    print(&lines, args.json, args.min_articles, args.limit)?;
    Ok(ExitCode::SUCCESS)
}

/// Print story lines as a table or JSON lines.
pub fn print(
    lines: &[engine::StoryLine],
    json: bool,
    min_articles: usize,
    limit: usize,
) -> anyhow::Result<()> {
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    let shown = lines
        .iter()
        .filter(|l| l.articles.len() >= min_articles)
        .take(if limit == 0 { usize::MAX } else { limit });
    for l in shown {
        if json {
            super::json_line(&mut out, l)?;
        } else {
            writeln!(
                out,
                "story {:<6} {:>3} articles  {:<40}  {}",
                l.story,
                l.articles.len(),
                l.sources.join(","),
                l.title
            )?;
        }
    }
    out.flush()?;
    Ok(())
}
