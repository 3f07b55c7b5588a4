//! End-to-end behaviour of `ingest::Reader` on real corpus lines, the seed articles and bad input.

use flate2::Compression;
use flate2::write::GzEncoder;
use ingest::{IngestOptions, Reader};
use model::{Article, Problem, RemovalReason};
use std::io::Write;
use std::path::{Path, PathBuf};

fn data(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data")
        .join(name)
}

fn seeds() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../testdata/seeds")
}

fn read_all(paths: &[PathBuf], opts: IngestOptions) -> (Vec<Article>, Vec<Problem>) {
    let mut ok = Vec::new();
    let mut bad = Vec::new();
    for item in Reader::new(paths, opts).expect("options are valid") {
        match item {
            Ok(a) => ok.push(a),
            Err(p) => bad.push(p),
        }
    }
    (ok, bad)
}

fn read(paths: &[PathBuf]) -> (Vec<Article>, Vec<Problem>) {
    read_all(paths, IngestOptions::default())
}

fn gzip(bytes: &[u8]) -> Vec<u8> {
    let mut enc = GzEncoder::new(Vec::new(), Compression::default());
    enc.write_all(bytes).unwrap();
    enc.finish().unwrap()
}

/// Realistic, varied JSONL records (varied so that gzip cannot shrink them to nothing).
fn synthetic_jsonl(n: usize) -> String {
    let mut out = String::new();
    for i in 0..n {
        let words: String = (0..120)
            .map(|k| format!("كلمة{} ", (i * 7919 + k * 104_729) % 100_003))
            .collect();
        let text = format!("قال المتحدث باسم الوزارة في البيان رقم {i} إن {words}.");
        let rec = serde_json::json!({"id": format!("rec-{i}"), "source": "wire", "title": format!("خبر رقم {i}"), "text": text});
        out.push_str(&rec.to_string());
        out.push('\n');
    }
    out
}

#[test]
fn seeds_read_as_text_articles() {
    let (ok, bad) = read(&[seeds()]);
    assert!(bad.is_empty(), "{bad:?}");
    assert_eq!(ok.len(), 2);
    let (a, b) = (&ok[0], &ok[1]);
    assert_eq!(a.id, "000_f2781f012485ef63");
    assert_eq!(a.source, "000_f2781f012485ef63");
    assert_eq!(
        a.title,
        "البنتاغون يقود مباحثات مبكرة لإنشاء \"مهمة حفظ سلام\" في غزة"
    );
    let published = a
        .published
        .as_ref()
        .expect("the seed's date line is parsed");
    assert_eq!(published.raw, "2024-11-27 08:51 م");
    assert!(
        published.iso.starts_with("2024-11-27T20:51:00"),
        "{}",
        published.iso
    );
    assert!(a.text.starts_with("كشف تقرير لموقع \"بوليتيكو\""));
    assert!(!a.text.contains("2024-11-27"));

    assert_eq!(b.id, "001_ddf57a01e70e49b5");
    assert_eq!(b.source, "001_ddf57a01e70e49b5");
    assert_eq!(
        b.title,
        "واشنطن تشرع في بدء محادثات لتمويل قوة حفظ السلام في غزة"
    );
    assert!(b.published.is_none());
    assert!(b.text.starts_with("تسعى إدارة الرئيس الأمريكي"));
    assert!(!b.text.contains("الرئيس الأمريكي، جو بايدن\n"));
    assert!(!b.text.contains("اقرأ أيضاً"));
    assert!(
        b.original
            .contains("الرئيس الأمريكي، جو بايدن\nالرئيس الأمريكي، جو بايدن")
    );
    let reasons: Vec<_> = b.removed.iter().map(|r| r.reason).collect();
    assert_eq!(
        reasons,
        [RemovalReason::RepeatedCaption, RemovalReason::ReadAlso]
    );
}

