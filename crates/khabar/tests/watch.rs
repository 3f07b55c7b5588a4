//! End-to-end test of `khabar watch` against a tiny HTTP server on 127.0.0.1 (no internet):
//! conditional GET, a failing feed beside a working one, the whole pipeline, and a restart.

use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::{Arc, Mutex};
use std::time::Duration;

const PORT: &str = "أعلنت هيئة الموانئ المصرية اليوم افتتاح المرحلة الأولى من توسعة ميناء الإسكندرية \
    بطاقة استيعابية إضافية تبلغ مليوني حاوية سنويا، وقال رئيس الهيئة في مؤتمر صحفي إن المشروع \
    استغرق ثلاث سنوات من العمل المتواصل بتكلفة بلغت أربعة مليارات جنيه، وأضاف أن الرصيف الجديد \
    يستقبل السفن العملاقة التي يصل غاطسها إلى ثمانية عشر مترا. وأوضح أن التوسعة ستخفض زمن انتظار \
    السفن إلى النصف وتوفر نحو ألفي فرصة عمل مباشرة لأبناء المحافظة. وتأتي هذه الخطوة ضمن خطة \
    الحكومة لتحويل مصر إلى مركز إقليمي للتجارة والخدمات اللوجستية، إذ تعمل الوزارة على ربط \
    الموانئ البحرية بشبكة السكك الحديدية والموانئ الجافة في الدلتا والصعيد خلال العامين المقبلين.";

const RAIN: &str = "شهدت العاصمة الأردنية عمان صباح اليوم هطول أمطار غزيرة تسببت في تجمع المياه \
    في عدد من الشوارع الرئيسية وتعطل حركة السير لساعات، وقالت مديرية الدفاع المدني إن فرقها \
    تعاملت مع أكثر من مئة وعشرين بلاغا خلال الساعات الماضية دون تسجيل إصابات بشرية. وحذرت دائرة \
    الأرصاد الجوية المواطنين من خطر الانزلاقات والسيول في المناطق المنخفضة والأودية، ودعت السائقين \
    إلى تخفيف السرعة وعدم الاقتراب من مجاري السيول. وتوقعت الدائرة استمرار تأثر المملكة بالمنخفض \
    الجوي حتى مساء الغد مع انخفاض ملموس على درجات الحرارة، على أن يبدأ الطقس بالتحسن تدريجيا \
    اعتبارا من يوم الخميس المقبل مع بقاء الأجواء باردة في معظم المناطق والمرتفعات الجبلية العالية.";

const ETAG: &str = "\"feed-v1\"";

fn rss() -> String {
    let item = |guid: &str, title: &str, date: &str, body: &str| {
        format!(
            "<item><title>{title}</title><link>http://news.test/{guid}.html</link>\
             <guid>{guid}</guid><pubDate>{date}</pubDate><description>{body}</description></item>"
        )
    };
    format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<rss version=\"2.0\"><channel>\
         <title>أخبار اليوم</title><link>http://news.test/</link><language>ar</language>{}{}\
         </channel></rss>",
        item(
            "rain-amman",
            "أمطار غزيرة تغلق شوارع في عمان",
            "Wed, 27 Nov 2024 08:30:00 GMT",
            RAIN
        ),
        item(
            "alex-port",
            "افتتاح المرحلة الأولى من توسعة ميناء الإسكندرية",
            "Tue, 26 Nov 2024 10:00:00 GMT",
            PORT
        ),
    )
}

/// Requests seen by the server: (path, If-None-Match, status answered).
type Log = Arc<Mutex<Vec<(String, Option<String>, u16)>>>;

/// Serve `/feed.xml` (with ETag and 304) and `/broken.xml` (always 500) on a free local port.
fn serve() -> (String, Log) {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    let log: Log = Arc::default();
    let log2 = log.clone();
    std::thread::spawn(move || {
        for conn in listener.incoming() {
            let Ok(conn) = conn else { continue };
            let log = log2.clone();
            std::thread::spawn(move || answer(conn, &log));
        }
    });
    (base, log)
}

