//! Table-driven tests, one table per rule, on realistic Arabic news input.

use text::{date, normalize, number, sentence, stem, stopwords, terms, tokenize};

fn check<T: std::fmt::Debug + PartialEq>(rule: &str, input: &str, got: T, expected: T) {
    assert_eq!(
        got, expected,
        "rule `{rule}` on input {input:?}: got {got:?}, expected {expected:?}"
    );
}

fn key(word: &str) -> String {
    terms(word)
        .first()
        .map(|t| t.key.clone())
        .unwrap_or_default()
}

fn stripped_match(word: &str) -> String {
    normalize::match_word(stem::strip_clitics(&normalize::index(word)))
}

#[test]
fn display_level() {
    let cases = [
        ("\u{200F}البنتاغون\u{200E}", "البنتاغون"),
        ("الحمــد", "الحمــد"),
        ("أُعلنَ", "أُعلنَ"),
        ("ا\u{0654}علن", "أعلن"),
        ("ي\u{200D}\u{0654}", "ئ"),
        ("\u{FEFF}مصر\u{00AD}", "مصر"),
    ];
    for (i, e) in cases {
        check("display", i, normalize::display(i), e.to_string());
    }
}

#[test]
fn index_level() {
    let cases = [
        ("أُعلِنَ", "اعلن"),
        ("إسرائيل", "اسرائيل"),
        ("آلاف", "الاف"),
        ("ٱلله", "الله"),
        ("مصطفى", "مصطفي"),
        ("مدرسة", "مدرسه"),
        ("الحمــد", "الحمد"),
        ("٢٠٢٤", "2024"),
        ("۴۵۶", "456"),
        ("کتاب یک", "كتاب يك"),
        ("ﻻ", "لا"),
        ("ﺍﻟﺴﻼﻡ", "السلام"),
        ("ماذا؟ نعم، لا؛", "ماذا? نعم, لا;"),
        ("٢٤٫٥٪", "24.5%"),
        ("NATO Biden", "nato biden"),
        ("عامًا", "عاما"),
        ("ي\u{0654}", "ئ"),
        ("پاریس", "باريس"),
        ("ڤيينا", "فيينا"),
        ("«الناتو»", "\"الناتو\""),
    ];
    for (i, e) in cases {
        check("index", i, normalize::index(i), e.to_string());
    }
}

/// Pairs that must reach the same match key, both as a one-word text and via match_word.
const LOAN_PAIRS: &[(&str, &str)] = &[
    ("البنتاغون", "البنتاجون"),
    ("الأميركية", "الأمريكية"),
    ("مسؤول", "مسئول"),
    ("المسؤولين", "المسئولين"),
    ("شيء", "شئ"),
    ("مائة", "مئة"),
    ("غوغل", "جوجل"),
    ("الكونغرس", "الكونجرس"),
    ("تشيلي", "شيلي"),
    ("إنجلترا", "إنكلترا"),
    ("الكونغو", "الكونجو"),
    ("ميركل", "ميركيل"),
    ("نتنياهو", "نتانياهو"),
    ("هامبورغ", "هامبورج"),
    ("بلغاريا", "بلجاريا"),
    ("الأرجنتين", "الأرغنتين"),
    ("فاغنر", "فاجنر"),
    ("غرينلاند", "جرينلاند"),
    ("كولومبيا", "كولمبيا"),
    ("أوغندا", "أوجندا"),
    ("سنغافورة", "سنجافورة"),
    ("غواتيمالا", "جواتيمالا"),
    ("أنغولا", "أنجولا"),
    ("مونتينيغرو", "مونتينيجرو"),
    ("غورباتشوف", "جورباتشوف"),
    ("أولغا", "أولجا"),
    ("لوكسمبورغ", "لوكسمبورج"),
    ("جونسون", "جونسن"),
    ("بريطانيا", "بريطانية"),
    ("أوكرانيا", "أوكرانية"),
    ("غرينتش", "جرينتش"),
    ("بلومبيرغ", "بلومبرج"),
    ("غولدمان", "جولدمان"),
    ("أمازون", "امازون"),
    ("تشرشل", "شرشل"),
    ("البرتغال", "البرتقال"),
    ("غوتيريش", "جوتيريش"),
    ("نيجيريا", "نيغيريا"),
    ("شيكاغو", "شيكاجو"),
    ("إنستغرام", "إنستجرام"),
];

