//! `khabar search`: full-text search with Arabic analysis over the stored articles.

use std::io::Write;
use std::process::ExitCode;

#[derive(clap::Args)]
pub struct Args {
    /// Words to find (any spelling: البنتاجون finds البنتاغون); "…" for a phrase, -word to exclude.
    query: String,
    /// Only this outlet.
    #[arg(long)]
    source: Option<String>,
    /// Only articles published on or after this date (YYYY-MM-DD or ISO 8601).
    #[arg(long)]
    from: Option<String>,
    /// Only articles published on or before this date (YYYY-MM-DD or ISO 8601).
    #[arg(long)]
    to: Option<String>,
    /// Hits to show.
    #[arg(long, default_value_t = 10)]
    limit: usize,
    /// One JSON line per hit (id, source, title, published, story, score, snippet with ranges).
    #[arg(long)]
    json: bool,
}

fn unix(s: &Option<String>, end_of_day: bool) -> anyhow::Result<Option<i64>> {
    let Some(s) = s else { return Ok(None) };
    let p = text::date::parse_datetime(s)
        .ok_or_else(|| anyhow::anyhow!("cannot read {s:?} as a date (try 2024-11-27)"))?;
    let is_date_only = s.trim().len() <= 10;
    Ok(Some(if end_of_day && is_date_only {
        p.unix + 86_399
    } else {
        p.unix
    }))
}

pub fn run(data: &std::path::Path, args: Args) -> anyhow::Result<ExitCode> {
    let store = super::open_existing_store(data)?;
    let index = engine::search_run::open_synced(&store)?;
    super::say_rebuilt(engine::search_run::rebuild_notice(&index).as_deref());
    let q = search::Query {
        text: args.query.clone(),
        source: args.source.clone(),
        from: unix(&args.from, false)?,
        to: unix(&args.to, true)?,
        limit: args.limit,
        ..Default::default()
    };
    let page = index.search_page(&q)?;
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    if !args.json {
        writeln!(
            out,
            "{} articles match{}",
            page.total,
            if page.relaxed {
                " some of the words"
            } else {
                ""
            }
        )?;
    }
    for mut h in page.hits {
        if let Some((story, _)) = store.assignment_why(&h.id)? {
            h.story = Some(story);
        }
        if args.json {
            super::json_line(&mut out, &h)?;
        } else {
            writeln!(
                out,
                "\n{} [{}] story {}",
                h.id,
                h.source,
                h.story.as_deref().unwrap_or("-")
            )?;
            writeln!(out, "  {}", mark(&h.title_highlight))?;
            writeln!(out, "  {}", mark(&h.snippet))?;
        }
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}

/// Plain text with matched words in [brackets], for a terminal.
fn mark(h: &search::snippet::Highlighted) -> String {
    let mut s = String::new();
    let mut at = 0;
    for &(a, b) in &h.ranges {
        if a < at || b > h.text.len() || !h.text.is_char_boundary(a) || !h.text.is_char_boundary(b)
        {
            continue;
        }
        s.push_str(&h.text[at..a]);
        s.push('[');
        s.push_str(&h.text[a..b]);
        s.push(']');
        at = b;
    }
    s.push_str(&h.text[at..]);
    s
}
