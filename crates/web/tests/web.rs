//! End-to-end tests of the web crate: pages, feeds, the HTTP fetcher, the watcher and WARC
//! archives, against fixtures and a local server on 127.0.0.1. No test reaches the internet.

mod support;

use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use support::{Answer, ok, serve};
use web::fetch::{Conditional, FetchConfig, Fetched, Fetcher, HttpFetcher};
use web::watch::{FeedSpec, WatchConfig, WatchState, poll_once};

fn data(p: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(p)
}

fn read(p: &str) -> Vec<u8> {
    std::fs::read(data(p)).unwrap_or_else(|e| panic!("fixture {p}: {e}"))
}

fn read_str(p: &str) -> String {
    String::from_utf8(read(p)).expect("utf-8 fixture")
}

fn fast_fetcher() -> HttpFetcher {
    HttpFetcher::new(FetchConfig {
        timeout: Duration::from_millis(800),
        max_body: 1024 * 1024,
        retries: 2,
        backoff: Duration::from_millis(20),
        politeness: Duration::ZERO,
        user_agent: "khabar-test".into(),
    })
}

fn first_paragraph(expected: &str) -> String {
    expected
        .split("\n\n")
        .next()
        .unwrap_or("")
        .trim()
        .to_string()
}

// ---------------------------------------------------------------------------------------------
// HTML

#[test]
fn sky_style_page_gives_body_title_date_canonical_and_outlet() {
    let html = read("testdata/bench/pages/00-t1.html");
    let expected = read_str("testdata/bench/pages/00-t1.expected.txt");
    let x =
        web::extract(&html, Some("https://www.skynewsarabia.com/world/x"), None).expect("extracts");
    assert_eq!(x.title, "مقتل شخصين في سقوط طائرة هليكوبتر بنيويورك");
    assert_eq!(x.language, "ar");
    assert_eq!(x.source, "سكاي نيوز عربية");
    assert_eq!(x.domain.as_deref(), Some("skynewsarabia.com"));
    assert_eq!(
        x.url.as_deref(),
        Some("https://www.skynewsarabia.com/world/SK-internationalNews-281-20180312")
    );
    let p = x.published.expect("JSON-LD datePublished");
    assert_eq!(p.unix, 1520813153); // 2018-03-12T00:05:53Z
    assert!(
        x.text.contains(&first_paragraph(&expected)),
        "first paragraph kept"
    );
    for junk in [
        "اقرأ أيضاً",
        "مواضيع ذات صلة",
        "الكلمات المفتاحية",
        "جميع الحقوق محفوظة",
        "صورة أرشيفية",
        "dataLayer",
        "فيسبوك",
        "الرئيسية",
    ] {
        assert!(
            !x.text.contains(junk),
            "boilerplate {junk:?} left in:\n{}",
            x.text
        );
    }
}

#[test]
fn read_more_box_without_telltale_class_is_removed_and_br_paragraphs_kept() {
    // Arabiya-style template: the body is text separated by <br><br>, the box has a neutral class.
    let html = read("testdata/bench/pages/01-t2.html");
    let expected = read_str("testdata/bench/pages/01-t2.expected.txt");
    let x = web::extract(&html, None, None).expect("extracts");
    assert!(
        !x.text.contains("إقرأ المزيد"),
        "read-more box left in:\n{}",
        x.text
    );
    assert!(!x.text.contains("الأكثر قراءة"));
    for para in expected
        .split("\n\n")
        .map(str::trim)
        .filter(|p| !p.is_empty())
    {
        assert!(x.text.contains(para), "paragraph lost: {para}");
    }
    // og:title carries " - العربية"; the outlet suffix is taken off, the date comes from meta.
    assert!(!x.title.ends_with("العربية"), "{}", x.title);
    assert!(x.published.is_some());
    assert_eq!(
        x.domain.as_deref(),
        Some("alarabiya.net"),
        "domain from og:url"
    );
}