/// Native minimal pairs that must keep different match keys.
const NATIVE_PAIRS: &[(&str, &str)] = &[
    ("غرب", "جرب"),
    ("غار", "جار"),
    ("غزة", "جزة"),
    ("قال", "غال"),
    // غال/جال left this list: in both corpora they are two spellings of van Gaal (context
    // cosine 0.92, outlet split 0.54), so the mined table joins them.
    ("غمر", "جمر"),
    ("رغم", "رجم"),
    ("بلغ", "بلج"),
    ("غريب", "قريب"),
    ("غاز", "جاز"),
    ("غنى", "جنى"),
    ("غد", "جد"),
    ("غلق", "قلق"),
    ("الغربية", "الجربية"),
    ("غروب", "جروب"),
    ("غسل", "جسل"),
    ("غفر", "جفر"),
    ("مغرب", "مجرب"),
    ("غدر", "قدر"),
    ("غلاء", "جلاء"),
    ("الغرب", "الجرب"),
    ("رغبة", "رجبة"),
    ("غالب", "قالب"),
    ("قبل", "جبل"),
    ("قمر", "جمر"),
    ("قلب", "جلب"),
    ("قرية", "جرية"),
    ("قطع", "جطع"),
    ("كتاب", "كاتب"),
    ("محمد", "محمود"),
    ("جمال", "جمل"),
    ("جميل", "جمال"),
    ("عالم", "علم"),
    ("كريم", "كرم"),
    ("شد", "تشاد"),
    ("الشرق", "الغرق"),
    ("طريق", "تريق"),
    ("صيف", "سيف"),
    ("ضرب", "درب"),
    ("صدر", "سدر"),
    ("طبع", "تبع"),
    ("قلم", "كلم"),
    ("قتل", "كتل"),
    ("وقف", "وكف"),
    ("ملك", "ملق"),
    ("شكر", "شقر"),
    ("كبير", "قبير"),
    ("سكن", "سقن"),
    ("جامعة", "جمعة"),
    ("مدينة", "مدنية"),
    ("حرب", "حروب"),
    ("قرار", "قرارات"),
    ("عمل", "عامل"),
    ("سياسة", "سياسية"),
];

#[test]
fn loanword_pairs_meet() {
    let mut failed = Vec::new();
    for &(a, b) in LOAN_PAIRS {
        if key(a) != key(b) || stripped_match(a) != stripped_match(b) {
            failed.push(format!("{a}/{b}: {} vs {}", key(a), key(b)));
        }
    }
    // The nine pairs of the issue must all meet.
    let required = 9;
    for f in &failed {
        eprintln!("loanword pair missed: {f}");
    }
    for &(a, b) in &LOAN_PAIRS[..required] {
        assert_eq!(
            key(a),
            key(b),
            "required pair {a}/{b} must share a match key"
        );
        assert_eq!(
            stripped_match(a),
            stripped_match(b),
            "required pair {a}/{b} via match_word"
        );
    }
    // Native-word safety comes first, so short names with only vowel differences (ميركل/ميركيل)
    // are knowingly missed; the wider list must still mostly meet.
    let met = LOAN_PAIRS.len() - failed.len();
    assert!(
        met >= 25,
        "only {met} of {} loanword pairs meet: {failed:#?}",
        LOAN_PAIRS.len()
    );
}

#[test]
fn native_pairs_stay_apart() {
    for &(a, b) in NATIVE_PAIRS {
        assert_ne!(key(a), key(b), "native pair {a}/{b} merged into {}", key(a));
        assert_ne!(
            stripped_match(a),
            stripped_match(b),
            "native pair {a}/{b} merged via match_word"
        );
    }
    assert!(NATIVE_PAIRS.len() >= 40);
}

#[test]
fn clitics_and_stems() {
    let cases = [
        ("وبالمحادثات", "محادثات"),
        ("البنتاغون", "بنتاغون"),
        ("للبنتاغون", "بنتاغون"),
        ("والرئيس", "رييس"),
        ("بالمساعدة", "مساعده"),
        ("وقال", "قال"),
        ("واشنطن", "واشنطن"),
        ("ولد", "ولد"),
        ("بريطانيا", "بريطانيا"),
        ("لبنان", "لبنان"),
        ("كندا", "كندا"),
        ("فرنسا", "فرنسا"),
        ("الى", "الي"),
    ];
    for (i, e) in cases {
        let idx = normalize::index(i);
        let got = stem::strip_clitics(&idx).replace('ئ', "ي");
        check("strip_clitics", i, got, e.replace('ئ', "ي"));
    }
    let stems = [
        ("محادثات", "محادث"),
        ("مسؤولين", "مسؤول"),
        // A name (judged by the variant model) is never stemmed.
        ("الأميركية", "الاميركيه"),
        ("سياسية", "سياس"),
        ("قرار", "قرار"),
        ("دول", "دول"),
    ];
    for (i, e) in stems {
        check(
            "light_stem",
            i,
            stem::light_stem(&normalize::index(i)),
            e.to_string(),
        );
    }
    // Names are never stemmed below their body.
    let t = &terms("البنتاغون")[0];
    assert!(
        t.stem.chars().count() >= 5,
        "البنتاغون over-stemmed to {}",
        t.stem
    );
    let t = &terms("وبالمحادثات")[0];
    assert_eq!(t.key, "محادثات");
    assert_eq!(t.stem, "محادث");
}