#[test]
fn ant_lines_use_docno_src_and_time_iso() {
    let (ok, bad) = read(&[data("ant.jsonl")]);
    assert!(bad.is_empty(), "{bad:?}");
    let ids: Vec<_> = ok.iter().map(|a| a.id.as_str()).collect();
    assert_eq!(
        ids,
        [
            "AL-economy-389-20180407",
            "AL-internationalNews-1289-20180523",
            "AL-internationalNews-361-20180306"
        ]
    );
    let a = &ok[0];
    assert_eq!(a.source, "alarabia");
    assert_eq!(a.language, "ar");
    assert!(
        a.title
            .starts_with("روسيا تتوعد برد قوي على العقوبات التجارية")
    );
    assert!(
        a.url
            .as_deref()
            .is_some_and(|u| u.starts_with("http://www.alarabiya.net/"))
    );
    let p = a.published.as_ref().unwrap();
    assert_eq!(
        p.raw, "2018-04-07T16:19:52+04:00",
        "time_iso wins over time"
    );
    assert_eq!(p.unix, 1_523_103_592);
    assert!(a.text.len() > 500 && a.text == a.text.trim());
}

#[test]
fn saudinewsnet_lines_use_id_source_content_and_date_extracted() {
    let (ok, bad) = read(&[data("saudinewsnet.jsonl")]);
    assert!(bad.is_empty(), "{bad:?}");
    assert_eq!(ok.len(), 3);
    let a = &ok[0];
    assert_eq!(a.id, "snn-000099");
    assert_eq!(a.source, "aawsat");
    assert!(a.title.starts_with("وزراء الطاقة الخليجيون"));
    let p = a.published.as_ref().expect("date_extracted parses");
    assert_eq!(p.raw, "2015-07-21 02:54:52");
    assert_eq!(p.unix, 1_437_447_292);
    assert!(a.original.len() >= a.text.len());
}

#[test]
fn empty_content_is_an_empty_article_problem() {
    let (ok, bad) = read(&[data("snn_empty.jsonl")]);
    assert!(ok.is_empty());
    assert_eq!(bad.len(), 1);
    assert_eq!(bad[0].code, "empty_article");
    assert!(
        bad[0].record.ends_with("snn_empty.jsonl:1"),
        "{}",
        bad[0].record
    );
}

#[test]
fn gzip_is_found_by_extension_and_by_magic_bytes() {
    let dir = tempfile::tempdir().unwrap();
    let mut both = std::fs::read(data("ant.jsonl")).unwrap();
    both.extend(std::fs::read(data("saudinewsnet.jsonl")).unwrap());
    let gz = dir.path().join("mixed.jsonl.gz");
    std::fs::write(&gz, gzip(&both)).unwrap();
    let odd = dir.path().join("mixed.dump");
    std::fs::write(&odd, gzip(&both)).unwrap();
    for path in [gz, odd] {
        let (ok, bad) = read(std::slice::from_ref(&path));
        assert!(bad.is_empty(), "{bad:?}");
        assert_eq!(ok.len(), 6);
        assert_eq!(ok[3].id, "snn-000099");
    }
}

#[test]
fn truncated_gzip_keeps_records_before_the_cut() {
    let dir = tempfile::tempdir().unwrap();
    let full = gzip(synthetic_jsonl(300).as_bytes());
    let cut = dir.path().join("cut.jsonl.gz");
    std::fs::write(&cut, &full[..full.len() / 2]).unwrap();
    let (ok, bad) = read(std::slice::from_ref(&cut));
    assert!(ok.len() > 50 && ok.len() < 300, "{}", ok.len());
    for (i, a) in ok.iter().enumerate() {
        assert_eq!(a.id, format!("rec-{i}"));
    }
    assert_eq!(bad.len(), 1, "{bad:?}");
    assert_eq!(bad[0].code, "truncated_gzip");
    assert_eq!(bad[0].record, format!("{}:{}", cut.display(), ok.len() + 1));
}