#[test]
fn windows_1256_page_is_decoded_from_http_equiv_and_without_any_declaration() {
    let html = read("testdata/bench/pages/03-t4.html");
    let expected = read_str("testdata/bench/pages/03-t4.expected.txt");
    let x = web::extract(&html, None, None).expect("extracts");
    assert_eq!(x.charset, "windows-1256");
    assert!(x.text.contains(&first_paragraph(&expected)));
    assert!(!x.text.contains("أرسل لصديق"));

    // Same bytes with the declaration removed: undeclared invalid UTF-8 is read as windows-1256.
    let label = b"charset=windows-1256";
    let mut raw = html.clone();
    while let Some(pos) = raw.windows(label.len()).position(|w| w == label) {
        raw.drain(pos..pos + label.len());
    }
    let y = web::extract(&raw, None, None).expect("extracts undeclared");
    assert_eq!(y.charset, "windows-1256");
    assert!(y.text.contains(&first_paragraph(&expected)));

    // A wrong HTTP header (utf-8) on windows-1256 bytes: the bytes win.
    let z = web::extract(&html, None, Some("utf-8")).expect("extracts mislabelled");
    assert!(z.text.contains(&first_paragraph(&expected)));
}

#[test]
fn time_element_gives_the_publication_time() {
    let html = read("testdata/bench/pages/02-t3.html");
    let x = web::extract(&html, None, None).expect("extracts");
    let p = x.published.expect("<time datetime>");
    assert!(p.iso.starts_with("2018-03-12"), "{p:?}");
    assert!(!x.text.contains("مواضيع متعلقة"));
    assert!(!x.text.contains("شارك عبر"));
}

#[test]
fn repeated_gallery_captions_and_share_links_go_but_subheads_stay() {
    let html = read("testdata/bench/pages/05-t6.html");
    let expected = read_str("testdata/bench/pages/05-t6.expected.txt");
    let x = web::extract(&html, None, None).expect("extracts");
    assert!(
        !x.text.contains("صورة أرشيفية"),
        "caption left in:\n{}",
        x.text
    );
    assert!(!x.text.contains("ملفات تعريف الارتباط"));
    assert!(!x.text.contains("اشترك"));
    for para in expected
        .split("\n\n")
        .map(str::trim)
        .filter(|p| !p.is_empty())
    {
        assert!(x.text.contains(para), "paragraph lost: {para}");
    }
}

#[test]
fn arabic_date_written_in_the_page_without_any_markup() {
    let para = "أعلنت وزارة الصحة اليوم عن افتتاح ثلاثة مستشفيات جديدة في المحافظات الجنوبية، في خطوة تهدف إلى تخفيف الضغط على المستشفيات القائمة.";
    let page = format!(
        "<html><head><title>مستشفيات جديدة</title></head><body><h1>مستشفيات جديدة</h1><span>الثلاثاء 13 مارس 2018</span>\
         <div><p>{para}</p><p>{para}</p><p>{para}</p></div></body></html>"
    );
    let x = web::extract(page.as_bytes(), None, None).expect("extracts");
    let p = x.published.expect("date from the page text");
    assert!(p.iso.starts_with("2018-03-13"), "{p:?}");
    assert!(
        !x.text.contains("مارس 2018"),
        "date line is not body text:\n{}",
        x.text
    );
}

#[test]
fn page_wrapped_in_one_aspnet_form_with_a_wrong_lang_is_still_read() {
    let para = "قالت وزارة الخارجية في بيان صدر مساء الأحد إن الوزير سيتوجه إلى العاصمة الفرنسية لإجراء محادثات مع نظيره حول الأزمة الإقليمية وسبل التوصل إلى حل سياسي.";
    let page = format!(
        "<html lang=\"en-US\"><body><form id=\"aspnetForm\" method=\"post\"><div class=\"menu\"><a href=\"/\">الرئيسية</a> <a href=\"/a\">أخبار</a></div>\
         <div class=\"newsText\"><p>{para}</p><p>وأضاف البيان أن الزيارة تستمر يومين يلتقي خلالها الوزير عددا من المسؤولين الفرنسيين.</p>\
         <p>وكانت باريس قد دعت الأسبوع الماضي إلى عقد اجتماع دولي لبحث التطورات الأخيرة في المنطقة.</p></div></form></body></html>"
    );
    let x = web::extract(page.as_bytes(), None, None).expect("extracts");
    assert!(x.text.contains(para), "{}", x.text);
    assert!(!x.text.contains("الرئيسية"));
    assert_eq!(x.language, "ar", "arabic text outweighs a CMS default lang");
}

