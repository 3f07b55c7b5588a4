//! Behaviour of duplicate detection on realistic Arabic news text.

use dedup::{
    Banding, Config, Doc, Group, GroupDoc, Index, Kind, Match, Signature, agency, batch,
    batch_matches, classify, groups, signature,
};
use std::collections::BTreeSet;

const LEVANTINE: &str = include_str!("data/seed_levantine.txt");
const EGYPTIAN: &str = include_str!("data/seed_egyptian.txt");

/// The Levantine seed rewritten in the Egyptian spelling tradition, with two small edits, as an
/// Egyptian outlet republishing it would.
fn egyptian_copy() -> String {
    LEVANTINE
        .replace("البنتاغون", "البنتاجون")
        .replace("الأميركية", "الأمريكية")
        .replace("الأميركي", "الأمريكي")
        .replace("المسؤولين", "المسئولين")
        .replace("مسؤولين", "مسئولين")
        .replace("مسؤول", "مسئول")
        .replace("مشيراً", "مشيرا")
        .replacen("، جو بايدن،", " جو بايدن", 1)
}

const LOCAL_LEAD: &str = "الرياض - خاص\n\nرحبت أوساط سياسية في الرياض بأي جهد دولي يضمن وقف الحرب على غزة ويعيد الأمن \
إلى القطاع، وأكد دبلوماسيون عرب تحدثوا للصحيفة أن المملكة تتابع عن كثب النقاشات الجارية في واشنطن حول ترتيبات ما بعد الحرب، \
وأنها تشترط مسارا واضحا نحو إقامة الدولة الفلسطينية المستقلة قبل أي التزام بالمشاركة في التمويل أو في الترتيبات الأمنية.\n\n\
وقال أستاذ العلاقات الدولية في جامعة الملك سعود إن الحديث عن قوة حفظ سلام يبقى نظريا ما لم تتوقف العمليات العسكرية، \
مضيفا أن التجارب السابقة في المنطقة أظهرت أن نجاح مثل هذه المهام مرهون بقبول الأطراف المحلية وبوجود غطاء سياسي عربي ودولي \
واسع، وأن الدول العربية لن تقبل أن تتحول قواتها إلى بديل عن الاحتلال في إدارة القطاع. وأشار إلى أن الإدارة الأمريكية المقبلة \
قد تعيد النظر في هذه الخطط كلها بعد تسلمها السلطة في يناير المقبل.\n\n";

const OTHER_PENTAGON_STORY: &str = "أعلنت وزارة الدفاع الأميركية (البنتاغون) الثلاثاء أنها وافقت على صفقة محتملة لبيع \
طائرات مسيرة ومعدات دعم فني إلى دولة خليجية بقيمة تقارب ملياري دولار، وقالت في بيان إن الصفقة ستعزز قدرات الحليف على مراقبة \
حدوده البحرية ومواجهة التهديدات في المنطقة.\n\nوأوضح البيان أن وكالة التعاون الأمني الدفاعي أخطرت الكونغرس بالصفقة، الذي أمامه \
ثلاثون يوما للاعتراض عليها، مشيرا إلى أن الشركة المصنعة ستتولى تدريب الطواقم وصيانة الطائرات لمدة خمس سنوات. ولم تكشف الوزارة \
عن عدد الطائرات المشمولة بالصفقة، فيما قال مسؤول في الكونغرس إن المشرعين سيطلبون إيضاحات بشأن ضمانات الاستخدام.";

fn cfg() -> Config {
    Config::default()
}

#[test]
fn spelling_traditions_collide_as_near_duplicate() {
    let cfg = cfg();
    let copy = egyptian_copy();
    assert_ne!(copy, LEVANTINE, "the copy must really differ");
    let v = classify(&cfg, &signature(&cfg, &copy), &signature(&cfg, LEVANTINE))
        .expect("a copy in the other spelling tradition");
    assert_eq!(v.kind, Kind::Near, "{v:?}");
    assert!(v.similarity >= 0.9, "{v:?}");
}