#[test]
fn decompression_is_capped() {
    let dir = tempfile::tempdir().unwrap();
    let body = synthetic_jsonl(50);
    let path = dir.path().join("big.jsonl.gz");
    std::fs::write(&path, gzip(body.as_bytes())).unwrap();
    let opts = IngestOptions {
        max_decompressed_bytes: body.len() as u64 / 2,
        ..Default::default()
    };
    let (ok, bad) = read_all(std::slice::from_ref(&path), opts);
    assert!(!ok.is_empty() && ok.len() < 50, "{} {bad:?}", ok.len());
    assert_eq!(bad.len(), 1);
    assert_eq!(bad[0].code, "decompression_limit");
    // Exactly at the cap is fine.
    let opts = IngestOptions {
        max_decompressed_bytes: body.len() as u64,
        ..Default::default()
    };
    let (ok, bad) = read_all(&[path], opts);
    assert_eq!((ok.len(), bad.len()), (50, 0));
}

#[test]
fn invalid_utf8_and_malformed_json_lines_are_skipped() {
    let dir = tempfile::tempdir().unwrap();
    let good = synthetic_jsonl(3);
    let lines: Vec<&str> = good.lines().collect();
    let mut bytes = Vec::new();
    bytes.extend_from_slice(lines[0].as_bytes());
    bytes.extend_from_slice(b"\n{\"id\": \"x\", \"text\": \"\xd9\xff\xfe bad\"}\n");
    bytes.extend_from_slice(lines[1].as_bytes());
    bytes.extend_from_slice(b"\n{\"id\": \"y\", \"text\": \"unterminated\n[1, 2]\n\n");
    bytes.extend_from_slice(lines[2].as_bytes());
    let path = dir.path().join("mixed.jsonl");
    std::fs::write(&path, bytes).unwrap();
    let (ok, bad) = read(std::slice::from_ref(&path));
    let ids: Vec<_> = ok.iter().map(|a| a.id.as_str()).collect();
    assert_eq!(ids, ["rec-0", "rec-1", "rec-2"]);
    let got: Vec<_> = bad
        .iter()
        .map(|p| (p.code.as_str(), p.record.clone()))
        .collect();
    let at = |l: usize| format!("{}:{l}", path.display());
    assert_eq!(
        got,
        [
            ("invalid_utf8", at(2)),
            ("malformed_json", at(4)),
            ("not_an_object", at(5))
        ]
    );
    assert!(bad.iter().all(|p| p.error == p.error.to_lowercase()));
}

#[test]
fn empty_and_binary_files_are_reported() {
    let dir = tempfile::tempdir().unwrap();
    let empty = dir.path().join("empty.jsonl");
    std::fs::write(&empty, b"").unwrap();
    let binary = dir.path().join("image.png");
    std::fs::write(&binary, b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00").unwrap();
    let latin1 = dir.path().join("old.txt");
    std::fs::write(&latin1, b"titre\n\ncaf\xe9 cr\xe8me").unwrap();
    let blank = dir.path().join("blank.txt");
    std::fs::write(&blank, b" \n\n\t\n").unwrap();
    let (ok, bad) = read(&[empty, binary, latin1, blank]);
    assert!(ok.is_empty());
    let codes: Vec<_> = bad.iter().map(|p| p.code.as_str()).collect();
    assert_eq!(
        codes,
        ["empty_file", "binary_file", "invalid_utf8", "empty_file"]
    );
}

#[test]
fn a_50_mb_line_is_skipped_without_stopping() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("huge.jsonl");
    let good = synthetic_jsonl(2);
    let mut lines = good.lines();
    let mut f = std::io::BufWriter::new(std::fs::File::create(&path).unwrap());
    writeln!(f, "{}", lines.next().unwrap()).unwrap();
    f.write_all(b"{\"id\": \"huge\", \"text\": \"").unwrap();
    let block = "خبر ".repeat(1 << 12);
    for _ in 0..(50 << 20) / block.len() {
        f.write_all(block.as_bytes()).unwrap();
    }
    f.write_all(b"\"}\n").unwrap();
    writeln!(f, "{}", lines.next().unwrap()).unwrap();
    drop(f);
    let (ok, bad) = read(std::slice::from_ref(&path));
    let ids: Vec<_> = ok.iter().map(|a| a.id.as_str()).collect();
    assert_eq!(ids, ["rec-0", "rec-1"]);
    assert_eq!(bad.len(), 1);
    assert_eq!(bad[0].code, "line_too_long");
    assert_eq!(bad[0].record, format!("{}:2", path.display()));
}