#[test]
fn story_sentence_starting_with_a_share_verb_is_kept() {
    let body = "شارك آلاف المتظاهرين في مسيرة حاشدة وسط العاصمة للمطالبة بإصلاحات اقتصادية عاجلة، وقال منظمون إن الأعداد فاقت التوقعات بكثير في اليوم الثالث للاحتجاجات.";
    let filler = "وأضاف المتحدث أن الحكومة ستعقد اجتماعا طارئا لبحث مطالب المحتجين، مشيرا إلى أن الحوار هو السبيل الوحيد للخروج من الأزمة الحالية التي تمر بها البلاد منذ أشهر.";
    let page = format!(
        "<html lang=\"ar\"><body><article><h1>مسيرة حاشدة</h1><p>{body}</p><p>{filler}</p><p>{filler} {filler}</p>\
         <div class=\"box\"><span>شارك</span> <a href=\"#\">فيسبوك</a> <a href=\"#\">تويتر</a></div></article></body></html>"
    );
    let x = web::extract(page.as_bytes(), None, None).expect("extracts");
    assert!(x.text.contains(body), "story sentence dropped:\n{}", x.text);
    assert!(!x.text.contains("فيسبوك"));
}

#[test]
fn malformed_and_empty_pages_are_errors_not_panics() {
    let broken: String = (1..=20)
        .map(|i| format!("<html><body><div><p>الفقرة رقم {i} نص عربي <b>غير مغلق <i>مع وسوم متداخلة</b> بشكل خاطئ</p><table><tr><td>خلية"))
        .collect();
    match web::extract(broken.as_bytes(), None, None) {
        Ok(x) => assert!(x.text.contains("وسوم متداخلة"), "{}", x.text),
        Err(e) => panic!("malformed but readable page failed: {e}"),
    }
    for bad in [
        &b""[..],
        b"\x00\x01\x02\xff\xfe",
        b"<html><body><nav><a href=/>\xd8\xa7</a></nav></body></html>",
    ] {
        assert!(web::extract(bad, None, None).is_err());
    }
    // Arbitrary byte soup never panics.
    let mut seed = 7u64;
    for _ in 0..50 {
        let soup: Vec<u8> = (0..500)
            .map(|_| {
                seed = seed
                    .wrapping_mul(6364136223846793005)
                    .wrapping_add(1442695040888963407);
                let alphabet = b"<>/=\"' apdiv\xd8\xa7\xd9\x84";
                alphabet[(seed >> 33) as usize % alphabet.len()]
            })
            .collect();
        let _ = web::extract(&soup, Some("not a url"), Some("bogus-charset"));
    }
}

#[test]
fn extraction_quality_gate_on_the_benchmark_pages() {
    // The same word-level measure as examples/extract_bench.rs, as a regression gate.
    let dir = data("testdata/bench/pages");
    let mut common = 0usize;
    let mut got_n = 0usize;
    let mut want_n = 0usize;
    let mut pages = 0;
    for e in std::fs::read_dir(&dir).expect("bench pages").flatten() {
        let p = e.path();
        if p.extension().is_none_or(|x| x != "html") {
            continue;
        }
        let want =
            std::fs::read_to_string(p.with_extension("expected.txt")).expect("expected text");
        let got = web::extract(&std::fs::read(&p).expect("page"), None, None)
            .map(|x| x.text)
            .unwrap_or_default();
        let bag = |s: &str| {
            let mut m = std::collections::HashMap::<String, usize>::new();
            for w in s.split_whitespace() {
                let w: String = w.chars().filter(|c| c.is_alphanumeric()).collect();
                if !w.is_empty() {
                    *m.entry(w).or_default() += 1;
                }
            }
            m
        };
        let (g, w) = (bag(&got), bag(&want));
        common += g
            .iter()
            .map(|(k, n)| (*n).min(*w.get(k).unwrap_or(&0)))
            .sum::<usize>();
        got_n += g.values().sum::<usize>();
        want_n += w.values().sum::<usize>();
        pages += 1;
    }
    assert!(pages >= 30, "{pages} pages");
    let precision = common as f64 / got_n as f64;
    let recall = common as f64 / want_n as f64;
    assert!(
        precision > 0.98 && recall > 0.98,
        "precision {precision:.3} recall {recall:.3}"
    );
}

// ---------------------------------------------------------------------------------------------
// Feeds