#[test]
fn stop_words() {
    for w in ["في", "من", "على", "إلى", "التي", "الذي", "هذه", "قد", "لم"]
    {
        assert!(
            stopwords::is_stopword(&normalize::index(w)),
            "{w} should be a stop word"
        );
    }
    for w in ["البنتاغون", "غزة", "محادثات", "الرئيس"] {
        assert!(
            !stopwords::is_stopword(&normalize::index(w)),
            "{w} is not a stop word"
        );
    }
    assert!(stopwords::len() > 300);
}

#[test]
fn tokens() {
    let s = "قال 3.8 مليار و1,200 دولار، الحمــد ٢٠٢٤ NATO";
    let toks: Vec<(String, text::TokenKind)> = tokenize(s)
        .iter()
        .map(|t| (t.text(s).to_string(), t.kind))
        .collect();
    use text::TokenKind::*;
    let expected: Vec<(String, text::TokenKind)> = [
        ("قال", Arabic),
        ("3.8", Number),
        ("مليار", Arabic),
        ("و", Arabic),
        ("1,200", Number),
        ("دولار", Arabic),
        ("الحمــد", Arabic),
        ("٢٠٢٤", Number),
        ("NATO", Latin),
    ]
    .iter()
    .map(|(a, b)| (a.to_string(), *b))
    .collect();
    check("tokenize", s, toks, expected);
    // Marks and zero-width controls inside a word do not split it.
    let s = "مُحَمَّدٌ ال\u{200C}بنتاغون";
    let words: Vec<&str> = tokenize(s).iter().map(|t| t.text(s)).collect();
    check(
        "tokenize marks",
        s,
        words,
        vec!["مُحَمَّدٌ", "ال\u{200C}بنتاغون"],
    );
    // Sentence-final dot is not part of a number.
    let s = "بلغ 2024.";
    let words: Vec<&str> = tokenize(s).iter().map(|t| t.text(s)).collect();
    check("tokenize number end", s, words, vec!["بلغ", "2024"]);
}

#[test]
fn sentences() {
    let cases: &[(&str, &[&str])] = &[
        (
            "قال د. أحمد إن النمو بلغ 3.8 في المئة. وأضاف أن الوضع مستقر!",
            &[
                "قال د. أحمد إن النمو بلغ 3.8 في المئة.",
                "وأضاف أن الوضع مستقر!",
            ],
        ),
        (
            "التقى أ.د. محمد علي بالوفد؟ نعم",
            &["التقى أ.د. محمد علي بالوفد؟", "نعم"],
        ),
        (
            "العنوان ص.ب. 1234 الرياض.\nسطر ثان",
            &["العنوان ص.ب. 1234 الرياض.", "سطر ثان"],
        ),
        ("الساعة 10 ت.غ. غداً. ثم", &["الساعة 10 ت.غ. غداً.", "ثم"]),
        ("قال جون ف. كينيدي ذلك.", &["قال جون ف. كينيدي ذلك."]),
        ("ولد عام 1950 م. ثم هاجر", &["ولد عام 1950 م.", "ثم هاجر"]),
        ("قال: \"انتهى.\" ثم خرج", &["قال: \"انتهى.\"", "ثم خرج"]),
        ("ماذا حدث؟! لا أعرف...", &["ماذا حدث؟!", "لا أعرف..."]),
    ];
    for (input, expected) in cases {
        let got: Vec<&str> = sentence::sentences(input)
            .iter()
            .map(|&(s, e)| &input[s..e])
            .collect();
        check("sentences", input, got, expected.to_vec());
    }
}