#[test]
fn punctuation_and_spacing_changes_are_exact() {
    let cfg = cfg();
    let respaced = LEVANTINE.replace("، ", " ،  ").replace('\n', "\n\n");
    let v = classify(
        &cfg,
        &signature(&cfg, &respaced),
        &signature(&cfg, LEVANTINE),
    )
    .expect("same words");
    assert_eq!(v.kind, Kind::Exact);
    let tashkeel = LEVANTINE
        .replacen("البنتاغون", "البنتاغونُ", 1)
        .replace("أن ", "أنّ ");
    assert_eq!(
        signature(&cfg, &tashkeel).exact,
        signature(&cfg, LEVANTINE).exact,
        "diacritics are dropped at index level"
    );
}

#[test]
fn wire_copy_with_local_lead_is_containment() {
    let cfg = cfg();
    let local = format!("{LOCAL_LEAD}{}", egyptian_copy());
    let (wire, with_lead) = (signature(&cfg, LEVANTINE), signature(&cfg, &local));
    let v = classify(&cfg, &wire, &with_lead).expect("the wire copy is inside the local article");
    assert_eq!(v.kind, Kind::Containment, "{v:?}");
    assert!(v.first_contained, "the wire copy is the contained text");
    assert!(v.share >= 0.85, "{v:?}");
    assert!(v.similarity < 0.95);
    // The same pair seen from the other side.
    let w = classify(&cfg, &with_lead, &wire).expect("symmetric");
    assert_eq!(w.kind, Kind::Containment);
    assert!(!w.first_contained);
}

#[test]
fn different_stories_on_the_same_topic_are_not_duplicates() {
    let cfg = cfg();
    // The two seeds tell the same Politico story in two outlets' own words.
    assert_eq!(
        classify(
            &cfg,
            &signature(&cfg, LEVANTINE),
            &signature(&cfg, EGYPTIAN)
        ),
        None
    );
    assert_eq!(
        classify(
            &cfg,
            &signature(&cfg, OTHER_PENTAGON_STORY),
            &signature(&cfg, LEVANTINE)
        ),
        None
    );
    assert_eq!(
        classify(
            &cfg,
            &signature(&cfg, OTHER_PENTAGON_STORY),
            &signature(&cfg, LOCAL_LEAD)
        ),
        None
    );
}

#[test]
fn empty_and_short_texts_never_match() {
    let cfg = cfg();
    let short = "عاجل: انفجار في بيروت";
    for (a, b) in [
        ("", ""),
        ("   \n", ""),
        ("...", "!!!"),
        (short, short),
        ("عاجل", "عاجل"),
    ] {
        let (x, y) = (signature(&cfg, a), signature(&cfg, b));
        assert!(!x.eligible(&cfg), "{a:?} must be too short");
        assert_eq!(classify(&cfg, &x, &y), None, "{a:?} / {b:?}");
    }
    let docs: Vec<Doc> = ["", "", short, short, "عاجل", "عاجل"]
        .iter()
        .enumerate()
        .map(|(i, t)| Doc {
            id: ["e1", "e2", "s1", "s2", "w1", "w2"][i],
            published: None,
            text: t,
        })
        .collect();
    assert!(batch(&cfg, &docs).unwrap().is_empty());
    let mut index = Index::new(cfg.clone()).unwrap();
    for d in &docs {
        assert!(
            index
                .insert(d.id, None, &signature(&cfg, d.text))
                .unwrap()
                .is_empty(),
            "{}",
            d.id
        );
    }
}