#[test]
fn rss_items_with_full_content_and_summary_only() {
    let rss = read_str("tests/data/feed.rss").replace("{BASE}", "https://news.example.org");
    let feed = web::feed::parse_feed(rss.as_bytes(), None).expect("parses");
    assert_eq!(feed.items.len(), 2);
    assert_eq!(feed.language.as_deref(), Some("ar"));
    let summary_only = &feed.items[0];
    assert_eq!(summary_only.id, "news-2");
    assert_eq!(
        summary_only.link.as_deref(),
        Some("https://news.example.org/news/2")
    );
    assert!(!summary_only.has_full_text());
    let full = &feed.items[1];
    assert!(full.has_full_text());
    assert_eq!(full.published.as_ref().map(|p| p.unix), Some(1520841600));
    let a = full.to_article("news.example.org", Some("ar"));
    assert!(a.text.contains("تسونامي"));
    assert!(!a.text.contains("<p>"));
    assert!(
        !a.text.contains("اقرأ أيضاً"),
        "read-also line cleaned:\n{}",
        a.text
    );
    assert_eq!(a.removed.len(), 1);
}

#[test]
fn atom_entry_and_broken_xml() {
    let feed = web::feed::parse_feed(&read("tests/data/feed.atom"), None).expect("atom parses");
    assert_eq!(feed.items.len(), 1);
    let e = &feed.items[0];
    assert_eq!(e.id, "urn:akhbar:3");
    assert_eq!(e.link.as_deref(), Some("https://news.example.org/a/3"));
    assert_eq!(e.published.as_ref().map(|p| p.unix), Some(1520847000)); // 11:30+02:00
    let err = web::feed::parse_feed(&read("tests/data/broken.rss"), None).expect_err("broken xml");
    assert_eq!(err.code(), "malformed_feed");
}

// ---------------------------------------------------------------------------------------------
// Fetcher

#[test]
fn conditional_get_gets_304_with_the_etag() {
    let srv = serve(|req, _| {
        if req.header("if-none-match") == Some("\"v1\"") {
            Answer::Reply(304, vec![], vec![])
        } else {
            Answer::Reply(
                200,
                vec![
                    ("ETag", "\"v1\"".into()),
                    ("Last-Modified", "Mon, 12 Mar 2018 10:00:00 GMT".into()),
                    ("Content-Type", "application/rss+xml; charset=utf-8".into()),
                ],
                b"<rss/>".to_vec(),
            )
        }
    });
    let f = fast_fetcher();
    let first = f
        .fetch(&srv.url("/feed"), &Conditional::default())
        .expect("200");
    let Fetched::Fresh(r) = first else {
        panic!("expected a body")
    };
    assert_eq!(r.etag.as_deref(), Some("\"v1\""));
    assert_eq!(r.charset.as_deref(), Some("utf-8"));
    assert_eq!(r.content_type.as_deref(), Some("application/rss+xml"));
    let cond = Conditional {
        etag: r.etag,
        last_modified: r.last_modified,
    };
    assert_eq!(
        f.fetch(&srv.url("/feed"), &cond).expect("304"),
        Fetched::NotModified
    );
    let reqs = srv.requests();
    assert_eq!(
        reqs[1].header("if-modified-since"),
        Some("Mon, 12 Mar 2018 10:00:00 GMT")
    );
}

#[test]
fn server_error_is_retried_then_succeeds_and_404_is_not_retried() {
    let srv = serve(|req, before| match req.path.as_str() {
        "/flaky" if before == 0 => Answer::Reply(500, vec![], b"oops".to_vec()),
        "/flaky" => ok("text/html", "<html>ok</html>"),
        _ => Answer::Reply(404, vec![], b"no".to_vec()),
    });
    let f = fast_fetcher();
    assert!(matches!(
        f.fetch(&srv.url("/flaky"), &Conditional::default()),
        Ok(Fetched::Fresh(_))
    ));
    assert_eq!(srv.hits("/flaky"), 2);
    let e = f
        .fetch(&srv.url("/missing"), &Conditional::default())
        .expect_err("404");
    assert!(matches!(e, web::Error::Status(404)));
    assert_eq!(srv.hits("/missing"), 1);
}