fn answer(mut conn: TcpStream, log: &Log) {
    conn.set_read_timeout(Some(Duration::from_secs(5))).unwrap();
    let mut head = Vec::new();
    let mut buf = [0u8; 1024];
    while !head.windows(4).any(|w| w == b"\r\n\r\n") {
        match conn.read(&mut buf) {
            Ok(0) | Err(_) => return,
            Ok(n) => head.extend_from_slice(&buf[..n]),
        }
    }
    let head = String::from_utf8_lossy(&head).into_owned();
    let path = head.split_whitespace().nth(1).unwrap_or("").to_string();
    let inm = head.lines().find_map(|l| {
        let (k, v) = l.split_once(':')?;
        k.eq_ignore_ascii_case("if-none-match")
            .then(|| v.trim().to_string())
    });
    let (status, body, extra) = match path.as_str() {
        "/feed.xml" if inm.as_deref() == Some(ETAG) => (304, String::new(), String::new()),
        "/feed.xml" => (
            200,
            rss(),
            format!("Content-Type: application/rss+xml; charset=utf-8\r\nETag: {ETAG}\r\n"),
        ),
        _ => (500, "server error".to_string(), String::new()),
    };
    log.lock().unwrap().push((path, inm, status));
    let reason = match status {
        200 => "OK",
        304 => "Not Modified",
        _ => "Internal Server Error",
    };
    let len = if status == 304 { 0 } else { body.len() };
    let resp = format!(
        "HTTP/1.1 {status} {reason}\r\n{extra}Content-Length: {len}\r\nConnection: close\r\n\r\n{}",
        if status == 304 { "" } else { body.as_str() }
    );
    let _ = conn.write_all(resp.as_bytes());
}

fn khabar(data: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_khabar"))
        .arg("--data")
        .arg(data)
        .args(args)
        .output()
        .unwrap()
}

fn json_lines(o: &Output) -> Vec<serde_json::Value> {
    String::from_utf8_lossy(&o.stdout)
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("{e}: {l}")))
        .collect()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn feeds_file(dir: &Path, base: &str) -> PathBuf {
    let p = dir.join("feeds.txt");
    std::fs::write(
        &p,
        format!(
            "# local test feeds\n\n{base}/feed.xml   أخبار اليوم\n{base}/broken.xml  # answers 500\n"
        ),
    )
    .unwrap();
    p
}

#[test]
fn watch_ingests_skips_unmodified_reports_failures_and_resumes() {
    let (base, log) = serve();
    let tmp = tempfile::tempdir().unwrap();
    let data = tmp.path().join("data");
    let feeds = feeds_file(tmp.path(), &base);
    let feeds = feeds.to_str().unwrap();
    let fast = [
        "--json",
        "--every",
        "1s",
        "--timeout",
        "5s",
        "--retries",
        "1",
        "--politeness",
        "100ms",
    ];

    let o = khabar(
        &data,
        &[&["watch", feeds, "--rounds", "2"][..], &fast].concat(),
    );
    // A feed failed, so the status says so, but the run went on.
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let rounds = json_lines(&o);
    assert_eq!(rounds.len(), 2, "{rounds:?}");
    let (r1, r2) = (&rounds[0], &rounds[1]);
    assert_eq!(r1["round"], 1);
    assert_eq!(r1["new"], 2, "{r1}");
    assert_eq!(r1["stories_touched"], 2, "{r1}");
    let problems = r1["problems"].as_array().unwrap();
    assert_eq!(problems.len(), 1, "{r1}");
    assert_eq!(problems[0]["record"], format!("{base}/broken.xml"));
    assert_eq!(problems[0]["code"], "http_status");
    assert!(stderr(&o).contains("broken.xml"), "{}", stderr(&o));
    assert_eq!(r2["new"], 0, "{r2}");
    assert_eq!(r2["not_modified"], 1, "{r2}");
    assert_eq!(r2["problems"].as_array().unwrap().len(), 1);
    {
        let log = log.lock().unwrap();
        let feed: Vec<_> = log.iter().filter(|(p, _, _)| p == "/feed.xml").collect();
        assert_eq!(feed.len(), 2, "{log:?}");
        assert_eq!((feed[0].1.as_deref(), feed[0].2), (None, 200));
        assert_eq!((feed[1].1.as_deref(), feed[1].2), (Some(ETAG), 304));
        // The failing feed was retried once per round.
        let broken = log.iter().filter(|(p, _, _)| p == "/broken.xml").count();
        assert_eq!(broken, 4, "{log:?}");
    }

    // The articles went through the whole pipeline.
    let arts = json_lines(&khabar(&data, &["articles", "--json"]));
    assert_eq!(arts.len(), 2, "{arts:?}");
    assert!(
        arts.iter().all(|a| a["source"] == "أخبار اليوم"),
        "{arts:?}"
    );
    let titles: Vec<&str> = arts.iter().filter_map(|a| a["title"].as_str()).collect();
    assert!(
        titles.iter().any(|t| t.contains("ميناء الإسكندرية")),
        "{titles:?}"
    );
    let port_id = arts
        .iter()
        .find(|a| a["title"].as_str().is_some_and(|t| t.contains("ميناء")))
        .and_then(|a| a["id"].as_str())
        .unwrap()
        .to_string();

    let stories = json_lines(&khabar(&data, &["stories", "--json"]));
    let in_stories: usize = stories
        .iter()
        .map(|s| s["articles"].as_array().map_or(0, |a| a.len()))
        .sum();
    assert_eq!(in_stories, 2, "{stories:?}");
    assert_eq!(stories.len(), 2, "two unrelated events: {stories:?}");

    // Another spelling (hamza-less, ta marbuta as ha) finds the port article.
    let hits = json_lines(&khabar(&data, &["search", "ميناء الاسكندريه", "--json"]));
    assert_eq!(
        hits.first().and_then(|h| h["id"].as_str()),
        Some(port_id.as_str()),
        "{hits:?}"
    );

    // A restart: the saved ETag is sent, nothing is re-ingested.
    let o = khabar(
        &data,
        &[&["watch", feeds, "--rounds", "1"][..], &fast].concat(),
    );
    let rounds = json_lines(&o);
    assert_eq!(rounds.len(), 1, "{}", stderr(&o));
    assert_eq!(rounds[0]["new"], 0, "{}", rounds[0]);
    assert_eq!(rounds[0]["updated"], 0, "{}", rounds[0]);
    assert_eq!(rounds[0]["not_modified"], 1, "{}", rounds[0]);
    assert_eq!(json_lines(&khabar(&data, &["articles", "--json"])).len(), 2);
    let last = log
        .lock()
        .unwrap()
        .iter()
        .rfind(|(p, _, _)| p == "/feed.xml")
        .cloned()
        .unwrap();
    assert_eq!(last.1.as_deref(), Some(ETAG));
}