#[test]
fn banding_finds_a_pair_at_the_threshold_95_percent_of_the_time() {
    for t in [0.5, 0.6, 0.7, 0.8, 0.85, 0.9, 0.95] {
        let cfg = Config {
            threshold: t,
            floor: t.min(0.5),
            ..Config::default()
        };
        let b = Banding::choose(&cfg);
        assert!(b.bands * b.rows <= cfg.num_perm, "{b:?}");
        assert!(
            b.probability(t) >= 0.95,
            "t={t} {b:?} p={}",
            b.probability(t)
        );
        assert!(b.probability(cfg.floor) >= 0.8, "floor {b:?}");
        // Unrelated texts (content-word Jaccard 0.1) are rarely candidates.
        let limit = if t >= 0.7 { 0.01 } else { 0.05 };
        assert!(
            b.probability(0.1) < limit,
            "t={t} {b:?} p(0.1)={}",
            b.probability(0.1)
        );
    }
    let b = Banding::choose(&Config::default());
    assert_eq!((b.bands, b.rows), (25, 4));
    // datasketch's default split for 0.8 and 128 hashes (9 bands of 13) finds such a pair less often.
    assert!(Banding { bands: 9, rows: 13 }.probability(0.8) < 0.5);
}

#[test]
fn jaccard_estimate_tracks_the_truth() {
    // Texts of distinct Latin words: content-word sets with known Jaccard.
    let cfg = cfg();
    let words = |range: std::ops::Range<usize>| {
        range
            .map(|i| format!("w{}x", to_letters(i)))
            .collect::<Vec<_>>()
            .join(" ")
    };
    for (shared, only) in [(400, 0), (360, 20), (300, 50), (200, 100), (100, 150)] {
        let truth = shared as f64 / (shared + 2 * only) as f64;
        let mut err = 0.0;
        let trials = 12;
        for t in 0..trials {
            let base = t * 10_000;
            let a = format!(
                "{} {}",
                words(base..base + shared),
                words(base + 5000..base + 5000 + only)
            );
            let b = format!(
                "{} {}",
                words(base..base + shared),
                words(base + 7000..base + 7000 + only)
            );
            let (x, y) = (signature(&cfg, &a), signature(&cfg, &b));
            assert_eq!(x.near_count as usize, shared + only);
            let est = x.near.iter().zip(&y.near).filter(|(p, q)| p == q).count() as f64
                / x.near.len() as f64;
            err += est - truth;
        }
        let bias = err / trials as f64;
        assert!(bias.abs() < 0.03, "J={truth}: mean error {bias}");
    }
}

fn to_letters(mut i: usize) -> String {
    let mut s = String::new();
    loop {
        s.push((b'a' + (i % 26) as u8) as char);
        i /= 26;
        if i == 0 {
            return s;
        }
    }
}

#[test]
fn signature_bytes_round_trip_and_reject_garbage() {
    let cfg = cfg();
    let sig = signature(&cfg, LEVANTINE);
    let bytes = sig.to_bytes();
    assert_eq!(bytes.len(), 21 + 2 * (128 + 64));
    assert_eq!(Signature::from_bytes(&bytes).unwrap(), sig);
    assert!(Signature::from_bytes(&bytes[..bytes.len() - 1]).is_err());
    assert!(Signature::from_bytes(&bytes[..5]).is_err());
    let mut other_version = bytes.clone();
    other_version[0] = 99;
    assert!(Signature::from_bytes(&other_version).is_err());
}

/// Pinned values: if this fails, the signature algorithm changed and stored signatures no
/// longer compare; bump `ALGORITHM_VERSION` and re-pin deliberately.
#[test]
fn signature_is_pinned() {
    let cfg = cfg();
    // Latin words only, so that the pin depends on this crate's algorithm, not on Arabic keys.
    let text = "Khabar dedup pins signatures: alpha bravo charlie delta echo foxtrot golf hotel india juliett kilo lima mike november oscar papa quebec romeo sierra tango";
    let sig = signature(&cfg, text);
    assert_eq!(dedup::ALGORITHM_VERSION, 1);
    assert_eq!(
        (sig.near_count, sig.cont_count),
        (PIN_COUNTS.0, PIN_COUNTS.1)
    );
    assert_eq!(sig.exact, PIN_EXACT, "exact {:#x}", sig.exact);
    assert_eq!(&sig.near[..8], &PIN_NEAR, "near {:?}", &sig.near[..8]);
    assert_eq!(&sig.cont[..8], &PIN_CONT, "cont {:?}", &sig.cont[..8]);
    assert_eq!(
        xxhash_of(&sig.to_bytes()),
        PIN_BYTES,
        "bytes {:#x}",
        xxhash_of(&sig.to_bytes())
    );
}