#[test]
fn hanging_server_times_out_quickly_and_big_bodies_are_refused() {
    let srv = serve(|req, _| match req.path.as_str() {
        "/hang" => Answer::Hang(Duration::from_secs(4)),
        _ => ok("text/html", vec![b'a'; 3 * 1024 * 1024]),
    });
    let f = HttpFetcher::new(FetchConfig {
        timeout: Duration::from_millis(300),
        retries: 1,
        backoff: Duration::from_millis(10),
        politeness: Duration::ZERO,
        ..FetchConfig::default()
    });
    let start = Instant::now();
    let e = f
        .fetch(&srv.url("/hang"), &Conditional::default())
        .expect_err("times out");
    assert_eq!(e.code(), "timeout", "{e}");
    assert!(
        start.elapsed() < Duration::from_secs(3),
        "took {:?}",
        start.elapsed()
    );
    assert_eq!(srv.hits("/hang"), 2, "one retry");
    let small = HttpFetcher::new(FetchConfig {
        max_body: 1024 * 1024,
        politeness: Duration::ZERO,
        ..FetchConfig::default()
    });
    let e = small
        .fetch(&srv.url("/big"), &Conditional::default())
        .expect_err("too large");
    assert_eq!(e.code(), "too_large");
}

#[test]
fn requests_to_one_host_are_spaced_by_the_politeness_delay() {
    let srv = serve(|_, _| ok("text/plain", "x"));
    let f = HttpFetcher::new(FetchConfig {
        politeness: Duration::from_millis(250),
        ..FetchConfig::default()
    });
    let start = Instant::now();
    for p in ["/a", "/b", "/c"] {
        f.fetch(&srv.url(p), &Conditional::default()).expect("ok");
    }
    assert!(
        start.elapsed() >= Duration::from_millis(500),
        "{:?}",
        start.elapsed()
    );
}

// ---------------------------------------------------------------------------------------------
// Watch

fn feed_server(extra_item: bool, page_status: u16) -> support::Server {
    let rss_template = read_str("tests/data/feed.rss");
    let page = read("testdata/bench/pages/02-t3.html");
    let extra = "<item><title>خبر جديد</title><link>{BASE}/news/3</link><guid>news-3</guid><description>ملخص قصير</description></item>\n</channel>";
    serve(move |req, _| {
        let base = req
            .header("host")
            .map(|h| format!("http://{h}"))
            .unwrap_or_default();
        match req.path.as_str() {
            "/feed.rss" => {
                let etag = if extra_item { "\"v2\"" } else { "\"v1\"" };
                if req.header("if-none-match") == Some(etag) {
                    return Answer::Reply(304, vec![], vec![]);
                }
                let mut rss = rss_template.replace("{BASE}", &base);
                if extra_item {
                    rss = rss.replace("</channel>", &extra.replace("{BASE}", &base));
                }
                Answer::Reply(
                    200,
                    vec![
                        ("ETag", etag.into()),
                        ("Content-Type", "application/rss+xml".into()),
                    ],
                    rss.into_bytes(),
                )
            }
            "/news/2" | "/news/3" if page_status == 200 => {
                ok("text/html; charset=utf-8", page.clone())
            }
            "/news/2" | "/news/3" => Answer::Reply(page_status, vec![], b"err".to_vec()),
            _ => Answer::Reply(404, vec![], vec![]),
        }
    })
}

#[test]
fn watch_ingests_new_items_once_and_resumes_after_restart() {
    let srv = feed_server(false, 200);
    let feeds = vec![FeedSpec {
        url: srv.url("/feed.rss"),
        source: None,
    }];
    let f = fast_fetcher();
    let cfg = WatchConfig::default();
    let mut state = WatchState::default();

    let poll = poll_once(&feeds, &mut state, &f, &cfg, 1000);
    assert!(poll.problems.is_empty(), "{:?}", poll.problems);
    assert_eq!(poll.articles.len(), 2);
    // Oldest first: news-1 (full text in the feed), then news-2 (summary only: page fetched).
    assert!(poll.articles[0].text.contains("تسونامي"));
    let fetched = &poll.articles[1];
    let expected = read_str("testdata/bench/pages/02-t3.expected.txt");
    assert!(
        fetched.text.contains(&first_paragraph(&expected)),
        "linked page extracted"
    );
    assert!(
        fetched
            .url
            .as_deref()
            .is_some_and(|u| u.starts_with("https://www.bbc.com/arabic/world-")),
        "canonical url"
    );
    assert_eq!(srv.hits("/news/2"), 1);

    // Same feed again: 304, nothing new.
    let poll = poll_once(&feeds, &mut state, &f, &cfg, 2000);
    assert_eq!((poll.articles.len(), poll.not_modified), (0, 1));

    // Restart from saved JSON against a feed that gained one item: only that one comes in.
    let saved = state.to_json();
    let srv2 = feed_server(true, 200);
    let mut restored =
        WatchState::from_json(&saved.replace(&srv.base, &srv2.base)).expect("state json");
    assert_eq!(
        restored.feeds.values().next().map(|s| s.seen.len()),
        Some(2)
    );
    let feeds2 = vec![FeedSpec {
        url: srv2.url("/feed.rss"),
        source: Some("موقع تجريبي".into()),
    }];
    let poll = poll_once(&feeds2, &mut restored, &f, &cfg, 3000);
    assert_eq!(poll.articles.len(), 1, "{:?}", poll.problems);
    assert_eq!(poll.articles[0].source, "موقع تجريبي");
    assert_eq!(srv2.hits("/news/2"), 0, "seen item not fetched again");
}