#[test]
fn watch_help_explains_the_feeds_file_and_bad_input_fails_cleanly() {
    let tmp = tempfile::tempdir().unwrap();
    let data = tmp.path().join("data");
    let o = khabar(&data, &["watch", "--help"]);
    let help = String::from_utf8_lossy(&o.stdout);
    assert!(o.status.success());
    assert!(help.contains("One RSS/Atom feed URL per line"), "{help}");
    assert!(help.contains("--every"), "{help}");

    let empty = tmp.path().join("empty.txt");
    std::fs::write(&empty, "# nothing yet\n\n").unwrap();
    let o = khabar(&data, &["watch", empty.to_str().unwrap(), "--rounds", "1"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("no feed URLs"), "{}", stderr(&o));

    let o = khabar(
        &data,
        &["watch", empty.to_str().unwrap(), "--every", "5 parsecs"],
    );
    assert_eq!(o.status.code(), Some(2));
}

/// Regression: with stdout closed (`khabar watch FEEDS | head -1`), a watch kept polling forever.
/// It now ends quietly (status 0) after the round it could not print.
#[test]
fn watch_ends_quietly_when_stdout_closes() {
    let (base, _log) = serve();
    let tmp = tempfile::tempdir().unwrap();
    let feeds = tmp.path().join("feeds.txt");
    std::fs::write(&feeds, format!("{base}/feed.xml   أخبار اليوم\n")).unwrap();
    let mut child = Command::new(env!("CARGO_BIN_EXE_khabar"))
        .arg("--data")
        .arg(tmp.path().join("data"))
        .args(["watch", feeds.to_str().unwrap(), "--every", "1s", "--json"])
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    drop(child.stdout.take());
    let deadline = std::time::Instant::now() + Duration::from_secs(60);
    while child.try_wait().unwrap().is_none() {
        if std::time::Instant::now() > deadline {
            let _ = child.kill();
            panic!("watch went on polling with its stdout closed");
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    let o = child.wait_with_output().unwrap();
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(!stderr(&o).contains("khabar: error"), "{}", stderr(&o));
}
