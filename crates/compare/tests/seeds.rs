//! The model case: the two seed articles (one Politico story told by two outlets with Levantine and
//! Egyptian spellings), cleaned by a tiny stand-in for the cleaning stage.

use compare::{Comparison, Options, compare};
use std::path::PathBuf;

/// Read a seed file: drop the date line and the title line, a caption repeated on consecutive lines
/// and a "read also" line (what the cleaning stage removes).
fn seed(stem: &str) -> model::Article {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../testdata/seeds")
        .join(format!("{stem}.txt"));
    let raw = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let mut lines: Vec<&str> = raw.lines().collect();
    if lines
        .first()
        .is_some_and(|l| l.trim().starts_with(|c: char| c.is_ascii_digit()))
    {
        lines.remove(0);
    }
    while lines.first().is_some_and(|l| l.trim().is_empty()) {
        lines.remove(0);
    }
    let title = lines.remove(0).trim().to_string();
    let kept: Vec<&str> = lines
        .iter()
        .enumerate()
        .filter(|&(i, l)| {
            let t = l.trim();
            let repeated = !t.is_empty()
                && (lines.get(i + 1).is_some_and(|n| n.trim() == t)
                    || (i > 0 && lines[i - 1].trim() == t));
            !repeated && !t.starts_with("اقرأ أيضاً")
        })
        .map(|(_, l)| *l)
        .collect();
    model::Article {
        id: stem.to_string(),
        source: format!("outlet-{}", &stem[..3]),
        url: None,
        title,
        published: None,
        language: "ar".into(),
        text: kept.join("\n").trim().to_string(),
        original: raw,
        removed: Vec::new(),
    }
}

const A: &str = "000_f2781f012485ef63";
const B: &str = "001_ddf57a01e70e49b5";

fn seeds() -> Comparison {
    compare(&[seed(A), seed(B)], &Options::default())
}

/// The fact holding `a` in article A and `b` in article B, if one does.
fn shared(c: &Comparison, a: &str, b: &str) -> bool {
    c.facts.iter().any(|f| {
        f.sentences.get(A).is_some_and(|t| t.contains(a))
            && f.sentences.get(B).is_some_and(|t| t.contains(b))
            && f.independent_sources == 2
            && f.sources.len() == 2
    })
}

#[test]
fn shared_facts_are_one_fact_with_both_outlets() {
    let c = seeds();
    let cases = [
        ("يجرون \"محادثات\" مبكرة", "لإجراء محادثات أولية"),
        ("تمويل قوة متعددة الجنسيات", "لتمويل قوة متعددة الجنسيات"),
        (
            "لا تتضمن وجود جنود أميركيين على الأرض",
            "لا تشمل نشر قوات أمريكية على الأرض",
        ),
        ("احتياجات القوات الأمنية", "احتياجات القوة الأمنية"),
        ("سيناريوهات عدة", "سيناريوهات مختلفة"),
    ];
    for (a, b) in cases {
        assert!(
            shared(&c, a, b),
            "not aligned: {a} ≈ {b}\n{}",
            compare::to_markdown(&c)
        );
    }
}

#[test]
fn additions_sit_under_their_outlet() {
    let c = seeds();
    let ua = &c.unique[A];
    let ub = &c.unique[B];
    assert!(ua.iter().any(|t| t.contains("يرفض الخوض")), "{ua:#?}");
    assert!(ua.iter().any(|t| t.contains("عشائر")), "{ua:#?}");
    assert!(
        ub.iter()
            .any(|t| t.contains("براون") && t.contains("الأسلحة")),
        "{ub:#?}"
    );
    assert!(ub.iter().any(|t| t.contains("3.8 مليار دولار")), "{ub:#?}");
    // Nothing unique to one side is shared, and nothing shared is listed as unique.
    for t in ua {
        assert!(
            !t.contains("لا تتضمن وجود جنود") && !t.contains("سيناريوهات عدة"),
            "shared fact listed as unique: {t}"
        );
        assert!(!t.contains("براون"));
    }
    for t in ub {
        assert!(
            !t.contains("لا تشمل نشر قوات") && !t.contains("عشائر"),
            "misplaced: {t}"
        );
    }
}

