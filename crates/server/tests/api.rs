//! The JSON API against a real server on 127.0.0.1:0: the seeds form one story with a
//! comparison, search finds the other spelling, bad input gets a clear 4xx JSON error, HTML in
//! articles stays data, tokens guard writes, pages of other sites cannot write, ingest under concurrent search loses nothing, and
//! the UI script writes counts in Arabic agreement as `text::plural` does.

mod common;

use common::*;
use serde_json::{Value, json};

#[test]
fn seeds_form_one_story_with_comparison() {
    let s = TestServer::start();
    let story = post_seeds(&s);

    let (status, page) = s.get(&format!("/api/stories/{story}"));
    assert_eq!(status, 200, "{page}");
    assert_eq!(page["story"]["article_count"], 2);
    let sources: Vec<&str> = page["story"]["sources"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(Value::as_str)
        .collect();
    assert!(
        sources.contains(&OUTLET_A) && sources.contains(&OUTLET_B),
        "{sources:?}"
    );
    let c = &page["comparison"];
    // A fact both outlets report, e.g. the multinational force or the troops not on the ground.
    let shared = c["facts"].as_array().unwrap().iter().any(|f| {
        let srcs = f["sources"].as_array().unwrap();
        srcs.len() == 2
            && f["sentences"][SEED_A]
                .as_str()
                .is_some_and(|t| t.contains("قوة متعددة الجنسيات"))
    });
    assert!(
        shared,
        "no shared fact on the multinational force: {}",
        c["facts"]
    );
    // What each outlet adds sits under its own article.
    let unique_a = c["unique"][SEED_A].to_string();
    let unique_b = c["unique"][SEED_B].to_string();
    assert!(unique_a.contains("عشائر"), "{unique_a}");
    assert!(unique_b.contains("3.8 مليار"), "{unique_b}");
    assert!(!unique_a.contains("3.8 مليار"));
    // Cleaning ran on the posted text: the read-also line of B is gone, and recorded.
    let (_, art) = s.get(&format!("/api/articles/{SEED_B}"));
    assert!(
        !art["article"]["text"]
            .as_str()
            .unwrap()
            .contains("اقرأ أيضاً")
    );
    assert!(
        art["article"]["removed"].to_string().contains("read_also"),
        "{}",
        art["article"]["removed"]
    );
    assert_eq!(art["story"], story);

    // The list: newest first, filters by outlet and words.
    let (status, list) = s.get("/api/stories");
    assert_eq!(status, 200);
    assert_eq!(list["total"], 1);
    assert_eq!(list["stories"][0]["id"], story);
    assert_eq!(list["stories"][0]["article_count"], 2);
    let (_, by_source) = s.get(&format!("/api/stories?source={}", urlenc(OUTLET_B)));
    assert_eq!(by_source["total"], 1);
    let (_, other_source) = s.get("/api/stories?source=nobody");
    assert_eq!(other_source["total"], 0);
    let (_, by_words) = s.get(&format!("/api/stories?q={}", urlenc("حفظ السلام")));
    assert_eq!(by_words["total"], 1, "{by_words}");
    let (_, later) = s.get("/api/stories?from=2030-01-01");
    assert_eq!(later["total"], 0);

    // A second read comes from the cache and is the same.
    let (_, again) = s.get(&format!("/api/stories/{story}"));
    assert_eq!(again, page);
}

#[test]
fn search_finds_the_other_spelling_with_marks() {
    let s = TestServer::start();
    let story = post_seeds(&s);
    // Seed A writes البنتاغون; searching the Egyptian spelling must find it, marked.
    let (status, r) = s.get(&format!("/api/search?q={}", urlenc("البنتاجون")));
    assert_eq!(status, 200, "{r}");
    let hits = r["hits"].as_array().unwrap();
    let a = hits
        .iter()
        .find(|h| h["id"] == SEED_A)
        .unwrap_or_else(|| panic!("seed A not found: {r}"));
    let html = format!("{}{}", a["title_highlight"]["html"], a["snippet"]["html"]);
    assert!(html.contains("<mark>البنتاغون</mark>"), "{html}");
    assert_eq!(a["story"], story.to_string());
    assert_eq!(r["stories"][0]["id"], story);
    // And the other way round.
    let (_, r) = s.get(&format!("/api/search?q={}", urlenc("البنتاغون")));
    assert!(
        r["hits"]
            .as_array()
            .unwrap()
            .iter()
            .any(|h| h["id"] == SEED_B),
        "{r}"
    );
}

#[test]
fn bad_requests_get_clear_json_4xx() {
    let s = TestServer::start();
    post_seeds(&s);
    let cases: Vec<(&str, &[u8], u16, &str)> = vec![
        (
            "malformed json",
            b"{\"title\": \"x\", ",
            400,
            "malformed json",
        ),
        ("empty body", b"", 400, "empty body"),
        ("not an object", b"42", 422, "expected an article object"),
        (
            "wrong type",
            "{\"title\": 5, \"text\": \"نص الخبر هنا\"}".as_bytes(),
            422,
            "\"title\" must be a string",
        ),
        (
            "text is an array",
            "{\"title\": \"عنوان\", \"text\": [\"نص\"]}".as_bytes(),
            422,
            "\"text\" must be a string",
        ),
        (
            "no text",
            "{\"title\": \"عنوان\"}".as_bytes(),
            422,
            "no text",
        ),
        ("empty array", b"[]", 422, "empty array"),
    ];
    for (what, body, want, msg) in cases {
        let (status, v) = s.post_bytes("/api/articles", body, None);
        assert_eq!(status, want, "{what}: {v}");
        let err = v["error"]
            .as_str()
            .unwrap_or_else(|| panic!("{what}: no error field: {v}"));
        assert!(err.contains(msg), "{what}: {err}");
    }
    // A bad item in an array names its index, and nothing of the request is stored.
    let good = article("good-1", "وكالة", "حلب", 1);
    let (status, v) = s.post(
        "/api/articles",
        &json!([good, {"id": "bad", "title": "x", "text": {"a": 1}}]),
    );
    assert_eq!(status, 422, "{v}");
    assert_eq!(v["items"][0]["index"], 1, "{v}");
    assert_eq!(
        s.get("/api/articles/good-1").0,
        404,
        "a rejected request stored an article"
    );

    // Oversized body.
    let big = format!(
        "{{\"title\": \"كبير\", \"text\": \"{}\"}}",
        "خبر ".repeat(1_200_000)
    );
    assert!(big.len() > server::BODY_LIMIT);
    let (status, v) = s.post_bytes("/api/articles", big.as_bytes(), None);
    assert_eq!(status, 413, "{v}");
    assert!(v["error"].as_str().unwrap().contains("too large"), "{v}");

    // Unknown ids and routes, bad parameters.
    for (path, want) in [
        ("/api/stories/999999", 404),
        ("/api/stories/abc", 404),
        ("/api/stories/-1", 404),
        ("/api/articles/no-such-article", 404),
        ("/api/nothing", 404),
        ("/api/stories?page=0", 400),
        ("/api/stories?page=x", 400),
        ("/api/stories?from=yesterday", 400),
        ("/api/search", 400),
        ("/api/search?q=x&sort=random", 400),
        ("/assets/nothing.js", 404),
    ] {
        let (status, ct, body) = s.get_raw(path);
        assert_eq!(status, want, "{path}: {body}");
        assert!(ct.starts_with("application/json"), "{path}: {ct}");
        let v: Value = serde_json::from_str(&body).unwrap();
        assert!(
            v["error"].as_str().is_some_and(|e| !e.is_empty()),
            "{path}: {body}"
        );
    }
    // Wrong method: 405 as JSON.
    let mut r = s.agent.delete(&s.url("/api/stories")).call().unwrap();
    assert_eq!(r.status().as_u16(), 405);
    let v: Value = serde_json::from_str(&r.body_mut().read_to_string().unwrap()).unwrap();
    assert!(v["error"].is_string());
    // Corrections: bad shape, unknown story.
    let (status, v) = s.post("/api/corrections", &json!({"kind": "teleport"}));
    assert_eq!(status, 422, "{v}");
    let (status, v) = s.post(
        "/api/corrections",
        &json!({"kind": "merge", "a": 0, "b": 424242}),
    );
    assert_eq!(status, 404, "{v}");
    let (status, v) = s.post(
        "/api/corrections",
        &json!({"kind": "move", "article": "nope", "to": 0}),
    );
    assert_eq!(status, 404, "{v}");
    // The server is still fine.
    assert_eq!(s.get("/healthz").1["articles"], 2);
}

#[test]
fn html_in_articles_stays_text() {
    let s = TestServer::start();
    let evil = json!({
        "id": "evil-1",
        "source": "<img src=x onerror=alert(1)>",
        "title": "عنوان <script>alert('t')</script> خبيث",
        "text": "قال الوزير إن <script>alert(1)</script> الاجتماع ناقش <b>الميزانية</b> العامة للدولة.\nوأضاف أن القرار سيصدر الأسبوع المقبل بعد مناقشة البرلمان.",
    });
    let (status, v) = s.post("/api/articles", &evil);
    assert_eq!(status, 201, "{v}");
    // The API returns data as data (JSON strings); the UI inserts it with textContent.
    let (_, a) = s.get("/api/articles/evil-1");
    assert_eq!(a["article"]["source"], "<img src=x onerror=alert(1)>");
    // Search snippets are HTML: everything but <mark> must be escaped there.
    let (_, r) = s.get(&format!("/api/search?q={}", urlenc("الميزانية")));
    let hit = &r["hits"][0];
    let html = hit["snippet"]["html"].as_str().unwrap();
    assert!(html.contains("<mark>الميزانية</mark>"), "{html}");
    assert!(
        !html.contains("<script") && !html.contains("<b>"),
        "unescaped html in snippet: {html}"
    );
    assert!(
        html.contains("&lt;b&gt;") || html.contains("&lt;script&gt;"),
        "{html}"
    );
    let title = hit["title_highlight"]["html"].as_str().unwrap();
    assert!(!title.contains("<script"), "{title}");
    // The UI script inserts HTML in one place only (the escaped snippets), and the page forbids
    // inline scripts.
    let (_, _, js) = s.get_raw("/assets/app.js");
    assert_eq!(
        js.matches("innerHTML").count(),
        1,
        "innerHTML used outside the snippet helper"
    );
    let r = s.agent.get(&s.url("/")).call().unwrap();
    let csp = r
        .headers()
        .get("content-security-policy")
        .unwrap()
        .to_str()
        .unwrap();
    assert!(csp.contains("script-src 'self'"), "{csp}");
}

#[test]
fn writes_need_the_token_when_set() {
    let s = TestServer::start_with(Some("s3cret"));
    let one = Value::Array(vec![seeds_json().remove(0)]);
    let body = one.to_string();
    let (status, v) = s.post_bytes("/api/articles", body.as_bytes(), None);
    assert_eq!(status, 401, "{v}");
    assert!(v["error"].as_str().unwrap().contains("Bearer"));
    let (status, _) = s.post_bytes("/api/articles", body.as_bytes(), Some("wrong"));
    assert_eq!(status, 401);
    let (status, v) = s.post_bytes("/api/articles", body.as_bytes(), Some("s3cret"));
    assert_eq!(status, 201, "{v}");
    // Reads need no token.
    assert_eq!(s.get(&format!("/api/articles/{SEED_A}")).0, 200);
    // Listening beyond loopback without a token is refused.
    let err = server::check_token("0.0.0.0:8080".parse().unwrap(), None).unwrap_err();
    assert!(err.to_string().contains("KHABAR_TOKEN"), "{err}");
    assert!(server::check_token("0.0.0.0:8080".parse().unwrap(), Some("t")).is_ok());
    assert!(server::check_token("127.0.0.1:8080".parse().unwrap(), None).is_ok());
    assert!(server::check_token("[::1]:8080".parse().unwrap(), None).is_ok());
}

/// Regression: `Authorization: bearer TOKEN` (lower-case scheme) was refused with 401; the
/// scheme is case-insensitive (RFC 7235), the token is not.
#[test]
fn bearer_scheme_is_case_insensitive() {
    let s = TestServer::start_with(Some("s3cret"));
    let cases = [
        ("bearer s3cret", 201),
        ("BEARER s3cret", 201),
        ("Bearer   s3cret", 201),
        ("bearer S3CRET", 401),
        ("bearer s3cre", 401),
        ("bearer s3crett", 401),
        ("Basic s3cret", 401),
        ("bearers3cret", 401),
        ("s3cret", 401),
        ("Bearer", 401),
    ];
    for (i, (auth, want)) in cases.into_iter().enumerate() {
        let body = article(&format!("auth-{i}"), "وكالة", "حلب", i).to_string();
        let headers = [
            ("Authorization", auth),
            ("Content-Type", "application/json"),
        ];
        let (status, v) = s.raw_post("/api/articles", &headers, body.as_bytes());
        assert_eq!(status, want, "{auth:?}: {v}");
    }
}

/// Regression: on a token-less loopback server, a page of another site open in the user's
/// browser added an article (201) and moved one to another story (200) with a `text/plain`
/// post, which needs no CORS preflight.
#[test]
fn cross_site_pages_cannot_write() {
    let s = TestServer::start();
    let story = post_seeds(&s);
    let (_, v) = s.post("/api/articles", &article("other-1", "وكالة", "صفاقس", 2));
    let other_story = v["articles"][0]["story"].as_u64().unwrap();
    assert_ne!(other_story, story);
    let planted = article("planted-1", "وكالة مزيفة", "حلب", 1).to_string();
    let moved = json!({"kind": "move", "article": SEED_A, "to": other_story}).to_string();
    let own = s.base.clone();
    let port = own.rsplit(':').next().unwrap().to_string();
    let rebound_host = format!("evil.example:{port}");
    let rebound_origin = format!("http://{rebound_host}");
    let refused: Vec<(&str, Vec<(&str, &str)>)> = vec![
        (
            "form-like text/plain post",
            vec![
                ("Origin", "http://evil.example"),
                ("Content-Type", "text/plain"),
            ],
        ),
        (
            "json post from another site",
            vec![
                ("Origin", "http://evil.example"),
                ("Content-Type", "application/json"),
            ],
        ),
        (
            "another port of this host",
            vec![
                ("Origin", "http://127.0.0.1:1"),
                ("Content-Type", "application/json"),
            ],
        ),
        (
            "referer of another site",
            vec![
                ("Referer", "http://evil.example/page"),
                ("Content-Type", "application/json"),
            ],
        ),
        (
            "sandboxed page",
            vec![("Origin", "null"), ("Content-Type", "application/json")],
        ),
        (
            "cross-site fetch without origin",
            vec![
                ("Sec-Fetch-Site", "cross-site"),
                ("Content-Type", "application/json"),
            ],
        ),
        (
            "dns rebinding",
            vec![
                ("Host", rebound_host.as_str()),
                ("Origin", rebound_origin.as_str()),
                ("Content-Type", "application/json"),
            ],
        ),
    ];
    for (what, headers) in &refused {
        let (status, v) = s.raw_post("/api/articles", headers, planted.as_bytes());
        assert_eq!(status, 403, "{what}: {v}");
        assert!(
            v["error"].as_str().unwrap().contains("refused"),
            "{what}: {v}"
        );
        let (status, v) = s.raw_post("/api/corrections", headers, moved.as_bytes());
        assert_eq!(status, 403, "{what}: {v}");
    }
    // No origin (curl, scripts) but not JSON: 415, whatever the type.
    for ct in [
        Some("text/plain"),
        Some("application/x-www-form-urlencoded"),
        Some("multipart/form-data; boundary=x"),
        None,
    ] {
        let headers: Vec<(&str, &str)> = ct.map(|c| ("Content-Type", c)).into_iter().collect();
        let (status, v) = s.raw_post("/api/articles", &headers, planted.as_bytes());
        assert_eq!(status, 415, "{ct:?}: {v}");
        assert!(
            v["error"].as_str().unwrap().contains("application/json"),
            "{v}"
        );
        let (status, _) = s.raw_post("/api/corrections", &headers, moved.as_bytes());
        assert_eq!(status, 415, "{ct:?}");
    }
    assert_eq!(
        s.get("/api/articles/planted-1").0,
        404,
        "a refused post stored an article"
    );
    assert_eq!(
        s.get(&format!("/api/articles/{SEED_A}")).1["story"],
        story,
        "a refused move moved"
    );
    assert_eq!(s.get("/healthz").1["articles"], 3);

    // The UI's own writes (what Chromium sends for its fetch) and scripts without an origin pass.
    let referer = format!("{own}/#/story/{story}");
    let ui = [
        ("Origin", own.as_str()),
        ("Referer", referer.as_str()),
        ("Sec-Fetch-Site", "same-origin"),
        ("Content-Type", "application/json"),
    ];
    let (status, v) = s.raw_post("/api/corrections", &ui, moved.as_bytes());
    assert_eq!(status, 200, "{v}");
    assert_eq!(
        s.get(&format!("/api/articles/{SEED_A}")).1["story"],
        other_story
    );
    let localhost = format!("localhost:{port}");
    let local_origin = format!("http://{localhost}");
    let by_name = [
        ("Host", localhost.as_str()),
        ("Origin", local_origin.as_str()),
        ("Content-Type", "application/json; charset=utf-8"),
    ];
    let (status, v) = s.raw_post("/api/articles", &by_name, planted.as_bytes());
    assert_eq!(status, 201, "{v}");
    let script = article("script-1", "وكالة", "وهران", 3).to_string();
    let (status, v) = s.raw_post(
        "/api/articles",
        &[("Content-Type", "application/json")],
        script.as_bytes(),
    );
    assert_eq!(status, 201, "{v}");
}

#[test]
fn allowed_origins_may_write() {
    let access = server::Access {
        token: None,
        allow_origins: vec!["https://desk.example".into()],
    };
    let s = TestServer::start_access(access);
    let body = article("desk-1", "وكالة", "حلب", 1).to_string();
    let json_from =
        |origin: &'static str| [("Origin", origin), ("Content-Type", "application/json")];
    let (status, v) = s.raw_post(
        "/api/articles",
        &json_from("https://desk.example"),
        body.as_bytes(),
    );
    assert_eq!(status, 201, "{v}");
    let (status, v) = s.raw_post(
        "/api/articles",
        &json_from("http://desk.example"),
        body.as_bytes(),
    );
    assert_eq!(status, 403, "another scheme is another origin: {v}");
    assert!(
        v["error"].as_str().unwrap().contains("--allow-origin"),
        "{v}"
    );
    // An allowed origin that is not one is refused at start.
    let dir = tempfile::tempdir().unwrap();
    let bad = server::Access {
        token: None,
        allow_origins: vec!["desk.example".into()],
    };
    let err = server::start(dir.path(), "127.0.0.1:0".parse().unwrap(), bad)
        .err()
        .expect("a bad origin is refused");
    assert!(err.to_string().contains("desk.example"), "{err}");
}

#[test]
fn ingest_while_searching_loses_nothing() {
    let s = TestServer::start();
    post_seeds(&s);
    const WRITERS: usize = 3;
    const PER_WRITER: usize = 12;
    let cities = ["حلب", "الموصل", "صفاقس", "وهران", "إربد", "صلالة"];
    let stop = std::sync::atomic::AtomicBool::new(false);
    let searches = std::sync::atomic::AtomicUsize::new(0);
    std::thread::scope(|sc| {
        let mut readers = Vec::new();
        for r in 0..2 {
            let (s, stop, searches) = (&s, &stop, &searches);
            readers.push(sc.spawn(move || {
                let words = ["البنتاجون", "مستشفى", "أمطار", "الكتاب"];
                let mut i = r;
                while !stop.load(std::sync::atomic::Ordering::Relaxed) {
                    let (status, v) =
                        s.get(&format!("/api/search?q={}", urlenc(words[i % words.len()])));
                    assert_eq!(status, 200, "search failed during ingest: {v}");
                    let (status, v) = s.get("/api/stories");
                    assert_eq!(status, 200, "story list failed during ingest: {v}");
                    searches.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                    i += 1;
                }
            }));
        }
        let mut writers = Vec::new();
        for w in 0..WRITERS {
            let s = &s;
            writers.push(sc.spawn(move || {
                for n in 0..PER_WRITER {
                    let id = format!("w{w}-{n}");
                    let a = article(
                        &id,
                        &format!("وكالة-{w}"),
                        cities[(w + n) % cities.len()],
                        n + w,
                    );
                    let (status, v) = s.post("/api/articles", &a);
                    assert_eq!(status, 201, "{id}: {v}");
                    assert_eq!(v["articles"][0]["status"], "inserted");
                }
            }));
        }
        for h in writers {
            h.join().expect("writer");
        }
        stop.store(true, std::sync::atomic::Ordering::Relaxed);
        for h in readers {
            h.join().expect("reader");
        }
    });
    assert!(searches.load(std::sync::atomic::Ordering::Relaxed) > 0);
    for w in 0..WRITERS {
        for n in 0..PER_WRITER {
            let (status, a) = s.get(&format!("/api/articles/w{w}-{n}"));
            assert_eq!(status, 200, "w{w}-{n} lost");
            assert!(a["story"].is_u64(), "w{w}-{n} has no story");
        }
        // The index agrees: every article of the outlet is searchable.
        let (_, r) = s.get(&format!(
            "/api/search?source={}&limit=100",
            urlenc(&format!("وكالة-{w}"))
        ));
        assert_eq!(r["total"], PER_WRITER, "{r}");
    }
    let (_, h) = s.get("/healthz");
    assert_eq!(h["articles"], WRITERS * PER_WRITER + 2);
    assert_eq!(h["indexed"], WRITERS * PER_WRITER + 2);
    // Restart: everything is still there.
    let mut s = s;
    s.restart();
    let (_, h) = s.get("/healthz");
    assert_eq!(h["articles"], WRITERS * PER_WRITER + 2);
    assert_eq!(h["indexed"], WRITERS * PER_WRITER + 2);
    let (_, r) = s.get(&format!("/api/search?q={}", urlenc("البنتاجون")));
    assert!(
        r["hits"]
            .as_array()
            .unwrap()
            .iter()
            .any(|h| h["id"] == SEED_A)
    );
}

#[test]
fn editor_corrections_move_and_merge() {
    let s = TestServer::start();
    let story = post_seeds(&s);
    let (_, v) = s.post("/api/articles", &article("other-1", "وكالة", "صفاقس", 2));
    let other_story = v["articles"][0]["story"].as_u64().unwrap();
    assert_ne!(
        other_story, story,
        "an unrelated article joined the seeds' story"
    );
    let (_, v) = s.post("/api/articles", &article("other-2", "وكالة", "وهران", 3));
    let third_story = v["articles"][0]["story"].as_u64().unwrap();
    assert_ne!(third_story, story);

    // Move other-1 into the seeds' story.
    let (status, v) = s.post(
        "/api/corrections",
        &json!({"kind": "move", "article": "other-1", "to": story}),
    );
    assert_eq!(status, 200, "{v}");
    let (_, page) = s.get(&format!("/api/stories/{story}"));
    assert_eq!(
        page["story"]["article_count"], 3,
        "cached page not refreshed after a move"
    );
    assert_eq!(s.get("/api/articles/other-1").1["story"], story);

    // Merge the third story into it.
    let (status, v) = s.post(
        "/api/corrections",
        &json!({"kind": "merge", "a": story, "b": third_story}),
    );
    assert_eq!(status, 200, "{v}");
    assert_eq!(v["story"]["article_count"], 4);
    assert_eq!(s.get(&format!("/api/stories/{third_story}")).0, 404);
    // Search knows the new story of the merged article.
    let (_, r) = s.get(&format!("/api/search?story={story}&limit=50"));
    assert_eq!(r["total"], 4, "{r}");
}

#[test]
fn openapi_describes_every_route_and_ops_routes_work() {
    let s = TestServer::start();
    let story = post_seeds(&s);
    let (status, doc) = s.get("/openapi.json");
    assert_eq!(status, 200);
    assert_eq!(doc["openapi"], "3.1.0");
    for (method, path) in server::ROUTES {
        assert!(
            doc["paths"][path][method].is_object(),
            "openapi lacks {method} {path}"
        );
        // Each GET route answers (with sample ids).
        if *method == "get" {
            let concrete = path
                .replace("/api/stories/{id}", &format!("/api/stories/{story}"))
                .replace("{id}", SEED_A)
                .replace("{file}", "app.css")
                .replace("/api/search", &format!("/api/search?q={}", urlenc("غزة")));
            let (st, _, body) = s.get_raw(&concrete);
            assert_eq!(st, 200, "{concrete}: {body}");
        }
    }
    // Every documented path is a served route.
    for path in doc["paths"].as_object().unwrap().keys() {
        assert!(
            server::ROUTES.iter().any(|(_, p)| p == path),
            "documented but not served: {path}"
        );
    }

    s.get(&format!("/api/search?q={}", urlenc("غزة")));
    let (status, ct, m) = s.get_raw("/metrics");
    assert_eq!(status, 200);
    assert!(ct.starts_with("text/plain"), "{ct}");
    assert!(
        m.contains(
            "khabar_http_requests_total{route=\"/api/search\",method=\"GET\",status=\"200\"}"
        ),
        "{m}"
    );
    assert!(
        m.contains(
            "khabar_http_request_duration_seconds_bucket{route=\"/api/search\",le=\"+Inf\"}"
        ),
        "{m}"
    );
    assert!(m.contains("\nkhabar_articles 2\n"), "{m}");
    assert!(m.contains("\nkhabar_stories 1\n"), "{m}");
    assert!(m.contains("\nkhabar_ingested_articles_total 2\n"), "{m}");

    let (status, h) = s.get("/healthz");
    assert_eq!(status, 200);
    assert_eq!(h["status"], "ok");

    // The UI page is Arabic, right-to-left, with its assets from this server only.
    let (status, ct, html) = s.get_raw("/");
    assert_eq!(status, 200);
    assert!(ct.starts_with("text/html"));
    assert!(html.contains("<html lang=\"ar\" dir=\"rtl\">"));
    assert!(
        !html.contains("http://") && !html.contains("https://"),
        "the page fetches from outside"
    );

    // Re-posting the same articles changes nothing and says so.
    let (status, v) = s.post("/api/articles", &Value::Array(seeds_json()));
    assert_eq!(status, 200, "{v}");
    assert_eq!(v["articles"][0]["status"], "unchanged");
}

fn urlenc(s: &str) -> String {
    let mut out = String::new();
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || b"-_.~".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

#[test]
fn odd_bodies_never_cause_a_server_error() {
    let s = TestServer::start();
    let deep = format!("{}{}", "[".repeat(5000), "]".repeat(5000));
    let bodies: Vec<Vec<u8>> = vec![
        b"null".to_vec(),
        b"\"just a string\"".to_vec(),
        b"[1, 2, 3]".to_vec(),
        b"[[{\"text\": \"x\"}]]".to_vec(),
        b"{\"text\": null}".to_vec(),
        b"{\"text\": \"   \"}".to_vec(),
        b"{\"text\": 1e999}".to_vec(),
        b"\xff\xfe{\"text\": \"x\"}".to_vec(),
        deep.into_bytes(),
        "{\"id\": {\"nested\": true}, \"text\": \"نص\"}"
            .as_bytes()
            .to_vec(),
        "{\"published\": [2024], \"text\": \"نص الخبر\"}"
            .as_bytes()
            .to_vec(),
    ];
    for body in bodies {
        let (status, v) = s.post_bytes("/api/articles", &body, None);
        assert!(
            (400..500).contains(&status),
            "{:?}: {status} {v}",
            String::from_utf8_lossy(&body)
        );
        assert!(v["error"].as_str().is_some_and(|e| !e.is_empty()), "{v}");
    }
    // An unparsable date is not an error: the article is stored without one.
    let (status, v) = s.post("/api/articles", &json!({"id": "d1", "title": "عنوان", "text": "نص الخبر عن الاجتماع", "published": "غداً ربما"}));
    assert_eq!(status, 201, "{v}");
    assert!(s.get("/api/articles/d1").1["article"]["published"].is_null());
    assert_eq!(s.get("/healthz").0, 200);
}

/// The UI's `countNoun` (JavaScript, run by node) writes every count as `text::plural` does, and
/// the script appends no counted noun to a bare number. Skipped with a message without node.
#[test]
fn ui_counts_agree_with_the_text_crate() {
    use text::plural::{self, Case};
    let js = include_str!("../assets/app.js");
    for bare in ["\" مقال", "\" مصدر", "\" قصة", "\" نتيجة"] {
        assert!(!js.contains(bare), "a count without agreement: {bare}");
    }
    let nouns = [
        ("article", plural::ARTICLE),
        ("source", plural::SOURCE),
        ("independentSource", plural::INDEPENDENT_SOURCE),
        ("story", plural::STORY),
        ("result", plural::RESULT),
    ];
    let names: Vec<String> = nouns.iter().map(|(n, _)| format!("\"{n}\"")).collect();
    let script = format!(
        "const window = {{ addEventListener() {{}} }};\n\
         const document = {{ addEventListener() {{}} }};\n{js}\n\
         const out = [];\n\
         for (const name of [{}]) for (let n = 0; n <= 1200; n++)\n\
         for (const oblique of [false, true]) out.push(countNoun(n, NOUN[name], oblique));\n\
         process.stdout.write(out.join(\"\\n\"));\n",
        names.join(", ")
    );
    let Some(got) = run_node(&script) else {
        eprintln!("SKIP ui counts test: node not found");
        return;
    };
    let mut want = Vec::new();
    for (_, noun) in &nouns {
        for n in 0..=1200u64 {
            for case in [Case::Nominative, Case::Oblique] {
                want.push(plural::count_in(n, noun, case));
            }
        }
    }
    let got: Vec<&str> = got.split('\n').collect();
    assert_eq!(got.len(), want.len());
    for (g, w) in got.iter().zip(&want) {
        assert_eq!(g, w);
    }
}

/// stdout of `node` running `script`, or `None` when node is not installed.
fn run_node(script: &str) -> Option<String> {
    use std::io::Write;
    use std::process::{Command, Stdio};
    let mut child = Command::new("node")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .ok()?;
    child
        .stdin
        .take()
        .unwrap()
        .write_all(script.as_bytes())
        .unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success(), "node failed on the UI script");
    Some(String::from_utf8(out.stdout).unwrap())
}

/// Regression: the story list's key terms and an article's `why` carried match keys for display
/// (غزه, ـبنتجن, والطاقه). Their display fields hold words as the story's articles write them.
#[test]
fn display_fields_hold_words_as_the_articles_write_them() {
    let s = TestServer::start();
    post_seeds(&s);
    let dev = dev_json();
    let (status, body) = s.post("/api/articles", &Value::Array(dev.clone()));
    assert_eq!(status, 201, "{body}");
    // Every article's text, story and explanation.
    let mut ids: Vec<String> = vec![SEED_A.into(), SEED_B.into()];
    ids.extend(dev.iter().map(|a| a["id"].as_str().unwrap().to_string()));
    let mut texts = std::collections::HashMap::new();
    let mut members: std::collections::HashMap<u64, Vec<String>> = Default::default();
    let mut whys = Vec::new();
    for id in &ids {
        let (status, a) = s.get(&format!("/api/articles/{}", urlenc(id)));
        assert_eq!(status, 200, "{a}");
        let art = &a["article"];
        let text = format!(
            "{}\n{}",
            art["title"].as_str().unwrap(),
            art["text"].as_str().unwrap()
        );
        texts.insert(id.clone(), text);
        let story = a["story"].as_u64().expect("clustered");
        members.entry(story).or_default().push(id.clone());
        whys.push((story, id.clone(), a["why"].clone()));
    }
    let check = |story: u64, what: &str, shown: &Value| {
        let written = |w: &str| members[&story].iter().any(|m| texts[m].contains(w));
        for word in shown
            .as_array()
            .unwrap_or_else(|| panic!("{what}: {shown}"))
        {
            let word = word.as_str().unwrap();
            assert!(
                !word.contains('\u{0640}'),
                "story {story} {what}: key mark in {word:?}"
            );
            for w in arabic_words(word) {
                assert!(
                    written(w),
                    "story {story} {what}: {w:?} is not written so in its articles"
                );
            }
        }
    };
    let (_, list) = s.get("/api/stories?per_page=100");
    let (_, more) = s.get("/api/stories?per_page=100&page=2");
    let items: Vec<&Value> = list["stories"]
        .as_array()
        .unwrap()
        .iter()
        .chain(more["stories"].as_array().unwrap())
        .collect();
    assert_eq!(items.len() as u64, list["total"].as_u64().unwrap());
    for it in items {
        let story = it["id"].as_u64().unwrap();
        assert!(
            !it["key_terms_display"].as_array().unwrap().is_empty(),
            "{it}"
        );
        check(story, "key_terms_display", &it["key_terms_display"]);
    }
    for (story, id, why) in &whys {
        check(
            *story,
            &format!("{id} shared_terms_display"),
            &why["shared_terms_display"],
        );
        check(
            *story,
            &format!("{id} shared_names_display"),
            &why["shared_names_display"],
        );
    }
    // The shared name of the seeds, as the joining article writes it.
    let (_, b) = s.get(&format!("/api/articles/{SEED_B}"));
    let names = b["why"]["shared_names_display"].to_string();
    assert!(names.contains("البنتاجون"), "{names}");
}