#[test]
fn watch_reports_a_failing_page_and_retries_it_next_round() {
    let srv = feed_server(false, 500);
    let feeds = vec![
        FeedSpec {
            url: srv.url("/feed.rss"),
            source: None,
        },
        FeedSpec {
            url: srv.url("/gone.rss"),
            source: None,
        },
    ];
    let f = fast_fetcher();
    let mut state = WatchState::default();
    let poll = poll_once(&feeds, &mut state, &f, &WatchConfig::default(), 1);
    assert_eq!(poll.articles.len(), 1, "the full-text item still comes in");
    let codes: Vec<&str> = poll.problems.iter().map(|p| p.code.as_str()).collect();
    assert_eq!(
        codes,
        vec!["http_status", "http_status"],
        "{:?}",
        poll.problems
    );
    assert!(poll.problems[0].record.ends_with("/news/2"));
    assert_eq!(srv.hits("/news/2"), 3, "first try and two retries");
    // The feed is unchanged (304) so the failed item waits; the validators were kept.
    let seen = &state.feeds[&srv.url("/feed.rss")].seen;
    assert_eq!(seen, &vec!["news-1".to_string()]);
}

#[test]
fn feeds_file_lines() {
    let specs = web::watch::parse_feeds_file(
        "# feeds\nhttps://a.example/rss  سكاي نيوز\n\nhttps://b.example/atom # comment\n",
    );
    assert_eq!(specs.len(), 2);
    assert_eq!(specs[0].source.as_deref(), Some("سكاي نيوز"));
    assert_eq!(
        specs[1],
        FeedSpec {
            url: "https://b.example/atom".into(),
            source: None
        }
    );
}

// ---------------------------------------------------------------------------------------------
// WARC

fn warc_record(kind: &str, uri: &str, content_type: &str, block: &[u8]) -> Vec<u8> {
    let mut r = format!(
        "WARC/1.0\r\nWARC-Type: {kind}\r\nWARC-Record-ID: <urn:uuid:{}>\r\nWARC-Date: 2018-03-12T10:00:00Z\r\nWARC-Target-URI: {uri}\r\nContent-Type: {content_type}\r\nContent-Length: {}\r\n\r\n",
        uri.len(),
        block.len()
    )
    .into_bytes();
    r.extend_from_slice(block);
    r.extend_from_slice(b"\r\n\r\n");
    r
}

fn http_response(status: &str, ctype: &str, body: &[u8]) -> Vec<u8> {
    let mut b = format!(
        "HTTP/1.1 {status}\r\nContent-Type: {ctype}\r\nContent-Length: {}\r\n\r\n",
        body.len()
    )
    .into_bytes();
    b.extend_from_slice(body);
    b
}

fn gz(bytes: &[u8]) -> Vec<u8> {
    let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    e.write_all(bytes).expect("gzip");
    e.finish().expect("gzip")
}