#[test]
fn pentagon_spellings_are_one_entity() {
    let c = seeds();
    let e = c
        .entities
        .iter()
        .find(|e| e.forms.iter().any(|f| f == "البنتاغون"))
        .unwrap_or_else(|| panic!("no البنتاغون: {:#?}", c.entities));
    assert!(e.forms.iter().any(|f| f == "البنتاجون"), "{e:?}");
    assert_eq!(e.sources.len(), 2);
    assert_eq!(e.kind, compare::EntityType::Organization);
    let biden = c
        .entities
        .iter()
        .find(|e| e.name == "جو بايدن")
        .expect("جو بايدن");
    assert_eq!(biden.kind, compare::EntityType::Person);
    assert!(
        c.entities
            .iter()
            .any(|e| e.name == "تشارلز كيو براون" && e.sources == vec!["outlet-001".to_string()])
    );
}

#[test]
fn both_cite_politico() {
    let c = seeds();
    for id in [A, B] {
        assert!(
            c.cited_sources[id].iter().any(|s| s == "بوليتيكو"),
            "{id}: {:?}",
            c.cited_sources[id]
        );
    }
}

#[test]
fn senior_official_quote_is_linked_as_paraphrase() {
    let c = seeds();
    let q = c
        .quotes
        .iter()
        .find(|q| q.text.contains("سيناريوهات"))
        .unwrap_or_else(|| panic!("{:#?}", c.quotes));
    assert_eq!(q.sources.len(), 2, "{q:#?}");
    assert!(q.paraphrase && q.anonymous, "{q:#?}");
    assert!(q.speaker.contains("مسؤول كبير في الإدارة"), "{q:#?}");
}

#[test]
fn removed_boilerplate_appears_nowhere() {
    let c = seeds();
    let json = serde_json::to_string(&c).expect("serialise");
    assert!(!json.contains("لجنة التحقيق الروسية"));
    assert!(!json.contains("اقرأ أيضاً"));
    for f in &c.facts {
        for t in f.sentences.values() {
            assert_ne!(
                t.trim(),
                "الرئيس الأمريكي، جو بايدن",
                "caption became a fact"
            );
        }
    }
    let html = compare::to_html(&c, "مقارنة");
    assert!(!html.contains("لجنة التحقيق الروسية"));
}

#[test]
fn summary_lines_are_shared_facts_with_their_outlets() {
    let c = seeds();
    assert!(!c.summary.is_empty() && c.summary.len() <= 5);
    for l in &c.summary {
        assert_eq!(l.sources.len(), 2, "{l:?}");
    }
}

#[test]
fn json_has_the_documented_shape() {
    let c = seeds();
    let v: serde_json::Value = serde_json::to_value(&c).expect("serialise");
    for k in [
        "facts",
        "unique",
        "conflicts",
        "quotes",
        "entities",
        "cited_sources",
        "summary",
    ] {
        assert!(v.get(k).is_some(), "missing {k}");
    }
    let f = &v["facts"][0];
    assert!(f["sources"].is_array() && f["sentences"].is_object());
    let e = &v["entities"][0];
    for k in ["name", "forms", "type", "sources"] {
        assert!(e.get(k).is_some(), "entity missing {k}");
    }
    let q = &v["quotes"][0];
    for k in ["speaker", "text", "sources"] {
        assert!(q.get(k).is_some(), "quote missing {k}");
    }
}

/// Regression: a fact of two outlets was headed `(2 مصادر مستقلة)`; the dual takes no digits.
#[test]
fn markdown_counts_sources_in_arabic_agreement() {
    let md = compare::to_markdown(&seeds());
    assert!(md.contains("(مصدران مستقلان)"), "{md}");
    assert!(!md.contains("2 مصادر"), "{md}");
}