#[test]
fn dates() {
    let cases: &[(&str, &str)] = &[
        ("2024-11-27 08:51 م", "2024-11-27T20:51:00"),
        ("2024-11-27 08:51 ص", "2024-11-27T08:51:00"),
        ("2024-11-27 12:10 ص", "2024-11-27T00:10:00"),
        ("الأربعاء 27 نوفمبر 2024", "2024-11-27"),
        ("27 تشرين الثاني 2024", "2024-11-27"),
        ("15 كانون الثاني/يناير 2025", "2025-01-15"),
        ("3 جانفي 2025", "2025-01-03"),
        ("5 فيفري 2024", "2024-02-05"),
        ("12 جوان 2023", "2023-06-12"),
        ("4 جويلية 2022", "2022-07-04"),
        ("20 أوت 2021", "2021-08-20"),
        ("1 يوليوز 2020", "2020-07-01"),
        ("14 غشت 2019", "2019-08-14"),
        ("9 شتنبر 2018", "2018-09-09"),
        ("30 نونبر 2017", "2017-11-30"),
        ("25 دجنبر 2016", "2016-12-25"),
        ("٢٧/١١/٢٠٢٤", "2024-11-27"),
        ("15 جمادى الأولى 1446 هـ", "2024-11-17"),
        ("1 رمضان 1445 هـ", "2024-03-11"),
        (
            "Sun, 18 Feb 2018 21:35:43 +0400",
            "2018-02-18T21:35:43+04:00",
        ),
        ("Sun, 18 Feb 2018 21:35:43 GMT", "2018-02-18T21:35:43+00:00"),
        ("2024-11-27T08:51:00+03:00", "2024-11-27T08:51:00+03:00"),
        ("2024-11-27T08:51:00Z", "2024-11-27T08:51:00+00:00"),
        ("2024-11-27T08:51:00", "2024-11-27T08:51:00"),
        ("2015-07-21 02:51:32", "2015-07-21T02:51:32"),
        ("2024-11-27", "2024-11-27"),
    ];
    for (input, iso) in cases {
        let got = date::parse_datetime(input).map(|d| d.iso);
        check("parse_datetime", input, got, Some(iso.to_string()));
    }
    let p = date::parse_datetime("Sun, 18 Feb 2018 21:35:43 +0400").map(|d| d.unix);
    check("rfc2822 unix", "rfc2822", p, Some(1_518_975_343));
    let p = date::parse_datetime("2024-11-27 08:51 م").map(|d| d.unix);
    check("civil unix", "2024-11-27 08:51 م", p, Some(1_732_740_660));
    for bad in [
        "",
        "غزة",
        "32 نوفمبر 2024",
        "2024-13-01",
        "قال 27 نوفمبر 2024 إن",
    ] {
        check(
            "parse_datetime rejects",
            bad,
            date::parse_datetime(bad),
            None,
        );
    }
    let s = "أعلن يوم الأربعاء 27 نوفمبر 2024 أن الاجتماع في 15 جمادى الأولى 1446 هـ.";
    let found = date::find_dates(s);
    let got: Vec<(&str, &str)> = found
        .iter()
        .map(|d| (&s[d.start..d.end], d.iso.as_str()))
        .collect();
    check(
        "find_dates",
        s,
        got,
        vec![
            ("الأربعاء 27 نوفمبر 2024", "2024-11-27"),
            ("15 جمادى الأولى 1446 هـ", "2024-11-17"),
        ],
    );
}

#[test]
fn numbers() {
    let cases: &[(&str, f64)] = &[
        ("3.8 مليار", 3.8e9),
        ("ثلاثة", 3.0),
        ("٣٫٨", 3.8),
        ("1,200", 1200.0),
        ("١٢٠٠", 1200.0),
        ("مائة", 100.0),
        ("مئة", 100.0),
        ("ثلاثمائة", 300.0),
        ("ثلاث مئة", 300.0),
        ("خمسة وعشرون", 25.0),
        ("ثلاثة آلاف", 3000.0),
        ("ألفين", 2000.0),
        ("مليونين", 2e6),
        ("200 ألف", 200000.0),
        ("5 ملايين", 5e6),
        ("اثنا عشر", 12.0),
        ("ثلاثة آلاف وخمسمائة", 3500.0),
        ("عشرة", 10.0),
    ];
    for (input, v) in cases {
        check("parse_number", input, number::parse_number(input), Some(*v));
    }
    let s = "قتل أربعة مسؤولين وأصيب 12 آخرون في هجوم كلف 3.8 مليار دولار";
    let got: Vec<(&str, f64)> = number::find_numbers(s)
        .iter()
        .map(|m| (&s[m.start..m.end], m.value))
        .collect();
    check(
        "find_numbers",
        s,
        got,
        vec![("أربعة", 4.0), ("12", 12.0), ("3.8 مليار", 3.8e9)],
    );
    let s = "التقى أحد المسؤولين";
    check("find_numbers someone", s, number::find_numbers(s), vec![]);
}

