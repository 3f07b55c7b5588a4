//! Compare seed-format files (optional date line, title line, body) from the command line:
//! `cargo run -p compare --example compare_files -- [--md|--html|--json] FILE FILE...`.
//!
//! A stand-in for the CLI while it is being wired: the crude cleaning here (repeated lines and
//! "اقرأ أيضاً" lines dropped) is not the project's cleaning stage.

mod common;

fn load(path: &str) -> Option<model::Article> {
    let raw = std::fs::read_to_string(path).ok()?;
    let mut lines: Vec<&str> = raw.lines().collect();
    if lines
        .first()
        .is_some_and(|l| l.trim().chars().next().is_some_and(|c| c.is_ascii_digit()))
    {
        lines.remove(0);
    }
    while lines.first().is_some_and(|l| l.trim().is_empty()) {
        lines.remove(0);
    }
    let title = if lines.is_empty() {
        String::new()
    } else {
        lines.remove(0).trim().to_string()
    };
    let mut body: Vec<&str> = Vec::new();
    for (i, l) in lines.iter().enumerate() {
        let t = l.trim();
        let repeated = !t.is_empty()
            && (lines.get(i + 1).is_some_and(|n| n.trim() == t)
                || (i > 0 && lines[i - 1].trim() == t));
        if repeated || t.starts_with("اقرأ أيضاً") || t.starts_with("اقرأ أيضا") {
            continue;
        }
        body.push(l);
    }
    let text = body.join("\n").trim().to_string();
    let stem = std::path::Path::new(path)
        .file_stem()?
        .to_string_lossy()
        .to_string();
    Some(model::Article {
        id: stem.clone(),
        source: stem,
        url: None,
        title,
        published: None,
        language: "ar".into(),
        text: text.clone(),
        original: raw,
        removed: Vec::new(),
    })
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let format = args
        .iter()
        .find(|a| a.starts_with("--"))
        .cloned()
        .unwrap_or_else(|| "--json".into());
    let mut articles: Vec<model::Article> = Vec::new();
    for p in args.iter().filter(|a| !a.starts_with("--")) {
        if p.ends_with(".jsonl") {
            // One article per line: id, source, title, text (the dev-set layout).
            articles.extend(common::read_jsonl(p).iter().map(common::article));
        } else if let Some(a) = load(p) {
            articles.push(a);
        }
    }
    let c = compare::compare(&articles, &compare::Options::default());
    match format.as_str() {
        "--md" => print!("{}", compare::to_markdown(&c)),
        "--html" => print!("{}", compare::to_html(&c, "مقارنة")),
        _ => println!("{}", serde_json::to_string_pretty(&c).unwrap_or_default()),
    }
}