#[test]
fn map_overrides_field_detection() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("custom.ndjson");
    let rec = serde_json::json!({
        "docid": 17, "outlet_name": "alahram", "headline": "ارتفاع أسعار الذهب في مصر",
        "text": "هذا ليس النص", "body_html": "ارتفعت أسعار الذهب في السوق المصرية اليوم بنسبة اثنين في المئة.",
        "lang": "AR", "when": "2024-03-01T10:00:00Z"
    });
    std::fs::write(&path, format!("{rec}\n")).unwrap();
    let map = IngestOptions::parse_map(&[
        "text=body_html",
        "id=docid",
        "source = outlet_name",
        "published=when",
    ])
    .unwrap();
    let (ok, bad) = read_all(
        &[path],
        IngestOptions {
            map,
            ..Default::default()
        },
    );
    assert!(bad.is_empty(), "{bad:?}");
    let a = &ok[0];
    assert_eq!(a.id, "17");
    assert_eq!(a.source, "alahram");
    assert_eq!(a.title, "ارتفاع أسعار الذهب في مصر");
    assert_eq!(
        a.text,
        "ارتفعت أسعار الذهب في السوق المصرية اليوم بنسبة اثنين في المئة."
    );
    assert_eq!(a.language, "ar");
    assert_eq!(a.published.as_ref().map(|p| p.unix), Some(1_709_287_200));

    assert!(IngestOptions::parse_map(&["body=text"]).is_err());
    assert!(IngestOptions::parse_map(&["text"]).is_err());
    let bad_opts = IngestOptions {
        map: vec![("headline".into(), "x".into())],
        ..Default::default()
    };
    assert!(Reader::new(&[], bad_opts).is_err());
}

#[test]
fn source_option_overrides_and_missing_ids_are_derived() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("noid.jsonl");
    let rec = serde_json::json!({"title": "زلزال يضرب تركيا", "content": "ضرب زلزال بقوة ست درجات جنوب تركيا فجر اليوم.", "link": "https://example.com/a"});
    std::fs::write(&path, format!("{rec}\n{rec}\n")).unwrap();
    let opts = IngestOptions {
        source: Some("aa".into()),
        ..Default::default()
    };
    let (ok, _) = read_all(std::slice::from_ref(&path), opts);
    assert_eq!(ok.len(), 2);
    assert_eq!(ok[0].source, "aa");
    assert_eq!(ok[0].id, ok[1].id);
    assert_eq!(ok[0].id.len(), 16);
    assert_eq!(
        ok[0].id,
        ingest::derive_id(
            "aa",
            Some("https://example.com/a"),
            "زلزال يضرب تركيا",
            &ok[0].original
        )
    );
    let (other, _) = read(&[path]);
    assert_ne!(
        other[0].id, ok[0].id,
        "the source is part of the derived id"
    );
}

