//! `khabar story`: one story, why its articles joined, and editor corrections.

use crate::outcome::NotFound;
use anyhow::{Context, bail};
use std::io::Write;
use std::process::ExitCode;

#[derive(clap::Args)]
#[command(args_conflicts_with_subcommands = true)]
pub struct Args {
    /// Story id (as listed by `khabar stories`).
    id: Option<u64>,
    /// For each article: why it joined (the decisive signals, shared terms and names as the article
    /// writes them, time gap, runner-up story).
    #[arg(long)]
    why: bool,
    /// Print as JSON.
    #[arg(long)]
    json: bool,
    #[command(subcommand)]
    edit: Option<Edit>,
}

#[derive(clap::Subcommand)]
enum Edit {
    /// Move an article to another story; later clustering keeps it there.
    Move { article: String, story: u64 },
    /// Merge story B into story A.
    Merge { a: u64, b: u64 },
    /// Take the named articles out of a story into a new one.
    Split {
        story: u64,
        #[arg(required = true)]
        articles: Vec<String>,
    },
}

pub fn run(data: &std::path::Path, args: Args) -> anyhow::Result<ExitCode> {
    let mut store = super::open_existing_store(data)?;
    if let Some(edit) = args.edit {
        let c = match edit {
            Edit::Move { article, story } => story::Correction::Move { article, to: story },
            Edit::Merge { a, b } => story::Correction::Merge { a, b },
            Edit::Split { story, articles } => story::Correction::Split { story, articles },
        };
        engine::correct(&mut store, &c)
            .map_err(|e| correction_error(e, data))
            .context("applying the correction")?;
        writeln!(std::io::stdout(), "done: {}", serde_json::to_string(&c)?)?;
        return Ok(ExitCode::SUCCESS);
    }
    let Some(id) = args.id else {
        bail!("name a story id, or one of: move, merge, split (see khabar story --help)");
    };
    let Some(view) = engine::cluster_run::story_view(&store, id)? else {
        return Err(super::no_story(id, data));
    };
    let mut out = std::io::stdout().lock();
    if args.json {
        let mut v = serde_json::to_value(engine::cluster_run::line(&view))?;
        if args.why {
            let mut whys = serde_json::Map::new();
            for (a, _) in &view.articles {
                if let Some((_, why)) = store.assignment_why(a)? {
                    whys.insert(a.clone(), serde_json::from_str(&why)?);
                }
            }
            v["why"] = serde_json::Value::Object(whys);
        }
        super::json_line(&mut out, &v)?;
        return Ok(ExitCode::SUCCESS);
    }
    writeln!(out, "story {}: {}", view.id, view.headline)?;
    writeln!(out, "key terms: {}", view.key_terms_display.join("، "))?;
    for (a, source) in &view.articles {
        let title = store.article(a)?.map(|x| x.title).unwrap_or_default();
        writeln!(out, "  {a} [{source}] {title}")?;
        if args.why
            && let Some((_, why)) = store.assignment_why(a)?
        {
            // An explanation this build cannot read is left out rather than shown half.
            match serde_json::from_str::<story::Assignment>(&why) {
                Ok(w) => writeln!(out, "      {}", describe(&w))?,
                Err(_) => writeln!(out, "      (no readable explanation: run `khabar cluster`)")?,
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// A correction naming an article or story the store does not hold is "not found" (status 1).
fn correction_error(e: engine::Error, data: &std::path::Path) -> anyhow::Error {
    match e {
        engine::Error::Story(story::Error::UnknownArticle(a)) => NotFound(format!(
            "no article with id {a:?} in any story of {} (see `khabar story ID`)",
            data.display()
        ))
        .into(),
        engine::Error::Story(story::Error::UnknownStory(s)) => super::no_story(s, data),
        other => other.into(),
    }
}

/// Shared terms and names listed in one line, at most this many each.
const LISTED: usize = 8;
/// Decisive signals listed.
const DECISIVE: usize = 3;

/// One line saying why an article joined: the decision, the signals that weighed most, shared
/// terms and names as the article writes them, the time gap and the runner-up story.
fn describe(w: &story::Assignment) -> String {
    let mut parts = vec![decision(w)];
    parts.extend(decisive(w));
    for (label, words) in [
        ("shared terms", &w.shared_terms_display),
        ("names", &w.shared_names_display),
    ] {
        if !words.is_empty() {
            let shown: Vec<&str> = words.iter().take(LISTED).map(String::as_str).collect();
            parts.push(format!("{label}: {}", shown.join("، ")));
        }
    }
    if let Some(h) = w.time_gap_hours {
        parts.push(format!("{h:.1} h from the story"));
    }
    if let Some((story, p)) = w.runner_up {
        parts.push(format!("runner-up story {story} at {p:.2}"));
    }
    parts.join("; ")
}

fn decision(w: &story::Assignment) -> String {
    if w.new_story {
        format!(
            "opened the story (best other candidate scored {:.2})",
            w.score
        )
    } else {
        format!("joined with p={:.2} via {}", w.score, w.via.as_str())
    }
}

/// The model's heaviest signals: what decided a join, or what the best candidate a new story
/// turned down scored on. Other placements (copies, editors) are not the model's decisions.
fn decisive(w: &story::Assignment) -> Option<String> {
    let lead = match w.via {
        story::Via::Model => "decided by",
        story::Via::New => "its score came from",
        _ => return None,
    };
    let top = w.decisive(&story::Params::default().model, DECISIVE);
    let top: Vec<String> = top.iter().map(|(n, x, _)| format!("{n}={x:.2}")).collect();
    (!top.is_empty()).then(|| format!("{lead} {}", top.join(", ")))
}