const PIN_COUNTS: (u32, u32) = (24, 23);
const PIN_EXACT: u64 = 0x5adc_ab25_456f_9bf8;
const PIN_NEAR: [u16; 8] = [1009, 1181, 2911, 39, 2468, 4774, 1892, 744];
const PIN_CONT: [u16; 8] = [14747, 13576, 59567, 56080, 18682, 53515, 6919, 16284];
const PIN_BYTES: u64 = 0xc9b5_b723_88e5_7e19;

fn xxhash_of(bytes: &[u8]) -> u64 {
    // FNV-1a: independent of the hash under test.
    bytes.iter().fold(0xcbf2_9ce4_8422_2325u64, |h, &b| {
        (h ^ b as u64).wrapping_mul(0x100_0000_01b3)
    })
}

#[test]
fn config_is_validated() {
    for bad in [
        Config {
            num_perm: 0,
            ..Config::default()
        },
        Config {
            threshold: 0.0,
            ..Config::default()
        },
        Config {
            threshold: 1.5,
            ..Config::default()
        },
        Config {
            floor: 0.9,
            threshold: 0.8,
            ..Config::default()
        },
        Config {
            shingle: 0,
            ..Config::default()
        },
        Config {
            containment_ratio: 0.5,
            ..Config::default()
        },
    ] {
        assert!(bad.validate().is_err(), "{bad:?}");
        assert!(Index::new(bad.clone()).is_err());
        assert!(batch(&bad, &[]).is_err());
    }
    let cfg = cfg();
    let mut index = Index::new(cfg.clone()).unwrap();
    let other = signature(
        &Config {
            num_perm: 64,
            ..Config::default()
        },
        LEVANTINE,
    );
    assert!(
        index.insert("x", None, &other).is_err(),
        "signatures of another config are refused"
    );
}

#[test]
fn agency_credits_are_recognised() {
    let cases: &[(&str, Option<&str>)] = &[
        (
            "الرياض (واس) - أعلنت وزارة الصحة اليوم عن افتتاح مستشفى جديد.",
            Some("واس"),
        ),
        (
            "أعلنت وزارة الصحة اليوم عن افتتاح مستشفى جديد.\nالمصدر: وكالة الأنباء السعودية",
            Some("واس"),
        ),
        (
            "قال مسؤولون إن طائرة هليكوبتر سقطت في نهر بمدينة نيويورك. حسب رويترز.\nوأضاف المسؤولون أن غطاسين يعملون.",
            Some("رويترز"),
        ),
        ("بيروت - (أ ف ب): قتل ثلاثة أشخاص في انفجار.", Some("أ ف ب")),
        ("ونقلت \"فرانس برس\" عن مسؤول قوله إن الاجتماع تأجل.", None),
        (
            "وذكرت وكالة فرانس برس أن الاجتماع تأجل إلى الأسبوع المقبل.",
            Some("أ ف ب"),
        ),
        (
            "القاهرة - أ ش أ\nأكد وزير الخارجية أهمية الحوار.",
            Some("أ ش أ"),
        ),
        (
            "وقال المتحدث في تصريح لرويترز إن المحادثات مستمرة.",
            Some("رويترز"),
        ),
        (
            "انتقد المتحدث تقرير رويترز الأخير بشدة خلال المؤتمر الصحفي.",
            None,
        ),
        ("أعلن الرئيس افتتاح المشروع الجديد في العاصمة.", None),
        ("", None),
    ];
    for (text, want) in cases {
        assert_eq!(agency(text), *want, "{text}");
    }
}

#[derive(serde::Deserialize)]
struct DevArticle {
    id: String,
    published: Option<String>,
    text: String,
}