#[test]
fn directories_are_walked_sorted_and_hidden_entries_skipped() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    std::fs::create_dir_all(root.join("b/skynews")).unwrap();
    std::fs::create_dir_all(root.join("a")).unwrap();
    std::fs::create_dir_all(root.join(".git")).unwrap();
    let article = "العنوان الأول\n\nنص الخبر الأول عن الانتخابات في العراق.";
    std::fs::write(root.join("b/skynews/2.txt"), article).unwrap();
    std::fs::write(root.join("b/skynews/10.txt"), article).unwrap();
    std::fs::write(root.join("a/x.jsonl"), synthetic_jsonl(1)).unwrap();
    std::fs::write(root.join(".hidden.txt"), article).unwrap();
    std::fs::write(root.join(".git/HEAD.txt"), article).unwrap();
    let (ok, bad) = read(&[root.to_path_buf()]);
    assert!(bad.is_empty(), "{bad:?}");
    let got: Vec<_> = ok
        .iter()
        .map(|a| (a.id.as_str(), a.source.as_str()))
        .collect();
    // Text files are their own sources, whatever folder holds them.
    assert_eq!(got, [("rec-0", "wire"), ("10", "10"), ("2", "2")]);
    assert_eq!(ok[1].title, "العنوان الأول");
}

/// Regression: both seed files used to be read as one outlet named after their folder
/// ("seeds"), so a comparison of their story found no fact shared by two sources.
#[test]
fn text_files_in_one_folder_are_separate_sources_unless_named() {
    let (ok, _) = read(&[seeds()]);
    let sources: Vec<_> = ok.iter().map(|a| a.source.as_str()).collect();
    assert_eq!(sources, ["000_f2781f012485ef63", "001_ddf57a01e70e49b5"]);

    let named = IngestOptions {
        source: Some("aljazeera".into()),
        ..Default::default()
    };
    let (ok, _) = read_all(&[seeds()], named);
    assert!(ok.iter().all(|a| a.source == "aljazeera"), "{ok:?}");

    // A JSONL record without a source field still takes its folder's name.
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(dir.path().join("youm7")).unwrap();
    let rec = serde_json::json!({"id": "y1", "title": "أمطار غزيرة على القاهرة", "text": "هطلت أمطار غزيرة على القاهرة والجيزة صباح اليوم."});
    std::fs::write(dir.path().join("youm7/a.jsonl"), format!("{rec}\n")).unwrap();
    let (ok, bad) = read(&[dir.path().to_path_buf()]);
    assert!(bad.is_empty(), "{bad:?}");
    assert_eq!(ok[0].source, "youm7");
}

/// The first `n` records of the dev corpus, as JSONL.
fn dev_lines(n: usize) -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../testdata/dev/articles.jsonl");
    let text = std::fs::read_to_string(path).unwrap();
    text.lines().take(n).map(|l| format!("{l}\n")).collect()
}

