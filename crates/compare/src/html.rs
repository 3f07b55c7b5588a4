//! The HTML page of a [`Comparison`]: one self-contained right-to-left page (inline CSS, no
//! scripts, no external resources, every text escaped) that stays readable at phone and laptop
//! widths for a story of any size.
//!
//! The page is a column of blocks, never a table with a column per article: one block per shared
//! fact listing the outlets that carry it with their sentence, what each outlet alone reports
//! grouped by outlet, conflicts, quotes, names and cited sources. Long lists show their first
//! items and fold the rest into `<details>`, so a story of twenty outlets is as wide as one of two.
//! Article ids and outlet names are bidi-isolated (`<bdi>`), so a Latin id such as
//! `000_f2781f012485ef63` keeps its order inside right-to-left text. Pure string building; no IO.

use crate::render::{esc, facts_label, group_sentences, kind_label, source_groups};
use crate::{ArticleInfo, Comparison, Fact};
use std::collections::{BTreeMap, HashSet};
use std::fmt::Write;
use text::plural::{self, Noun};

/// واقعة: a fact, for the counts in headings.
const FACT: Noun = Noun {
    singular: "واقعة",
    dual: "واقعتان",
    dual_oblique: "واقعتين",
    plural: "وقائع",
    accusative: "واقعةً",
    feminine: true,
};

/// Shared facts shown before the rest fold away.
const SHOWN_FACTS: usize = 12;
/// Outlets of one fact shown before the rest fold away.
const SHOWN_CARRIERS: usize = 4;
/// Unique facts of one outlet shown before the rest fold away.
const SHOWN_UNIQUE: usize = 3;
/// Quotes, names and articles shown before the rest fold away.
const SHOWN_ITEMS: usize = 10;

const CSS: &str = "*{box-sizing:border-box}\
body{font-family:'Noto Naskh Arabic','Amiri',Tahoma,sans-serif;margin:0 auto;max-width:60rem;padding:1rem 1.25rem;line-height:1.75;color:#1d1d1f;background:#fbfbfa;overflow-wrap:anywhere}\
h1{font-size:1.5rem;font-weight:600;margin:.5rem 0}h2{font-size:1.2rem;font-weight:600;margin:1.75rem 0 .5rem;border-bottom:1px solid #ddd}\
h3{font-size:1rem;font-weight:600;margin:0 0 .4rem}\
.block{background:#fff;border:1px solid #e0e0e0;border-radius:.4rem;padding:.6rem .8rem;margin:.6rem 0}\
.block.conflict{border-inline-start:4px solid #e5534b}.block.unique{border-inline-start:4px solid #f6c343}\
ul{padding-inline-start:1.2rem;margin:.3rem 0}li{margin:.25rem 0}\
.src{font-weight:600}.id{font-family:ui-monospace,monospace;font-size:.75em;color:#777}\
.muted{color:#666;font-size:.9em}.count{font-weight:400;color:#555;font-size:.9em}\
.tag{font-size:.8em;border-radius:.3em;padding:0 .4em;margin-inline-start:.4em;white-space:nowrap}\
.tag.u{background:#f6c343}.tag.c{background:#e5534b;color:#fff}.tag.p{background:#ccd}\
blockquote{margin:.2rem 0;padding-inline-start:.8rem;border-inline-start:3px solid #ccd}\
details>summary{cursor:pointer;color:#345;margin:.3rem 0}\
mark{background:#fde2e1;padding:0 .2em}\
@media (max-width:600px){body{padding:.6rem}.block{padding:.5rem}}";

/// Render a comparison as one self-contained right-to-left HTML page.
pub fn to_html(c: &Comparison, title: &str) -> String {
    let mut o = String::new();
    let _ = write!(
        o,
        "<!DOCTYPE html>\n<html lang=\"ar\" dir=\"rtl\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>{}</title>\n<style>{CSS}</style>\n</head>\n<body>\n<h1>{}</h1>\n",
        esc(title),
        esc(title)
    );
    overview(&mut o, c);
    summary(&mut o, c);
    conflicts(&mut o, c);
    shared_facts(&mut o, c);
    unique_facts(&mut o, c);
    quotes(&mut o, c);
    entities(&mut o, c);
    cited(&mut o, c);
    o.push_str("</body>\n</html>\n");
    o
}