#[derive(serde::Deserialize)]
struct DevPair {
    a: String,
    b: String,
}

/// (id, published, title + text) of the dev articles.
type DevDoc = (String, Option<i64>, String);

fn dev() -> (Vec<DevDoc>, Vec<DevPair>) {
    let arts: Vec<DevArticle> = include_str!("data/dev_articles.jsonl")
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let pairs = include_str!("data/dev_pairs.jsonl")
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let docs = arts
        .into_iter()
        .map(|a| {
            let unix = a
                .published
                .as_deref()
                .and_then(text::date::parse_datetime)
                .map(|d| d.unix);
            // Bodies only, as `Doc::from(&Article)` gives them.
            (a.id, unix, a.text)
        })
        .collect();
    (docs, pairs)
}

fn key(m: &Match) -> (String, String) {
    if m.a < m.b {
        (m.a.clone(), m.b.clone())
    } else {
        (m.b.clone(), m.a.clone())
    }
}

#[test]
fn dev_set_near_duplicates_are_all_found() {
    let cfg = cfg();
    let (docs, pairs) = dev();
    let input: Vec<Doc> = docs
        .iter()
        .map(|(id, p, t)| Doc {
            id,
            published: *p,
            text: t,
        })
        .collect();
    let found: BTreeSet<(String, String)> = batch_matches(&cfg, &input)
        .unwrap()
        .iter()
        .map(key)
        .collect();
    assert_eq!(pairs.len(), 16);
    for p in &pairs {
        let k = if p.a < p.b {
            (p.a.clone(), p.b.clone())
        } else {
            (p.b.clone(), p.a.clone())
        };
        assert!(found.contains(&k), "missed {} / {}", p.a, p.b);
    }
    // Incremental insertion finds the same pairs as the batch run.
    let mut index = Index::new(cfg.clone()).unwrap();
    let mut incremental = BTreeSet::new();
    for d in &input {
        for m in index
            .insert(d.id, d.published, &signature(&cfg, d.text))
            .unwrap()
        {
            incremental.insert(key(&m));
        }
    }
    assert_eq!(incremental, found);
    // The France24 feed duplicates are exact; the AFP copy with its extra lead is a containment.
    let matches = batch_matches(&cfg, &input).unwrap();
    let kind_of = |a: &str, b: &str| {
        matches
            .iter()
            .find(|m| (m.a == a && m.b == b) || (m.a == b && m.b == a))
            .map(|m| m.kind)
    };
    assert_eq!(
        kind_of(
            "FR-internationalNews-378-20180312",
            "FR-middleEast-136-20180312"
        ),
        Some(Kind::Exact)
    );
    assert_eq!(
        kind_of(
            "SK-internationalNews-304-20180312",
            "FR-internationalNews-396-20180313"
        ),
        Some(Kind::Containment)
    );
}

