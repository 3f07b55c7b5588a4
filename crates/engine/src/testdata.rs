//! The seed articles of `testdata/seeds` as stored articles, for the stages' tests: two outlets'
//! reports of one story (one spells البنتاغون, the other البنتاجون) and a wire copy of the first.
//! Test-only; it reads nothing at run time (the seeds are compiled in).

use model::{Article, Published};

/// 2024-11-27, the day of the seeds.
const T0: i64 = 1_732_700_000;

/// The title and body of a seed file: an optional date line, the title, then the body.
fn title_and_body(raw: &str) -> (String, String) {
    let mut lines = raw
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .peekable();
    if lines
        .peek()
        .is_some_and(|l| text::date::parse_datetime(l).is_some())
    {
        lines.next();
    }
    let title = lines.next().unwrap_or_default().to_string();
    (title, lines.collect::<Vec<_>>().join("\n\n"))
}

fn article(id: &str, source: &str, unix: i64, title: String, text: String) -> Article {
    Article {
        id: id.into(),
        source: source.into(),
        url: Some(format!("https://example.org/{id}")),
        title,
        published: Some(Published {
            raw: unix.to_string(),
            iso: String::new(),
            unix,
        }),
        language: "ar".into(),
        original: text.clone(),
        text,
        removed: vec![],
    }
}

/// `pentagon-a` (البنتاغون), its wire copy `pentagon-a-copy` an hour later under another title,
/// and `pentagon-b` (البنتاجون), another outlet's own report of the same story the next morning.
pub(crate) fn seed_articles() -> Vec<Article> {
    let (t0, b0) = title_and_body(include_str!(
        "../../../testdata/seeds/000_f2781f012485ef63.txt"
    ));
    let (t1, b1) = title_and_body(include_str!(
        "../../../testdata/seeds/001_ddf57a01e70e49b5.txt"
    ));
    let copy = format!("{b0}\n\n(المصدر: وكالات)");
    vec![
        article("pentagon-a", "outlet-a", T0, t0, b0),
        article(
            "pentagon-a-copy",
            "outlet-c",
            T0 + 3_600,
            "بوليتيكو: البنتاغون يبحث تمويل قوة حفظ سلام في غزة".into(),
            copy,
        ),
        article("pentagon-b", "outlet-b", T0 + 50_000, t1, b1),
    ]
}
