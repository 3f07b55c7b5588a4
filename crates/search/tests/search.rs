//! End-to-end behaviour of the search index on realistic Arabic news text.

use model::{Article, Published};
use search::{Error, Query, SearchIndex, Sort};

fn article(id: &str, source: &str, unix: Option<i64>, title: &str, text: &str) -> Article {
    Article {
        id: id.into(),
        source: source.into(),
        url: Some(format!("https://example.org/{id}")),
        title: title.into(),
        published: unix.map(|u| Published {
            raw: u.to_string(),
            iso: String::new(),
            unix: u,
        }),
        language: "ar".into(),
        text: text.into(),
        original: text.into(),
        removed: vec![],
    }
}

/// A seed file: an optional date line, the title, then the body.
fn seed(name: &str) -> (String, String) {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data")
        .join(name);
    let raw = std::fs::read_to_string(path).expect("seed fixture");
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
    let body = lines.collect::<Vec<_>>().join("\n\n");
    (title, body)
}

const DAY: i64 = 86_400;
const T0: i64 = 1_732_700_000; // 2024-11-27

/// Seed 000 writes البنتاغون and الأميركية; seed 001 writes البنتاجون and الأمريكية. The rest are
/// distractors on other subjects, some sharing letters or stems with the query words.
fn corpus() -> Vec<Article> {
    let (t0, b0) = seed("000_f2781f012485ef63.txt");
    let (t1, b1) = seed("001_ddf57a01e70e49b5.txt");
    vec![
        article("ghad-1", "alghad", Some(T0), &t0, &b0),
        article("youm7-1", "youm7", Some(T0 + DAY), &t1, &b1),
        article(
            "riyadh-1",
            "alriyadh",
            Some(T0 - 3 * DAY),
            "أمطار غزيرة على الرياض وتحذيرات من السيول",
            "توقع المركز الوطني للأرصاد هطول أمطار غزيرة على منطقة الرياض، ودعا الدفاع المدني السكان إلى \
             الابتعاد عن الأودية ومجاري السيول. وقالت البنات في إحدى المدارس إن الدراسة علقت، فيما بقيت \
             بنت الجيران في بيتها.",
        ),
        article(
            "sport-1",
            "alriyadh",
            Some(T0 - 10 * DAY),
            "الهلال يتصدر الدوري بعد فوز كبير",
            "حقق الهلال فوزا كبيرا على ضيفه بثلاثة أهداف نظيفة، وتقدم المدرب عمر بالشكر للجماهير. \
             وأكد اللاعبون أن المباراة المقبلة ستكون صعبة.",
        ),
        article(
            "imran-1",
            "alghad",
            Some(T0 - 2 * DAY),
            "رئيس الوزراء الباكستاني السابق عمران خان يمثل أمام المحكمة",
            "مثل عمران خان أمام محكمة في إسلام آباد، وقال محاموه إن القضية سياسية.",
        ),
        article(
            "oil-1",
            "youm7",
            Some(T0 - 5 * DAY),
            "أسعار النفط ترتفع مع تراجع المخزونات",
            "ارتفعت أسعار النفط في التعاملات الآسيوية بعد بيانات أظهرت تراجع المخزونات الأميركية، وجرت \
             محادثة بين وزراء الطاقة بشأن الإنتاج.",
        ),
    ]
}

fn index() -> SearchIndex {
    let idx = SearchIndex::open_in_ram().expect("ram index");
    idx.upsert(&corpus(), |_| None).expect("upsert");
    idx
}

fn q(text: &str) -> Query {
    Query {
        text: text.into(),
        limit: 20,
        ..Default::default()
    }
}

fn ids(idx: &SearchIndex, query: &Query) -> Vec<String> {
    idx.search(query)
        .expect("search")
        .into_iter()
        .map(|h| h.id)
        .collect()
}

fn sorted(mut v: Vec<String>) -> Vec<String> {
    v.sort();
    v
}

#[test]
fn pentagon_in_either_spelling_finds_both_articles() {
    let idx = index();
    let both = vec!["ghad-1".to_string(), "youm7-1".to_string()];
    assert_eq!(sorted(ids(&idx, &q("البنتاجون"))), both);
    assert_eq!(sorted(ids(&idx, &q("البنتاغون"))), both);
    assert_eq!(sorted(ids(&idx, &q("بنتاغون"))), both);
}

#[test]
fn american_in_either_spelling_matches() {
    let idx = index();
    // ghad-1 and oil-1 write only الأميركية; youm7-1 writes الأمريكية.
    let found = ids(&idx, &q("الأمريكية"));
    for id in ["ghad-1", "oil-1", "youm7-1"] {
        assert!(
            found.contains(&id.to_string()),
            "{id} missing from {found:?}"
        );
    }
    assert!(!found.contains(&"sport-1".to_string()));
}