#[test]
fn groups_have_the_earliest_origin_and_serialise_as_the_cli_line() {
    let cfg = cfg();
    let copy = egyptian_copy();
    let local = format!("{LOCAL_LEAD}{LEVANTINE}");
    let wire = format!("{LEVANTINE}\n(واس)");
    let docs = [
        Doc {
            id: "b-copy",
            published: Some(2_000),
            text: &copy,
        },
        Doc {
            id: "z-undated",
            published: None,
            text: LEVANTINE,
        },
        Doc {
            id: "a-wire",
            published: Some(1_000),
            text: &wire,
        },
        Doc {
            id: "c-local",
            published: Some(3_000),
            text: &local,
        },
        Doc {
            id: "other",
            published: Some(500),
            text: OTHER_PENTAGON_STORY,
        },
    ];
    let gs: Vec<Group> = batch(&cfg, &docs).unwrap();
    assert_eq!(gs.len(), 1, "{gs:?}");
    let g = &gs[0];
    assert_eq!(g.origin, "a-wire");
    assert_eq!(g.agency.as_deref(), Some("واس"));
    let members: Vec<(&str, Kind)> = g.members.iter().map(|m| (m.id.as_str(), m.kind)).collect();
    // The undated copy lacks the credit line, so it is near, not exact.
    assert_eq!(
        members,
        vec![
            ("b-copy", Kind::Near),
            ("c-local", Kind::Containment),
            ("z-undated", Kind::Near)
        ]
    );
    assert!(g.members[2].similarity >= 0.95);
    let line = serde_json::to_string(g).unwrap();
    assert!(
        line.starts_with(r#"{"group":1,"origin":"a-wire","members":[{"id":"b-copy","similarity":"#),
        "{line}"
    );
    assert!(
        line.contains(r#""kind":"containment""#) && line.ends_with(r#""agency":"واس"}"#),
        "{line}"
    );

    // Ties on the publication time go to the smaller id; grouping from stored matches agrees.
    let matches = batch_matches(&cfg, &docs).unwrap();
    let gdocs: Vec<GroupDoc> = ["b-copy", "z-undated", "a-wire", "c-local", "other"]
        .iter()
        .map(|id| GroupDoc {
            id,
            published: Some(7),
            agency: None,
        })
        .collect();
    let from_matches = groups(&gdocs, &matches);
    assert_eq!(from_matches.len(), 1);
    assert_eq!(from_matches[0].origin, "a-wire");
    assert_eq!(from_matches[0].members.len(), 3);
}

#[test]
fn batch_output_is_deterministic() {
    let cfg = cfg();
    let (docs, _) = dev();
    let input: Vec<Doc> = docs
        .iter()
        .map(|(id, p, t)| Doc {
            id,
            published: *p,
            text: t,
        })
        .collect();
    let first = batch(&cfg, &input).unwrap();
    for _ in 0..3 {
        assert_eq!(batch(&cfg, &input).unwrap(), first);
    }
    assert!(first.len() >= 15, "{}", first.len());
}

/// Many documents, so that the index merges its recent tier several times: incremental
/// insertion must find exactly the pairs of a batch run.
#[test]
fn incremental_index_agrees_with_batch_across_merges() {
    let cfg = cfg();
    let mut state = 0x2545_f491_4f6c_dd1du64;
    let mut rand = move |n: u64| {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state % n
    };
    let mut texts: Vec<String> = Vec::new();
    for i in 0..6000 {
        if i % 10 == 9 {
            // A copy of an earlier text with one word changed.
            let src = texts[rand(i as u64) as usize].clone();
            let mut words: Vec<&str> = src.split(' ').collect();
            let at = rand(words.len() as u64) as usize;
            words[at] = "بديلة";
            texts.push(words.join(" "));
        } else {
            texts.push(
                (0..60)
                    .map(|_| format!("ك{}", to_letters(rand(5000) as usize)))
                    .collect::<Vec<_>>()
                    .join(" "),
            );
        }
    }
    let ids: Vec<String> = (0..texts.len()).map(|i| format!("n{i}")).collect();
    let docs: Vec<Doc> = texts
        .iter()
        .zip(&ids)
        .map(|(t, id)| Doc {
            id,
            published: None,
            text: t,
        })
        .collect();
    let batch_pairs: BTreeSet<(String, String)> = batch_matches(&cfg, &docs)
        .unwrap()
        .iter()
        .map(key)
        .collect();
    assert!(batch_pairs.len() >= 600, "{}", batch_pairs.len());
    let mut index = Index::new(cfg.clone()).unwrap();
    let mut inc = BTreeSet::new();
    for d in &docs {
        for m in index
            .insert(d.id, d.published, &signature(&cfg, d.text))
            .unwrap()
        {
            inc.insert(key(&m));
        }
    }
    assert_eq!(inc, batch_pairs);
    index.compact();
    assert_eq!(index.len(), 6000);
    assert_eq!(index.doc(5999), Some(("n5999", None)));
    assert!(
        index.heap_bytes() < 1024 * 6000,
        "{} B/doc",
        index.heap_bytes() / 6000
    );
}