/// An article id, isolated left to right.
fn id_html(id: &str) -> String {
    format!("<bdi dir=\"ltr\" class=\"id\">{}</bdi>", esc(id))
}

/// An outlet name, isolated in its own direction.
fn source_html(source: &str) -> String {
    format!("<bdi class=\"src\">{}</bdi>", esc(source))
}

/// Outlet names, each isolated, joined with Arabic commas.
fn sources_html(sources: &[String]) -> String {
    sources
        .iter()
        .map(|s| format!("<bdi>{}</bdi>", esc(s)))
        .collect::<Vec<_>>()
        .join("، ")
}

/// `outlet id` of an article.
fn article_html(c: &Comparison, id: &str) -> String {
    match c.articles.iter().find(|a| a.id == id) {
        Some(a) => format!("{} {}", source_html(&a.source), id_html(&a.id)),
        None => id_html(id),
    }
}

/// `<li>` items, the first `shown` visible and the rest folded into `<details>`.
fn list(o: &mut String, items: &[String], shown: usize) {
    o.push_str("<ul>\n");
    for it in items.iter().take(shown) {
        let _ = writeln!(o, "<li>{it}</li>");
    }
    o.push_str("</ul>\n");
    let rest = items.len().saturating_sub(shown);
    if rest > 0 {
        let _ = writeln!(o, "<details><summary>عرض البقية ({rest})</summary>\n<ul>");
        for it in &items[shown..] {
            let _ = writeln!(o, "<li>{it}</li>");
        }
        o.push_str("</ul>\n</details>\n");
    }
}

/// Blocks, the first `shown` visible and the rest folded into `<details>`.
fn blocks(o: &mut String, items: &[String], shown: usize) {
    for it in items.iter().take(shown) {
        o.push_str(it);
    }
    let rest = items.len().saturating_sub(shown);
    if rest > 0 {
        let _ = writeln!(o, "<details><summary>عرض البقية ({rest})</summary>");
        for it in &items[shown..] {
            o.push_str(it);
        }
        o.push_str("</details>\n");
    }
}

/// Number of outlets among the articles.
fn outlet_count(articles: &[ArticleInfo]) -> usize {
    articles
        .iter()
        .map(|a| a.source.as_str())
        .collect::<HashSet<_>>()
        .len()
}

/// One independent source of a fact: its articles, then their sentences without repeats.
fn carrier_html(c: &Comparison, f: &Fact, group: &[usize]) -> String {
    let heads: Vec<String> = group
        .iter()
        .map(|&a| {
            format!(
                "{} {}",
                source_html(&c.articles[a].source),
                id_html(&c.articles[a].id)
            )
        })
        .collect();
    let tag = if group.len() > 1 {
        "<span class=\"tag p\">مصدر واحد</span>"
    } else {
        ""
    };
    let texts = group_sentences(c, f, group);
    let body: String = texts
        .iter()
        .map(|t| format!("<div>{}</div>", esc(t)))
        .collect();
    format!("{}{tag}{body}", heads.join(" · "))
}

fn shared(c: &Comparison) -> Vec<&Fact> {
    c.facts
        .iter()
        .filter(|f| f.independent_sources > 1)
        .collect()
}

/// One line of counts, then the articles (folded when many).
fn overview(o: &mut String, c: &Comparison) {
    let _ = writeln!(
        o,
        "<p class=\"muted\">{} من {} · الوقائع المشتركة: {} · التضارب: {}</p>",
        plural::count(c.articles.len() as u64, &plural::ARTICLE),
        plural::count_in(
            outlet_count(&c.articles) as u64,
            &plural::SOURCE,
            plural::Case::Oblique
        ),
        shared(c).len(),
        c.conflicts.len(),
    );
    if c.articles.is_empty() {
        return;
    }
    let items: Vec<String> = c
        .articles
        .iter()
        .enumerate()
        .map(|(i, a)| {
            let title = if a.title.is_empty() {
                String::new()
            } else {
                format!(" — {}", esc(&a.title))
            };
            let copy = c.articles[..i]
                .iter()
                .find(|x| x.independent_group == a.independent_group)
                .map(|x| format!(" <span class=\"tag p\">نسخة من</span> {}", id_html(&x.id)))
                .unwrap_or_default();
            format!("{} {}{copy}{title}", source_html(&a.source), id_html(&a.id))
        })
        .collect();
    let _ = writeln!(
        o,
        "<details{}><summary>المقالات ({})</summary>",
        if items.len() <= SHOWN_ITEMS {
            " open"
        } else {
            ""
        },
        items.len()
    );
    list(o, &items, items.len());
    o.push_str("</details>\n");
}