#[test]
fn stemmed_query_finds_articles_and_clitic_forms() {
    let idx = index();
    let found = ids(&idx, &q("محادثات"));
    // ghad-1: المحادثات / محادثات; youm7-1: محادثات; oil-1 only has the singular محادثة.
    assert_eq!(sorted(found), vec!["ghad-1", "oil-1", "youm7-1"]);
    // The exact plural ranks above the singular-only article.
    let hits = idx.search(&q("محادثات")).expect("search");
    assert_eq!(hits.last().map(|h| h.id.as_str()), Some("oil-1"));
}

#[test]
fn names_are_not_over_stemmed() {
    let idx = index();
    // riyadh-1 has البنات and بنت, which share letters with بنتاغون: no match.
    assert!(!ids(&idx, &q("البنتاغون")).contains(&"riyadh-1".to_string()));
    // عمران stems to عمر (sport-1 mentions a coach عمر) but the exact name ranks first.
    let found = ids(&idx, &q("عمران"));
    assert_eq!(found.first().map(String::as_str), Some("imran-1"));
}

#[test]
fn title_match_ranks_above_body_only_match() {
    let idx = SearchIndex::open_in_ram().unwrap();
    idx.upsert(
        &[
            article(
                "body",
                "a",
                Some(T0),
                "اجتماع وزاري في القاهرة",
                "ناقش الوزراء ملف غزة والمساعدات الإنسانية.",
            ),
            article(
                "title",
                "b",
                Some(T0),
                "غزة: المساعدات تتأخر",
                "ناقش الوزراء ملف المعابر والمساعدات الإنسانية.",
            ),
        ],
        |_| None,
    )
    .unwrap();
    assert_eq!(ids(&idx, &q("غزة")), vec!["title", "body"]);
}

#[test]
fn source_and_date_filters() {
    let idx = index();
    let only_youm7 = Query {
        source: Some("youm7".into()),
        ..q("الأمريكية")
    };
    assert_eq!(sorted(ids(&idx, &only_youm7)), vec!["oil-1", "youm7-1"]);
    // Date window is inclusive on both ends.
    let window = Query {
        from: Some(T0),
        to: Some(T0 + DAY),
        ..q("الأمريكية")
    };
    assert_eq!(sorted(ids(&idx, &window)), vec!["ghad-1", "youm7-1"]);
    let after = Query {
        from: Some(T0 + 1),
        ..q("البنتاغون")
    };
    assert_eq!(ids(&idx, &after), vec!["youm7-1"]);
    let before = Query {
        to: Some(T0 - 1),
        ..q("الأمريكية")
    };
    assert_eq!(ids(&idx, &before), vec!["oil-1"]);
    let inverted = Query {
        from: Some(T0 + DAY),
        to: Some(T0),
        ..q("الأمريكية")
    };
    assert!(ids(&idx, &inverted).is_empty());
    let unknown_source = Query {
        source: Some("nosuch".into()),
        ..q("الأمريكية")
    };
    assert!(ids(&idx, &unknown_source).is_empty());
}

#[test]
fn empty_text_with_a_filter_lists_newest_first() {
    let idx = index();
    let alriyadh = Query {
        source: Some("alriyadh".into()),
        ..q("")
    };
    assert_eq!(ids(&idx, &alriyadh), vec!["riyadh-1", "sport-1"]);
    assert_eq!(idx.search_page(&alriyadh).unwrap().total, 2);
    // An undated article sorts after the dated ones.
    let undated = article(
        "undated",
        "alriyadh",
        None,
        "خبر بلا تاريخ",
        "نص قصير عن الرياض.",
    );
    idx.upsert(&[undated], |_| None).unwrap();
    assert_eq!(ids(&idx, &alriyadh), vec!["riyadh-1", "sport-1", "undated"]);
    let newest = Query {
        sort: Sort::Newest,
        ..q("الرياض")
    };
    assert_eq!(ids(&idx, &newest), vec!["riyadh-1", "undated"]);
}

#[test]
fn snippet_highlights_the_original_spelling() {
    let idx = index();
    let hits = idx
        .search(&Query {
            source: Some("alghad".into()),
            ..q("البنتاجون")
        })
        .unwrap();
    let hit = hits
        .iter()
        .find(|h| h.id == "ghad-1")
        .expect("ghad-1 found");
    assert!(
        hit.snippet.html.contains("<mark>البنتاغون</mark>"),
        "{}",
        hit.snippet.html
    );
    assert!(!hit.snippet.html.contains("البنتاجون"));
    assert!(
        hit.title_highlight
            .html
            .starts_with("<mark>البنتاغون</mark>"),
        "{}",
        hit.title_highlight.html
    );
    for &(s, e) in &hit.snippet.ranges {
        assert!(hit.snippet.text[s..e].contains("البنتاغون"));
    }
}

