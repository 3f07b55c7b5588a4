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
    /// For each article: why it joined (shared terms and names, similarity, time gap, runner-up).
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
    writeln!(out, "key terms: {}", view.key_terms.join("، "))?;
    for (a, source) in &view.articles {
        let title = store.article(a)?.map(|x| x.title).unwrap_or_default();
        writeln!(out, "  {a} [{source}] {title}")?;
        if args.why
            && let Some((_, why)) = store.assignment_why(a)?
        {
            let w: serde_json::Value = serde_json::from_str(&why)?;
            writeln!(out, "      {}", describe(&w))?;
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

/// One line saying why an article joined.
fn describe(w: &serde_json::Value) -> String {
    let list = |k: &str| {
        w[k].as_array()
            .map(|v| {
                v.iter()
                    .filter_map(|x| x.as_str())
                    .take(8)
                    .collect::<Vec<_>>()
                    .join("، ")
            })
            .unwrap_or_default()
    };
    let mut s = if w["new_story"].as_bool() == Some(true) {
        format!(
            "opened the story (best other candidate scored {:.2})",
            w["score"].as_f64().unwrap_or(0.0)
        )
    } else {
        format!(
            "joined with p={:.2} via {}",
            w["score"].as_f64().unwrap_or(0.0),
            w["via"].as_str().unwrap_or("?")
        )
    };
    let terms = list("shared_terms");
    if !terms.is_empty() {
        s.push_str(&format!("; shared terms: {terms}"));
    }
    let names = list("shared_names");
    if !names.is_empty() {
        s.push_str(&format!("; names: {names}"));
    }
    if let Some(h) = w["time_gap_hours"].as_f64() {
        s.push_str(&format!("; {h:.1} h from the story"));
    }
    if let Some(r) = w["runner_up"].as_array() {
        s.push_str(&format!(
            "; runner-up story {} at {:.2}",
            r.first().map(|x| x.to_string()).unwrap_or_default(),
            r.get(1).and_then(|x| x.as_f64()).unwrap_or(0.0)
        ));
    }
    s
}