const DATELESS: &str = "<html><body><div class=\"story\"><p>أعلنت وزارة الصحة اليوم عن افتتاح ثلاثة مستشفيات جديدة في المحافظات الجنوبية، في خطوة تهدف إلى تخفيف الضغط على المستشفيات القائمة وتحسين الخدمات المقدمة للمواطنين.</p><p>وقال الوزير في مؤتمر صحفي إن المستشفيات الجديدة ستضم أكثر من خمسمئة سرير، وستبدأ استقبال المرضى خلال الأسابيع المقبلة بعد اكتمال تجهيزها بالمعدات الطبية اللازمة.</p><p>وأضاف أن الوزارة تعمل على توظيف مئات الأطباء والممرضين لتشغيل هذه المستشفيات، مشيرا إلى أن الخطة تشمل أيضا إنشاء مراكز صحية في القرى النائية.</p></div></body></html>";

fn sample_records() -> Vec<Vec<u8>> {
    let p1 = read("testdata/bench/pages/00-t1.html");
    let p2 = read("testdata/bench/pages/09-t4.html"); // windows-1256
    vec![
        warc_record(
            "warcinfo",
            "",
            "application/warc-fields",
            b"software: khabar-test\r\n",
        ),
        warc_record(
            "request",
            "https://a.example/1",
            "application/http; msgtype=request",
            b"GET /1 HTTP/1.1\r\nHost: a.example\r\n\r\n",
        ),
        warc_record(
            "response",
            "https://a.example/1",
            "application/http; msgtype=response",
            &http_response("200 OK", "text/html; charset=utf-8", &p1),
        ),
        warc_record(
            "response",
            "https://a.example/robots.txt",
            "application/http; msgtype=response",
            &http_response("200 OK", "text/plain", b"User-agent: *"),
        ),
        warc_record(
            "response",
            "https://b.example/2",
            "application/http; msgtype=response",
            &http_response("200 OK", "text/html; charset=windows-1256", &p2),
        ),
        warc_record(
            "response",
            "https://b.example/3",
            "application/http; msgtype=response",
            &http_response("404 Not Found", "text/html", b"<html>no</html>"),
        ),
        warc_record(
            "response",
            "https://c.example/4",
            "application/http; msgtype=response",
            &http_response("200 OK", "text/html", DATELESS.as_bytes()),
        ),
    ]
}

#[test]
fn warc_gz_per_record_members_yield_html_articles_with_uri_and_date() {
    let mut file = Vec::new();
    for r in sample_records() {
        file.extend(gz(&r));
    }
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("news.warc.gz");
    std::fs::write(&path, &file).expect("write");
    assert_eq!(web::files::kind_of(&path), Some(web::files::Kind::Warc));
    let reader = web::warc::open(&path, web::warc::WarcLimits::default()).expect("open");
    let items: Vec<_> = web::warc::WarcArticles::new(reader).collect();
    let articles: Vec<_> = items.iter().filter_map(|r| r.as_ref().ok()).collect();
    assert_eq!(items.len(), 3, "{items:?}");
    assert_eq!(articles.len(), 3);
    assert_eq!(
        articles[0].published.as_ref().map(|p| p.unix),
        Some(1520813153),
        "page date wins"
    );
    assert!(articles[1].text.contains(&first_paragraph(&read_str(
        "testdata/bench/pages/09-t4.expected.txt"
    ))));
    assert_eq!(articles[1].url.as_deref(), Some("https://b.example/2"));
    assert_eq!(
        articles[1].published.as_ref().map(|p| p.unix),
        Some(1520812800),
        "arabic date written in the page"
    );
    assert_eq!(
        articles[2].published.as_ref().map(|p| p.unix),
        Some(1520848800),
        "warc date when the page has none"
    );
}

