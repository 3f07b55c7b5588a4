//! The Markdown rendering of a [`Comparison`], for a terminal, and the labels and escaping the
//! HTML page (`html`) shares with it.
//!
//! Pure string building; no templates, no IO.

use crate::Comparison;
use crate::copies::Sources;
use std::fmt::Write;
use text::plural;

/// Escape text for HTML element content and attribute values.
pub(crate) fn esc(s: &str) -> String {
    html_escape::encode_quoted_attribute(s).into_owned()
}

/// Markdown: inline text with table-breaking characters neutralised.
fn md(s: &str) -> String {
    s.replace('|', "\\|").replace('\n', " ")
}

/// `واقعة 3` or `وقائع 1، 4`: the facts a conflict's versions sit in.
pub(crate) fn facts_label(k: &crate::Conflict) -> String {
    let mut ids: Vec<usize> = k.facts.clone();
    if ids.is_empty() {
        ids.push(k.fact);
    }
    let list: Vec<String> = ids.iter().map(|f| (f + 1).to_string()).collect();
    if list.len() == 1 {
        format!("واقعة {}", list[0])
    } else {
        format!("وقائع {}", list.join("، "))
    }
}

/// Arabic label of a conflict kind.
pub(crate) fn kind_label(kind: &str) -> &str {
    match kind {
        "number" => "عدد",
        "amount" => "مبلغ",
        "date" => "تاريخ",
        "name" => "اسم",
        other => other,
    }
}

/// The articles `ids` as independent sources: groups of article indices (copies of one text and
/// one outlet's articles together), in article order.
pub(crate) fn source_groups(c: &Comparison, ids: &[&String]) -> Vec<Vec<usize>> {
    let mut among: Vec<usize> = ids
        .iter()
        .filter_map(|id| c.articles.iter().position(|a| &a.id == *id))
        .collect();
    among.sort_unstable();
    let labels = Sources::of_infos(&c.articles).labels(&among);
    let mut groups: Vec<(usize, Vec<usize>)> = Vec::new();
    for a in among {
        match groups.iter_mut().find(|g| g.0 == labels[a]) {
            Some(g) => g.1.push(a),
            None => groups.push((labels[a], vec![a])),
        }
    }
    groups.into_iter().map(|g| g.1).collect()
}

/// The sentences of a fact's articles `group` (indices into `c.articles`), without repeats.
pub(crate) fn group_sentences<'a>(
    c: &Comparison,
    f: &'a crate::Fact,
    group: &[usize],
) -> Vec<&'a String> {
    let mut texts: Vec<&String> = Vec::new();
    for &a in group {
        if let Some(t) = f.sentences.get(&c.articles[a].id)
            && !texts.contains(&t)
        {
            texts.push(t);
        }
    }
    texts
}

fn article_label(c: &Comparison, id: &str) -> String {
    c.articles
        .iter()
        .find(|a| a.id == id)
        .map(|a| format!("{} ({})", a.source, a.id))
        .unwrap_or_else(|| id.to_string())
}

/// Render a comparison as Markdown.
pub fn to_markdown(c: &Comparison) -> String {
    let mut o = String::new();
    let _ = writeln!(o, "# مقارنة المصادر\n");
    let _ = writeln!(o, "| المعرف | المصدر | العنوان |\n|---|---|---|");
    for a in &c.articles {
        let _ = writeln!(
            o,
            "| {} | {} | {} |",
            md(&a.id),
            md(&a.source),
            md(&a.title)
        );
    }
    if !c.summary.is_empty() {
        let _ = writeln!(o, "\n## الملخص\n");
        for l in &c.summary {
            let _ = writeln!(o, "- {} _({})_", md(&l.text), md(&l.sources.join("، ")));
        }
    }
    let shared: Vec<_> = c
        .facts
        .iter()
        .filter(|f| f.independent_sources > 1)
        .collect();
    let _ = writeln!(o, "\n## وقائع مشتركة ({})\n", shared.len());
    for f in &shared {
        let _ = writeln!(
            o,
            "### واقعة {} — {} ({})\n",
            f.id + 1,
            md(&f.sources.join("، ")),
            plural::count(f.independent_sources as u64, &plural::INDEPENDENT_SOURCE)
        );
        let ids: Vec<&String> = f.sentences.keys().collect();
        for group in source_groups(c, &ids) {
            let labels: Vec<String> = group
                .iter()
                .map(|&a| article_label(c, &c.articles[a].id))
                .collect();
            let texts: Vec<String> = group_sentences(c, f, &group)
                .iter()
                .map(|t| md(t))
                .collect();
            let _ = writeln!(
                o,
                "- **{}**: {}",
                md(&labels.join(" = ")),
                texts.join(" / ")
            );
        }
        let _ = writeln!(o);
    }
    let _ = writeln!(o, "## ما انفرد به كل مصدر\n");
    for (id, texts) in &c.unique {
        if texts.is_empty() {
            continue;
        }
        let _ = writeln!(o, "### {}\n", md(&article_label(c, id)));
        for t in texts {
            let _ = writeln!(o, "- {}", md(t));
        }
        let _ = writeln!(o);
    }
    if !c.conflicts.is_empty() {
        let _ = writeln!(o, "## التضارب بين المصادر\n");
        for k in &c.conflicts {
            let _ = writeln!(
                o,
                "- {} — {}: {}",
                facts_label(k),
                kind_label(&k.kind),
                md(&k.about)
            );
            for v in &k.versions {
                let _ = writeln!(
                    o,
                    "  - **{}**: {} — {}",
                    md(&v.source),
                    md(&v.text),
                    md(&v.sentence)
                );
            }
        }
        let _ = writeln!(o);
    }
    if !c.quotes.is_empty() {
        let _ = writeln!(o, "## الأقوال\n");
        for q in &c.quotes {
            let mut tags = Vec::new();
            if q.anonymous {
                tags.push("مصدر مجهول");
            }
            if q.paraphrase {
                tags.push("بتصرف");
            }
            let tag = if tags.is_empty() {
                String::new()
            } else {
                format!(" [{}]", tags.join("، "))
            };
            let _ = writeln!(
                o,
                "- **{}**{}: «{}» _({})_",
                md(&q.speaker),
                tag,
                md(&q.text),
                md(&q.sources.join("، "))
            );
        }
        let _ = writeln!(o);
    }
    if !c.entities.is_empty() {
        let _ = writeln!(
            o,
            "## الأسماء\n\n| الاسم | النوع | الصيغ | الذكر لكل مصدر |\n|---|---|---|---|"
        );
        for e in &c.entities {
            let counts: Vec<String> = e.counts.iter().map(|(s, n)| format!("{s}: {n}")).collect();
            let _ = writeln!(
                o,
                "| {} | {} | {} | {} |",
                md(&e.name),
                e.kind.as_str(),
                md(&e.forms.join("، ")),
                md(&counts.join("، "))
            );
        }
        let _ = writeln!(o);
    }
    let _ = writeln!(o, "## المصادر المستشهد بها\n");
    for (id, names) in &c.cited_sources {
        let shown = if names.is_empty() {
            "—".to_string()
        } else {
            names.join("، ")
        };
        let _ = writeln!(o, "- **{}**: {}", md(&article_label(c, id)), md(&shown));
    }
    o
}