#[test]
fn html_in_articles_comes_out_escaped() {
    let idx = SearchIndex::open_in_ram().unwrap();
    let body = "قال المتحدث <script>alert(\"غزة\")</script> إن المحادثات & المفاوضات مستمرة.";
    idx.upsert(
        &[article("x", "a", None, "محادثات <b>جديدة</b>", body)],
        |_| None,
    )
    .unwrap();
    let hit = idx.search(&q("محادثات")).unwrap().pop().expect("one hit");
    assert!(!hit.snippet.html.contains("<script>"));
    assert!(hit.snippet.html.contains("&lt;script&gt;"));
    assert!(hit.snippet.html.contains("&amp;"));
    assert!(hit.snippet.html.contains("<mark>المحادثات</mark>"));
    assert!(hit.title_highlight.html.contains("&lt;b&gt;"));
    assert_eq!(hit.published, None);
}

#[test]
fn upsert_of_the_same_id_replaces() {
    let idx = index();
    let n = idx.doc_count();
    let mut a = corpus().remove(0);
    a.title = "البنتاغون ينفي التقرير".into();
    idx.upsert(&[a.clone()], |_| Some("story-7".into()))
        .unwrap();
    idx.upsert(&[a], |_| Some("story-7".into())).unwrap();
    assert_eq!(idx.doc_count(), n);
    let hits = idx.search(&q("ينفي")).unwrap();
    assert_eq!(hits.len(), 1);
    assert_eq!(hits[0].id, "ghad-1");
    assert_eq!(hits[0].story.as_deref(), Some("story-7"));
    assert_eq!(
        ids(&idx, &q("البنتاغون"))
            .iter()
            .filter(|i| *i == "ghad-1")
            .count(),
        1
    );
}

#[test]
fn empty_and_garbage_queries_return_nothing_without_error() {
    let idx = index();
    for text in [
        "",
        "   ",
        "\"",
        "\"\"",
        "-",
        "-البنتاغون",
        "+:()[]{}^~*?\\/!",
        "ـــ",
        "\u{200f}",
        "AND OR NOT",
        "zzqx",
    ] {
        let page = idx
            .search_page(&q(text))
            .unwrap_or_else(|e| panic!("{text:?}: {e}"));
        assert!(page.hits.is_empty(), "{text:?} gave {:?}", page.hits);
    }
    // Query syntax characters around real words are just punctuation.
    assert!(!ids(&idx, &q("البنتاغون:(")).is_empty());
    // No field syntax: "title" is an ordinary (absent) word, so the search relaxes to البنتاغون.
    let page = idx.search_page(&q("title:البنتاغون")).unwrap();
    assert!(page.relaxed);
    assert_eq!(
        sorted(page.hits.into_iter().map(|h| h.id).collect()),
        vec!["ghad-1", "youm7-1"]
    );
    let zero = Query {
        limit: 0,
        offset: usize::MAX,
        ..q("البنتاغون")
    };
    assert!(idx.search(&zero).unwrap().is_empty());
}

#[test]
fn phrases_need_word_order_and_exclusions_remove() {
    let idx = index();
    assert_eq!(
        sorted(ids(&idx, &q("\"وزارة الدفاع\""))),
        vec!["ghad-1", "youm7-1"]
    );
    assert!(ids(&idx, &q("\"الدفاع وزارة\"")).is_empty());
    // riyadh-1 has الدفاع المدني; the phrase excludes it, the bare words do not.
    assert!(ids(&idx, &q("الدفاع")).contains(&"riyadh-1".to_string()));
    assert_eq!(ids(&idx, &q("البنتاغون -بوليتيكو")), Vec::<String>::new());
    assert_eq!(ids(&idx, &q("أسعار -البنتاغون")), vec!["oil-1"]);
}

#[test]
fn all_words_must_match_unless_none_does() {
    let idx = index();
    // Both words: only articles with both.
    let page = idx.search_page(&q("البنتاغون غزة")).unwrap();
    assert!(!page.relaxed);
    assert_eq!(
        sorted(page.hits.into_iter().map(|h| h.id).collect()),
        vec!["ghad-1", "youm7-1"]
    );
    // No article has both: relaxed to either, flagged.
    let page = idx.search_page(&q("النفط الهلال")).unwrap();
    assert!(page.relaxed);
    assert_eq!(
        sorted(page.hits.into_iter().map(|h| h.id).collect()),
        vec!["oil-1", "sport-1"]
    );
}