#[test]
fn truncated_warc_record_is_reported_and_the_rest_goes_on() {
    let recs = sample_records();
    // Plain WARC: record 3's Content-Length promises more than is there, so it runs into record 4.
    let mut cut = recs[2].clone();
    let hdr_end = cut
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .expect("header end")
        + 4;
    cut.truncate(hdr_end + 500);
    cut.extend_from_slice(b"\r\n\r\n");
    let mut file = Vec::new();
    for (i, r) in recs.iter().enumerate() {
        file.extend_from_slice(if i == 2 { &cut } else { r });
    }
    let reader = web::warc::from_reader(
        std::io::Cursor::new(file),
        "cut.warc",
        web::warc::WarcLimits::default(),
    )
    .expect("reader");
    let items: Vec<_> = web::warc::WarcArticles::new(reader).collect();
    let problems: Vec<_> = items.iter().filter_map(|r| r.as_ref().err()).collect();
    let articles: Vec<_> = items.iter().filter_map(|r| r.as_ref().ok()).collect();
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert_eq!(problems[0].code, "truncated_record");
    assert_eq!(problems[0].record, "cut.warc:record 3");
    assert_eq!(articles.len(), 2, "the pages after the cut are still read");
    assert_eq!(articles[0].url.as_deref(), Some("https://b.example/2"));

    // WARC.gz cut in the middle of the last member: earlier articles come out, then one problem.
    let mut gzfile = Vec::new();
    for r in &recs[..3] {
        gzfile.extend(gz(r));
    }
    let last = gz(&recs[4]);
    gzfile.extend_from_slice(&last[..last.len() / 2]);
    let reader = web::warc::from_reader(
        std::io::Cursor::new(gzfile),
        "cut.warc.gz",
        web::warc::WarcLimits::default(),
    )
    .expect("reader");
    let items: Vec<_> = web::warc::WarcArticles::new(reader).collect();
    assert_eq!(items.iter().filter(|r| r.is_ok()).count(), 1);
    let errs: Vec<_> = items.iter().filter_map(|r| r.as_ref().err()).collect();
    assert_eq!(errs.len(), 1, "{errs:?}");
    assert!(errs[0].code.starts_with("truncated"), "{:?}", errs[0]);
    assert_eq!(errs[0].record, "cut.warc.gz:record 4");
}

#[test]
fn oversized_record_is_skipped_by_the_cap_and_reading_goes_on() {
    let recs = sample_records();
    let mut file = Vec::new();
    for r in &recs {
        file.extend(gz(r));
    }
    let limits = web::warc::WarcLimits {
        max_record: 5_000,
        ..Default::default()
    };
    let reader = web::warc::from_reader(std::io::Cursor::new(file.clone()), "cap.warc.gz", limits)
        .expect("reader");
    let items: Vec<_> = web::warc::WarcArticles::new(reader).collect();
    let codes: Vec<String> = items
        .iter()
        .filter_map(|r| r.as_ref().err())
        .map(|p| p.code.clone())
        .collect();
    assert!(
        codes.iter().all(|c| c == "record_too_large") && !codes.is_empty(),
        "{codes:?}"
    );
    // A total decompression cap stops the stream with a problem instead of reading on.
    let limits = web::warc::WarcLimits {
        max_total: 10_000,
        ..Default::default()
    };
    let reader = web::warc::from_reader(std::io::Cursor::new(file), "total.warc.gz", limits)
        .expect("reader");
    let items: Vec<_> = web::warc::WarcArticles::new(reader).collect();
    assert!(
        items.iter().any(|r| r
            .as_ref()
            .err()
            .is_some_and(|p| p.code == "decompression_cap")),
        "{items:?}"
    );
}

// ---------------------------------------------------------------------------------------------
// Files and URLs

#[test]
fn files_dispatch_by_extension_and_urls_by_content() {
    use web::files::{Kind, kind_of, read_file, read_url};
    assert_eq!(kind_of(Path::new("a/b.HTM")), Some(Kind::Html));
    assert_eq!(kind_of(Path::new("feed.atom")), Some(Kind::Feed));
    assert_eq!(kind_of(Path::new("x.warc")), Some(Kind::Warc));
    assert_eq!(kind_of(Path::new("x.jsonl")), None);

    let r = read_file(&data("testdata/bench/pages/04-t5.html"), Kind::Html, None);
    assert_eq!((r.articles.len(), r.problems.len()), (1, 0));
    assert_eq!(
        r.articles[0].source, "فرانس 24",
        "publisher from JSON-LD @graph"
    );
    let r = read_file(&data("tests/data/broken.rss"), Kind::Feed, None);
    assert_eq!(r.problems.len(), 1);
    assert_eq!(r.problems[0].code, "malformed_feed");

    let srv = feed_server(false, 200);
    let f = fast_fetcher();
    let r = read_url(&srv.url("/feed.rss"), &f);
    assert_eq!(r.articles.len(), 2, "{:?}", r.problems);
    let r = read_url(&srv.url("/news/2"), &f);
    assert_eq!(r.articles.len(), 1);
    let r = read_url(&srv.url("/nothing"), &f);
    assert_eq!(r.problems[0].code, "http_status");
}