fn summary(o: &mut String, c: &Comparison) {
    if c.summary.is_empty() {
        return;
    }
    o.push_str("<h2>الملخص</h2>\n");
    let items: Vec<String> = c
        .summary
        .iter()
        .map(|l| {
            format!(
                "{} <span class=\"muted\">({})</span>",
                esc(&l.text),
                sources_html(&l.sources)
            )
        })
        .collect();
    list(o, &items, items.len());
}

fn conflicts(o: &mut String, c: &Comparison) {
    if c.conflicts.is_empty() {
        return;
    }
    let _ = writeln!(o, "<h2>التضارب بين المصادر ({})</h2>", c.conflicts.len());
    let items: Vec<String> = c
        .conflicts
        .iter()
        .map(|k| {
            let mut b = format!(
                "<div class=\"block conflict\"><h3>{} <span class=\"tag c\">{}</span> {}</h3>\n",
                esc(&facts_label(k)),
                kind_label(&k.kind),
                esc(&k.about)
            );
            let versions: Vec<String> = k
                .versions
                .iter()
                .map(|v| {
                    format!(
                        "{}: <mark>{}</mark> <div class=\"muted\">{}</div>",
                        article_html(c, &v.article),
                        esc(&v.text),
                        esc(&v.sentence)
                    )
                })
                .collect();
            list(&mut b, &versions, SHOWN_CARRIERS);
            b.push_str("</div>\n");
            b
        })
        .collect();
    blocks(o, &items, SHOWN_ITEMS);
}

/// One block per fact carried by two or more independent sources: its outlets and their sentences.
fn shared_facts(o: &mut String, c: &Comparison) {
    let facts = shared(c);
    let _ = writeln!(o, "<h2>الوقائع المشتركة ({})</h2>", facts.len());
    if facts.is_empty() {
        o.push_str("<p class=\"muted\">لا وقائع يرويها أكثر من مصدر مستقل.</p>\n");
        return;
    }
    let conflicted: HashSet<usize> = c
        .conflicts
        .iter()
        .flat_map(|k| k.facts.iter().copied().chain([k.fact]))
        .collect();
    let items: Vec<String> = facts
        .iter()
        .map(|f| fact_block(c, f, conflicted.contains(&f.id)))
        .collect();
    blocks(o, &items, SHOWN_FACTS);
}

fn fact_block(c: &Comparison, f: &Fact, conflict: bool) -> String {
    let mut b = format!(
        "<div class=\"block{}\"><h3>واقعة {} <span class=\"count\">({})</span>{}</h3>\n",
        if conflict { " conflict" } else { "" },
        f.id + 1,
        plural::count(f.independent_sources as u64, &plural::INDEPENDENT_SOURCE),
        if conflict {
            "<span class=\"tag c\">تضارب</span>"
        } else {
            ""
        }
    );
    let ids: Vec<&String> = f.sentences.keys().collect();
    let carriers: Vec<String> = source_groups(c, &ids)
        .iter()
        .map(|g| carrier_html(c, f, g))
        .collect();
    list(&mut b, &carriers, SHOWN_CARRIERS);
    b.push_str("</div>\n");
    b
}

/// Unique facts by outlet name, in article order: (outlet, [(article id, text)]).
fn unique_by_outlet(c: &Comparison) -> Vec<(&str, Vec<(&str, &str)>)> {
    let mut out: Vec<(&str, Vec<(&str, &str)>)> = Vec::new();
    for a in &c.articles {
        let Some(texts) = c.unique.get(&a.id).filter(|t| !t.is_empty()) else {
            continue;
        };
        let items = texts.iter().map(|t| (a.id.as_str(), t.as_str()));
        match out.iter_mut().find(|(s, _)| *s == a.source) {
            Some((_, v)) => v.extend(items),
            None => out.push((a.source.as_str(), items.collect())),
        }
    }
    out
}

