//! Renderers of a [`Comparison`]: Markdown for a terminal and one self-contained right-to-left HTML
//! page for sharing (inline CSS, no scripts, no external resources, every text escaped).
//!
//! Pure string building; no templates, no IO.

use crate::Comparison;
use std::collections::{BTreeMap, HashSet};
use std::fmt::Write;
use text::plural;

/// Escape text for HTML element content and attribute values.
fn esc(s: &str) -> String {
    html_escape::encode_quoted_attribute(s).into_owned()
}

/// Markdown: inline text with table-breaking characters neutralised.
fn md(s: &str) -> String {
    s.replace('|', "\\|").replace('\n', " ")
}

/// `واقعة 3` or `وقائع 1، 4`: the facts a conflict's versions sit in.
fn facts_label(k: &crate::Conflict) -> String {
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
fn kind_label(kind: &str) -> &str {
    match kind {
        "number" => "عدد",
        "amount" => "مبلغ",
        "date" => "تاريخ",
        "name" => "اسم",
        other => other,
    }
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
        for (id, t) in &f.sentences {
            let _ = writeln!(o, "- **{}**: {}", md(&article_label(c, id)), md(t));
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

const CSS: &str = "body{font-family:'Noto Naskh Arabic','Amiri',Tahoma,sans-serif;margin:1.5rem;line-height:1.7;color:#1d1d1f;background:#fbfbfa}\
h1,h2{font-weight:600}table{border-collapse:collapse;width:100%;margin:1rem 0}\
th,td{border:1px solid #d0d0d0;padding:.5rem;vertical-align:top;text-align:right}\
th{background:#eef0f3}td.none{background:#f4f4f4;color:#999;text-align:center}\
tr.unique td.has{background:#fff5d6}tr.conflict td.has{background:#fde2e1}\
.tag{font-size:.8em;border-radius:.3em;padding:0 .4em;margin-inline-start:.4em}\
.tag.u{background:#f6c343}.tag.c{background:#e5534b;color:#fff}.tag.p{background:#ccd}\
.muted{color:#666;font-size:.9em}ul{padding-inline-start:1.2rem}";

/// Render a comparison as one self-contained right-to-left HTML page.
pub fn to_html(c: &Comparison, title: &str) -> String {
    let mut o = String::new();
    let _ = write!(
        o,
        "<!DOCTYPE html>\n<html lang=\"ar\" dir=\"rtl\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>{}</title>\n<style>{}</style>\n</head>\n<body>\n<h1>{}</h1>\n",
        esc(title),
        CSS,
        esc(title)
    );
    if !c.summary.is_empty() {
        o.push_str("<h2>الملخص</h2>\n<ul>\n");
        for l in &c.summary {
            let _ = writeln!(
                o,
                "<li>{} <span class=\"muted\">({})</span></li>",
                esc(&l.text),
                esc(&l.sources.join("، "))
            );
        }
        o.push_str("</ul>\n");
    }
    // Facts as rows, articles as columns.
    let conflict_facts: HashSet<usize> = c
        .conflicts
        .iter()
        .flat_map(|k| k.facts.iter().copied().chain([k.fact]))
        .collect();
    o.push_str("<h2>الوقائع</h2>\n<table>\n<thead><tr><th>#</th>");
    for a in &c.articles {
        let _ = write!(
            o,
            "<th>{}<br><span class=\"muted\">{}</span></th>",
            esc(&a.source),
            esc(&a.id)
        );
    }
    o.push_str("</tr></thead>\n<tbody>\n");
    let multi = c
        .articles
        .iter()
        .map(|a| a.independent_group)
        .collect::<HashSet<_>>()
        .len()
        > 1;
    for f in &c.facts {
        let unique = multi && f.independent_sources == 1;
        let conflict = conflict_facts.contains(&f.id);
        let class = if conflict {
            " class=\"conflict\""
        } else if unique {
            " class=\"unique\""
        } else {
            ""
        };
        let _ = write!(o, "<tr{class}><td>{}", f.id + 1);
        if unique {
            o.push_str("<span class=\"tag u\">انفراد</span>");
        }
        if conflict {
            o.push_str("<span class=\"tag c\">تضارب</span>");
        }
        o.push_str("</td>");
        for a in &c.articles {
            match f.sentences.get(&a.id) {
                Some(t) => {
                    let _ = write!(o, "<td class=\"has\">{}</td>", esc(t));
                }
                None => o.push_str("<td class=\"none\">—</td>"),
            }
        }
        o.push_str("</tr>\n");
    }
    o.push_str("</tbody>\n</table>\n");
    if !c.conflicts.is_empty() {
        o.push_str("<h2>التضارب بين المصادر</h2>\n<ul>\n");
        for k in &c.conflicts {
            let vs: Vec<String> = k
                .versions
                .iter()
                .map(|v| format!("{}: {}", esc(&v.source), esc(&v.text)))
                .collect();
            let _ = writeln!(
                o,
                "<li>{} <span class=\"tag c\">{}</span> ({}): {}</li>",
                esc(&facts_label(k)),
                kind_label(&k.kind),
                esc(&k.about),
                vs.join(" — ")
            );
        }
        o.push_str("</ul>\n");
    }
    if !c.quotes.is_empty() {
        o.push_str("<h2>الأقوال</h2>\n<table>\n<thead><tr><th>المتحدث</th><th>القول</th><th>المصادر</th></tr></thead>\n<tbody>\n");
        for q in &c.quotes {
            let mut tags = String::new();
            if q.anonymous {
                tags.push_str("<span class=\"tag p\">مصدر مجهول</span>");
            }
            if q.paraphrase {
                tags.push_str("<span class=\"tag p\">بتصرف</span>");
            }
            let _ = writeln!(
                o,
                "<tr><td>{}{}</td><td>{}</td><td>{}</td></tr>",
                esc(&q.speaker),
                tags,
                esc(&q.text),
                esc(&q.sources.join("، "))
            );
        }
        o.push_str("</tbody>\n</table>\n");
    }
    if !c.entities.is_empty() {
        o.push_str("<h2>الأسماء</h2>\n<table>\n<thead><tr><th>الاسم</th><th>النوع</th><th>الصيغ</th><th>الذكر لكل مصدر</th></tr></thead>\n<tbody>\n");
        for e in &c.entities {
            let counts: Vec<String> = e
                .counts
                .iter()
                .map(|(s, n)| format!("{}: {}", esc(s), n))
                .collect();
            let _ = writeln!(
                o,
                "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
                esc(&e.name),
                e.kind.as_str(),
                esc(&e.forms.join("، ")),
                counts.join("، ")
            );
        }
        o.push_str("</tbody>\n</table>\n");
    }
    o.push_str("<h2>المصادر المستشهد بها</h2>\n<ul>\n");
    let labels: BTreeMap<&str, &str> = c
        .articles
        .iter()
        .map(|a| (a.id.as_str(), a.source.as_str()))
        .collect();
    for (id, names) in &c.cited_sources {
        let shown = if names.is_empty() {
            "—".to_string()
        } else {
            names.join("، ")
        };
        let _ = writeln!(
            o,
            "<li>{} <span class=\"muted\">{}</span>: {}</li>",
            esc(labels.get(id.as_str()).copied().unwrap_or("")),
            esc(id),
            esc(&shown)
        );
    }
    o.push_str("</ul>\n</body>\n</html>\n");
    o
}