#[test]
fn seed_articles_share_loanword_keys() {
    let a = include_str!("data/000_f2781f012485ef63.txt");
    let b = include_str!("data/001_ddf57a01e70e49b5.txt");
    let keys = |t: &str| {
        terms(t)
            .into_iter()
            .map(|t| t.key)
            .collect::<std::collections::HashSet<_>>()
    };
    let (ka, kb) = (keys(a), keys(b));
    for w in ["البنتاغون", "الأميركية", "المسؤولين"] {
        let k = key(w);
        assert!(ka.contains(&k), "seed 000 should contain key {k} of {w}");
    }
    for w in ["البنتاجون", "الأمريكية"] {
        let k = key(w);
        assert!(kb.contains(&k), "seed 001 should contain key {k} of {w}");
    }
    // First line of seed 000 is its date.
    let first = a.lines().next().unwrap_or("");
    check(
        "seed date",
        first,
        date::parse_datetime(first).map(|d| d.iso),
        Some("2024-11-27T20:51:00".to_string()),
    );
    let shared = ka.intersection(&kb).count();
    assert!(
        shared > 50,
        "the two seed articles should share many keys, got {shared}"
    );
    // Offsets point at the original text.
    for t in terms(a) {
        assert_eq!(normalize::index(&a[t.start..t.end]), t.index);
    }
}

#[test]
fn analysis_serialises() {
    let s = "قال د. أحمد في 27 نوفمبر 2024 إن البنتاغون خصص 3.8 مليار دولار.";
    let a = text::analyze(s);
    assert_eq!(a.sentences.len(), 1);
    assert_eq!(a.dates.len(), 1);
    assert_eq!(
        a.numbers.iter().map(|n| n.value).collect::<Vec<_>>(),
        vec![27.0, 2024.0, 3.8e9]
    );
    let pent = a
        .tokens
        .iter()
        .find(|t| t.text == "البنتاغون")
        .expect("token");
    assert!(pent.foreign);
    let json = serde_json::to_string(&a).expect("json");
    assert!(json.contains("\"kind\":\"arabic\""));
    assert!(a.to_text().contains("البنتاغون"));
}

#[test]
fn lexicon_matches_the_rust_skeleton() {
    // tools/build_lexicon.py mirrors normalize::skeleton; every shipped line must be a fixpoint.
    let lex = include_str!("../data/loan_skeletons.txt");
    let mut bad = Vec::new();
    let mut n = 0;
    for l in lex.lines().filter(|l| !l.starts_with('#') && !l.is_empty()) {
        n += 1;
        if normalize::skeleton(l) != l {
            bad.push(l);
        }
    }
    assert!(n > 10_000, "lexicon too small: {n}");
    assert!(
        bad.len() * 1000 < n,
        "{} lexicon lines are not Rust skeleton fixpoints: {:?}",
        bad.len(),
        &bad[..bad.len().min(20)]
    );
    assert_eq!(normalize::loan_lexicon_len(), n);
}

#[test]
fn name_keys_never_equal_native_keys() {
    // A name's key carries the mark, so a name whose skeleton is a native word (كيم → كم,
    // فان → فن) keeps apart from it; and every key is a fixpoint of match_word.
    for (name, native) in [("كيم", "كم"), ("لويس", "لس"), ("باراك", "برك")] {
        let (kn, kw) = (normalize::match_word(name), normalize::match_word(native));
        assert_ne!(kn, kw, "{name}/{native}");
        assert_eq!(normalize::match_word(&kn), kn);
    }
}

#[test]
fn proclitic_letters_that_belong_to_the_word_stay() {
    // فيصل is a name, not ف + يصل ("arrives"); وزارة is not و + زارة; ألمانيا keeps its ال. These
    // words take other proclitics in the corpora (لفيصل، ووزارة، لألمانيا), which the variant
    // builder counts; ordinary clitics still come off.
    for (w, bare) in [
        ("فيصل", "فيصل"),
        ("وفيصل", "فيصل"),
        ("وزارة", "وزاره"),
        ("ووزارة", "وزاره"),
        ("ألمانيا", "المانيا"),
        ("والمانيا", "المانيا"),
        ("وقال", "قال"),
        ("فقال", "قال"),
        ("والسيارة", "سياره"),
    ] {
        assert_eq!(stem::strip_clitics(&normalize::index(w)), bare, "{w}");
    }
}