/// What each outlet alone reports, one block per outlet (its articles together).
fn unique_facts(o: &mut String, c: &Comparison) {
    let outlets = unique_by_outlet(c);
    if outlets.is_empty() {
        return;
    }
    let _ = writeln!(o, "<h2>ما انفرد به كل مصدر ({})</h2>", outlets.len());
    let items: Vec<String> = outlets
        .iter()
        .map(|(outlet, texts)| {
            let mut b = format!(
                "<div class=\"block unique\"><h3>{} <span class=\"count\">({})</span></h3>\n",
                source_html(outlet),
                plural::count(texts.len() as u64, &FACT)
            );
            let several = texts.iter().any(|t| t.0 != texts[0].0);
            let escaped: Vec<String> = texts
                .iter()
                .map(|(id, t)| match several {
                    true => format!("{} {}", esc(t), id_html(id)),
                    false => esc(t),
                })
                .collect();
            list(&mut b, &escaped, SHOWN_UNIQUE);
            b.push_str("</div>\n");
            b
        })
        .collect();
    blocks(o, &items, SHOWN_ITEMS);
}

fn quotes(o: &mut String, c: &Comparison) {
    if c.quotes.is_empty() {
        return;
    }
    let _ = writeln!(o, "<h2>الأقوال ({})</h2>", c.quotes.len());
    let items: Vec<String> = c
        .quotes
        .iter()
        .map(|q| {
            let mut tags = String::new();
            if q.anonymous {
                tags.push_str("<span class=\"tag p\">مصدر مجهول</span>");
            }
            if q.paraphrase {
                tags.push_str("<span class=\"tag p\">بتصرف</span>");
            }
            format!(
                "<div class=\"block\"><blockquote>«{}»</blockquote><div><bdi class=\"src\">{}</bdi>{tags} <span class=\"muted\">— {}</span></div></div>\n",
                esc(&q.text),
                esc(&q.speaker),
                sources_html(&q.sources)
            )
        })
        .collect();
    blocks(o, &items, SHOWN_ITEMS);
}

/// Arabic label of an entity type.
fn entity_label(kind: crate::EntityType) -> &'static str {
    match kind {
        crate::EntityType::Person => "شخص",
        crate::EntityType::Organization => "هيئة",
        crate::EntityType::Place => "مكان",
    }
}

fn entities(o: &mut String, c: &Comparison) {
    if c.entities.is_empty() {
        return;
    }
    let _ = writeln!(o, "<h2>الأسماء ({})</h2>", c.entities.len());
    let items: Vec<String> = c
        .entities
        .iter()
        .map(|e| {
            let counts: Vec<String> = e
                .counts
                .iter()
                .map(|(s, n)| format!("<bdi>{}</bdi>: {n}", esc(s)))
                .collect();
            let forms: Vec<String> = e.forms.iter().map(|f| esc(f)).collect();
            format!(
                "<bdi class=\"src\">{}</bdi> <span class=\"tag p\">{}</span> {} <div class=\"muted\">{}</div>",
                esc(&e.name),
                entity_label(e.kind),
                forms.join("، "),
                counts.join("، ")
            )
        })
        .collect();
    list(o, &items, SHOWN_ITEMS);
}

fn cited(o: &mut String, c: &Comparison) {
    let citing: BTreeMap<&String, &Vec<String>> = c
        .cited_sources
        .iter()
        .filter(|(_, v)| !v.is_empty())
        .collect();
    o.push_str("<h2>المصادر المستشهد بها</h2>\n");
    let items: Vec<String> = citing
        .iter()
        .map(|(id, names)| format!("{}: {}", article_html(c, id), sources_html(names)))
        .collect();
    list(o, &items, SHOWN_ITEMS);
    let silent: Vec<String> = c
        .cited_sources
        .iter()
        .filter(|(_, v)| v.is_empty())
        .map(|(id, _)| article_html(c, id))
        .collect();
    if !silent.is_empty() {
        let _ = writeln!(
            o,
            "<details><summary>لا تذكر مصدرًا ({})</summary><p>{}</p></details>",
            silent.len(),
            silent.join("، ")
        );
    }
}