/// Regression: a `loop -> .` link in an ingested folder was walked about 40 levels deep, every
/// bad file reported again at each level (165 problems instead of 4) and the folder's records
/// stored again under the outlet "loop".
#[cfg(unix)]
#[test]
fn a_symlink_loop_is_reported_once_and_not_walked() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("corpus");
    let youm7 = root.join("youm7");
    std::fs::create_dir_all(&youm7).unwrap();
    for seed in ["000_f2781f012485ef63.txt", "001_ddf57a01e70e49b5.txt"] {
        std::fs::copy(seeds().join(seed), root.join(seed)).unwrap();
    }
    // Three dev records, one without an outlet (it takes its folder's), and two bad lines.
    let sourceless = serde_json::json!({"id": "y1", "title": "أمطار غزيرة على القاهرة", "text": "هطلت أمطار غزيرة على القاهرة والجيزة صباح اليوم."});
    let jsonl = format!("{}{sourceless}\n{{\"id\": \"broken\", \n", dev_lines(3));
    let mut bytes = jsonl.into_bytes();
    bytes.extend_from_slice(b"{\"id\":\"bad-utf8\",\"text\":\"\xff\xfe\"}\n");
    std::fs::write(youm7.join("a.jsonl"), bytes).unwrap();
    std::fs::write(youm7.join("empty.txt"), "").unwrap();
    std::fs::write(youm7.join("blob.txt"), b"\0\0\x01binary").unwrap();
    std::os::unix::fs::symlink(".", youm7.join("loop")).unwrap();
    // A link to a folder outside is still followed.
    let outside = dir.path().join("wire");
    std::fs::create_dir_all(&outside).unwrap();
    std::fs::write(outside.join("w.jsonl"), synthetic_jsonl(2)).unwrap();
    std::os::unix::fs::symlink(&outside, root.join("linked")).unwrap();

    let (ok, bad) = read(std::slice::from_ref(&root));
    let codes: Vec<&str> = bad.iter().map(|p| p.code.as_str()).collect();
    assert_eq!(
        codes,
        [
            "malformed_json",
            "invalid_utf8",
            "binary_file",
            "empty_file",
            "symlink_loop"
        ],
        "{bad:#?}"
    );
    let looped = &bad[4];
    assert_eq!(looped.record, youm7.join("loop").display().to_string());
    assert!(looped.error.contains("loop"), "{}", looped.error);
    let mut ids: Vec<&str> = ok.iter().map(|a| a.id.as_str()).collect();
    ids.sort_unstable();
    let n = ids.len();
    ids.dedup();
    assert_eq!(ids.len(), n, "a record was read twice: {ids:?}");
    assert_eq!(n, 2 + 4 + 2, "{ids:?}");
    assert!(
        ok.iter().all(|a| a.source != "loop"),
        "stored under the loop's name"
    );
    assert_eq!(ok.iter().find(|a| a.id == "y1").unwrap().source, "youm7");
    assert!(
        ids.contains(&"rec-1"),
        "the linked folder was not read: {ids:?}"
    );

    // A link to a folder higher up (`youm7/up -> ..`) is a loop too, reported once.
    let (ok, bad) = read(&[youm7.join("loop")]);
    assert_eq!(ok.len(), 4, "{bad:?}");
    std::os::unix::fs::symlink("..", youm7.join("up")).unwrap();
    std::fs::remove_file(youm7.join("loop")).unwrap();
    let (ok, bad) = read(&[root]);
    let loops: Vec<&str> = bad
        .iter()
        .filter(|p| p.code == "symlink_loop")
        .map(|p| p.record.as_str())
        .collect();
    assert_eq!(loops, [youm7.join("up").display().to_string()]);
    assert_eq!(ok.len(), 8);
}

#[test]
fn missing_paths_are_problems_and_reading_goes_on() {
    let (ok, bad) = read(&[
        PathBuf::from("/nonexistent/khabar/x.jsonl"),
        data("ant.jsonl"),
    ]);
    assert_eq!(ok.len(), 3);
    assert_eq!(bad[0].code, "not_found");
}

#[test]
fn streams_are_sniffed_as_jsonl_or_text() {
    let jsonl = std::io::Cursor::new(std::fs::read(data("saudinewsnet.jsonl")).unwrap());
    let items: Vec<_> = Reader::from_reader("-", jsonl, IngestOptions::default())
        .unwrap()
        .collect();
    assert_eq!(items.len(), 3);
    assert!(items.iter().all(Result::is_ok));

    let bad = std::io::Cursor::new(b"  {\"text\": \"x\"\n".to_vec());
    let items: Vec<_> = Reader::from_reader("-", bad, IngestOptions::default())
        .unwrap()
        .collect();
    assert_eq!(items[0].as_ref().unwrap_err().record, "-:1");

    let text =
        std::io::Cursor::new(std::fs::read(seeds().join("001_ddf57a01e70e49b5.txt")).unwrap());
    let opts = IngestOptions {
        source: Some("youm7".into()),
        ..Default::default()
    };
    let items: Vec<_> = Reader::from_reader("-", text, opts).unwrap().collect();
    let a = items[0].as_ref().unwrap();
    assert_eq!((a.id.as_str(), a.source.as_str()), ("stdin", "youm7"));
    assert!(a.title.starts_with("واشنطن تشرع"));

    let gz = std::io::Cursor::new(gzip(&std::fs::read(data("ant.jsonl")).unwrap()));
    let n = Reader::from_reader("-", gz, IngestOptions::default())
        .unwrap()
        .filter(Result::is_ok)
        .count();
    assert_eq!(n, 3);
}