#[test]
fn paging_and_totals() {
    let idx = index();
    let all = idx.search_page(&q("الأمريكية")).unwrap();
    assert_eq!(all.total, 3);
    let second = idx
        .search_page(&Query {
            limit: 1,
            offset: 1,
            ..q("الأمريكية")
        })
        .unwrap();
    assert_eq!(second.total, 3);
    assert_eq!(second.hits.len(), 1);
    assert_eq!(second.hits[0].id, all.hits[1].id);
    let newest = ids(
        &idx,
        &Query {
            sort: Sort::Newest,
            ..q("الأمريكية")
        },
    );
    assert_eq!(newest, vec!["youm7-1", "ghad-1", "oil-1"]);
}

#[test]
fn delete_ids_and_story_updates() {
    let idx = index();
    let mut expected: std::collections::HashSet<String> =
        corpus().into_iter().map(|a| a.id).collect();
    assert_eq!(idx.ids().unwrap(), expected);
    idx.delete("oil-1").unwrap();
    expected.remove("oil-1");
    assert_eq!(idx.ids().unwrap(), expected);
    assert!(!ids(&idx, &q("النفط")).contains(&"oil-1".to_string()));

    let n = idx
        .set_stories(&[
            ("ghad-1".into(), Some("s1".into())),
            ("missing".into(), Some("s1".into())),
        ])
        .unwrap();
    assert_eq!(n, 1);
    let in_story = Query {
        story: Some("s1".into()),
        ..q("")
    };
    assert_eq!(ids(&idx, &in_story), vec!["ghad-1"]);
    // The re-added document is still fully searchable, filters included.
    let hit = &idx
        .search(&Query {
            story: Some("s1".into()),
            ..q("البنتاجون")
        })
        .unwrap()[0];
    assert_eq!((hit.source.as_str(), hit.published), ("alghad", Some(T0)));
    assert!(hit.snippet.html.contains("<mark>"));
    assert_eq!(idx.doc_count(), expected.len() as u64);
}

#[test]
fn on_disk_index_persists_resets_and_locks() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("index");
    {
        let idx = SearchIndex::open(&dir).unwrap();
        assert_eq!(idx.was_reset(), Some("new index"));
        idx.upsert(&corpus(), |_| None).unwrap();
        // A second writer on the same directory is refused, not corrupted.
        assert!(matches!(SearchIndex::open(&dir), Err(Error::Locked(_))));
        let ro = SearchIndex::open_read_only(&dir).unwrap();
        assert_eq!(ro.doc_count(), 6);
        assert!(matches!(ro.delete("ghad-1"), Err(Error::ReadOnly)));
        // Staged but never committed: lost on close, like a crash mid-batch.
        idx.stage(&[article("lost", "x", None, "البنتاغون", "")], |_| None)
            .unwrap();
    }
    let idx = SearchIndex::open(&dir).unwrap();
    assert_eq!(idx.was_reset(), None);
    assert_eq!(idx.doc_count(), 6);
    assert!(!idx.ids().unwrap().contains("lost"));
    assert_eq!(
        sorted(ids(&idx, &q("البنتاجون"))),
        vec!["ghad-1", "youm7-1"]
    );
    drop(idx);

    // An index from another analysis or schema version is replaced by an empty one.
    let marker = dir.join(search::index::MARKER_FILE);
    let ours = std::fs::read_to_string(&marker).unwrap();
    let schema = format!("schema {} ", search::schema::VERSION);
    std::fs::write(&marker, ours.replacen(&schema, "schema 0 ", 1)).unwrap();
    let idx = SearchIndex::open(&dir).unwrap();
    assert!(idx.replaced().is_some_and(|why| why.contains("schema 0")));
    assert_eq!(idx.doc_count(), 0);
    drop(idx);
    std::fs::write(&marker, "khabar-search schema 0 analysis 0\n").unwrap();
    let idx = SearchIndex::open(&dir).unwrap();
    assert!(
        idx.replaced()
            .is_some_and(|why| why.contains("unrecorded analysis version"))
    );
    drop(idx);

    // A directory with someone else's files is left alone.
    let other = tmp.path().join("other");
    std::fs::create_dir_all(&other).unwrap();
    std::fs::write(other.join("notes.txt"), "مهم").unwrap();
    assert!(matches!(
        SearchIndex::open(&other),
        Err(Error::NotAnIndex(_))
    ));
    assert!(other.join("notes.txt").exists());
    assert!(SearchIndex::open_read_only(&tmp.path().join("absent")).is_err());
}