#[test]
fn progress_reaches_the_total() {
    let paths = [data("ant.jsonl"), data("saudinewsnet.jsonl")];
    let total: u64 = paths
        .iter()
        .map(|p| std::fs::metadata(p).unwrap().len())
        .sum();
    let mut reader = Reader::new(&paths, IngestOptions::default()).unwrap();
    assert_eq!(reader.progress().total, total);
    assert_eq!(reader.progress().done, 0);
    reader.next();
    let mid = reader.progress().done;
    assert!(mid > 0);
    let handle = reader.progress_handle();
    assert_eq!(reader.count(), 5);
    assert_eq!(handle.get().done, total);
}

#[test]
fn batches_give_the_same_records_in_the_same_order() {
    let dir = tempfile::tempdir().unwrap();
    let mut bytes = synthetic_jsonl(300).into_bytes();
    bytes.extend_from_slice(b"not json\n\xff\n");
    std::fs::write(dir.path().join("a.jsonl"), &bytes).unwrap();
    std::fs::write(
        dir.path().join("b.jsonl.gz"),
        gzip(&std::fs::read(data("ant.jsonl")).unwrap()),
    )
    .unwrap();
    std::fs::copy(
        seeds().join("000_f2781f012485ef63.txt"),
        dir.path().join("c.txt"),
    )
    .unwrap();
    std::fs::write(dir.path().join("d.jsonl"), b"").unwrap();
    let paths = [dir.path().to_path_buf()];
    let sequential: Vec<_> = Reader::new(&paths, IngestOptions::default())
        .unwrap()
        .collect();
    assert_eq!(sequential.len(), 300 + 2 + 3 + 1 + 1);
    let mut reader = Reader::new(&paths, IngestOptions::default()).unwrap();
    let mut batched = Vec::new();
    loop {
        let batch = reader.next_batch(37);
        if batch.is_empty() {
            break;
        }
        assert!(batch.len() <= 37);
        batched.extend(batch);
    }
    assert_eq!(batched, sequential);
}

mod props {
    use super::*;
    use proptest::prelude::*;

    fn input() -> impl Strategy<Value = Vec<u8>> {
        let piece = prop_oneof![
            Just(b"{\"id\": \"a\", \"text\": \"\xd9\x86\xd8\xb5\"}\n".to_vec()),
            Just(b"{\"text\": 5}\n".to_vec()),
            Just(b"\n\n".to_vec()),
            Just(vec![0x1f, 0x8b, 0x08]),
            Just(b"\xff\xfe\x00".to_vec()),
            proptest::collection::vec(any::<u8>(), 0..40),
            "[{}\\[\\]\":, a-z\u{0627}-\u{064a}\n]{0,40}".prop_map(String::into_bytes),
        ];
        proptest::collection::vec(piece, 0..8).prop_map(|v| v.concat())
    }

    proptest! {
        #[test]
        fn any_stream_is_read_without_panic(bytes in input()) {
            let opts = IngestOptions { max_line_bytes: 64, ..Default::default() };
            let reader = Reader::from_reader("-", std::io::Cursor::new(bytes), opts).unwrap();
            for item in reader.take(1000) {
                match item {
                    Ok(a) => prop_assert!(!a.text.is_empty()),
                    Err(p) => {
                        prop_assert!(p.record == "-" || p.record.starts_with("-:"), "{}", p.record);
                        prop_assert_eq!(p.error.to_lowercase(), p.error.clone());
                    }
                }
            }
        }
    }
}
