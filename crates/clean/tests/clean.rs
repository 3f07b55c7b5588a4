//! Behaviour of `clean::clean` on the seed articles, on realistic boilerplate and on story
//! sentences that look like boilerplate but must stay.

use clean::{clean, clean_title};
use model::RemovalReason;

const SEED_000: &str = include_str!("../../../testdata/seeds/000_f2781f012485ef63.txt");
const SEED_001: &str = include_str!("../../../testdata/seeds/001_ddf57a01e70e49b5.txt");

/// Every line of `original` that is not in `boilerplate` must appear in the cleaned text.
fn assert_story_kept(original: &str, cleaned: &str, boilerplate: &[&str]) {
    for line in original.lines().map(str::trim).filter(|l| !l.is_empty()) {
        if boilerplate.iter().any(|b| line.starts_with(b)) {
            continue;
        }
        assert!(
            cleaned.lines().any(|c| c == line),
            "story line lost: {line}"
        );
    }
}

#[test]
fn seed_001_loses_caption_and_read_also_only() {
    let c = clean(SEED_001);
    let caption = "الرئيس الأمريكي، جو بايدن";
    assert!(
        !c.text.lines().any(|l| l == caption),
        "caption still in text"
    );
    assert!(!c.text.contains("اقرأ أيضاً"), "read-also still in text");
    assert!(!c.text.contains("لجنة التحقيق الروسية"));
    assert_story_kept(SEED_001, &c.text, &[caption, "اقرأ أيضاً"]);

    let reasons: Vec<_> = c.removed.iter().map(|r| (r.reason, r.line)).collect();
    assert_eq!(
        reasons,
        [
            (RemovalReason::RepeatedCaption, 3),
            (RemovalReason::ReadAlso, 12)
        ]
    );
    assert_eq!(c.removed[0].text, caption);
    assert!(c.removed[1].text.starts_with("اقرأ أيضاً .."));
    // The title line and the first story paragraph stay in order.
    assert!(
        c.text
            .starts_with("واشنطن تشرع في بدء محادثات لتمويل قوة حفظ السلام في غزة\n\nتسعى إدارة")
    );
}

#[test]
fn seed_000_keeps_every_line() {
    let c = clean(SEED_000);
    assert!(c.removed.is_empty(), "{:?}", c.removed);
    assert_story_kept(SEED_000, &c.text, &[]);
}

#[test]
fn seed_text_is_idempotent() {
    for seed in [SEED_000, SEED_001] {
        let once = clean(seed);
        let twice = clean(&once.text);
        assert_eq!(once.text, twice.text);
        assert!(twice.removed.is_empty());
    }
}

const STORY: &str = "قال وزير الخارجية المصري إن المحادثات مع الجانب الإسرائيلي ستستأنف الأسبوع المقبل في القاهرة بحضور وفد أمريكي.";

/// Story paragraph + boilerplate line + story paragraph: the boilerplate goes with `reason`.
fn check_removed(boiler: &str, reason: RemovalReason) {
    let body = format!("{STORY}\n\n{boiler}\n\nوأضاف أن الوفد سيلتقي رئيس الوزراء يوم الخميس.");
    let c = clean(&body);
    assert_eq!(
        c.text,
        format!("{STORY}\n\nوأضاف أن الوفد سيلتقي رئيس الوزراء يوم الخميس."),
        "not removed: {boiler}"
    );
    assert_eq!(c.removed.len(), 1, "{boiler}: {:?}", c.removed);
    assert_eq!(c.removed[0].reason, reason, "{boiler}");
    assert_eq!(c.removed[0].line, 3);
    assert_eq!(c.removed[0].text, boiler.trim());
}

#[test]
fn arabic_read_also_lines_go() {
    for b in [
        "اقرأ أيضاً .. لجنة التحقيق الروسية: توصلنا إلى دليل يثبت صلة أوكرانيا بـ«هجوم موسكو» الإرهابي",
        "اقرأ أيضا: الجيش السوداني يستعيد السيطرة على مدينة ود مدني",
        "إقرأ أيضاً",
        "اقرأ ايضا: ارتفاع أسعار الذهب في السوق المحلية",
        "اقرأ المزيد: خطة ترامب للسلام في الشرق الأوسط",
        "للمزيد: قمة الرياض تبحث الأزمة اليمنية",
        "شاهد أيضاً.. لحظة انهيار مبنى سكني في القاهرة",
        "  - اقرأ أيضًا | وزير المالية: لا زيادة في الضرائب  ",
        "أخبار ذات صلة",
        "طالع أيضا: أمطار غزيرة تضرب الإسكندرية",
    ] {
        check_removed(b, RemovalReason::ReadAlso);
    }
}

#[test]
fn english_read_also_lines_go() {
    for b in [
        "Read also: Oil prices climb after OPEC+ cut",
        "Read more",
        "READ MORE: Gaza ceasefire talks resume in Cairo",
        "Related: UN envoy meets Houthi leaders",
        "See also - Sudan army retakes Wad Madani",
    ] {
        check_removed(b, RemovalReason::ReadAlso);
    }
}

#[test]
fn follow_us_lines_go() {
    for b in [
        "تابعونا على فيسبوك وتويتر",
        "تابعوا آخر الأخبار عبر قناتنا على تلغرام",
        "تابعوا أخبار السعودية عبر تطبيق الوطن",
        "حمّل تطبيق سكاي نيوز عربية",
        "تابعنا على إنستغرام @skynewsarabia",
        "Follow us on Twitter @AlArabiya_Eng",
        "Subscribe to our newsletter: daily Gulf briefing",
        "اشترك في النشرة البريدية",
    ] {
        check_removed(b, RemovalReason::FollowUs);
    }
}

#[test]
fn share_bars_go() {
    for b in [
        "شارك على فيسبوك تويتر واتساب",
        "فيسبوك تويتر واتساب تلغرام",
        "Facebook Twitter WhatsApp",
        "Share this",
        "Share on Facebook | Twitter | Email",
        "شارك الخبر",
        "شارك: فيسبوك - تويتر - طباعة",
    ] {
        check_removed(b, RemovalReason::ShareBar);
    }
}

#[test]
fn story_sentences_with_boilerplate_words_stay() {
    for s in [
        "وشارك في الاجتماع وزراء خارجية مصر والأردن والسعودية وقطر والإمارات.",
        "شارك في المؤتمر أكثر من ثلاثمئة خبير من عشرين دولة عربية وأجنبية.",
        "شارك على مدى يومين أكثر من 300 باحث في أعمال الندوة الدولية.",
        "وتابع الوزير قائلاً إن الحكومة ستعلن عن حزمة إجراءات جديدة.",
        "وتابعت المتحدثة أن التحقيق ما زال جارياً ولم يُحدَّد موعد لإعلان النتائج.",
        "تابع الرئيس الفلسطيني محمود عباس الاجتماعات عبر الفيديو من رام الله.",
        "واقرأ في البيان أن الحكومة تعهدت بدعم المزارعين المتضررين من الجفاف.",
        "للمزيد من الأمان، قررت وزارة الداخلية نشر دوريات إضافية في شوارع العاصمة ومحيط المطار.",
        "وللمزيد من التوضيح قال المتحدث إن القرار لن يشمل المقيمين.",
        "شاهد عيان قال لرويترز إن الانفجار وقع قرب السوق المركزي.",
        "وحمّل تطبيق الحكومة الإلكتروني أكثر من مليون مستخدم خلال أسبوع.",
        "Related talks are planned for next week in Cairo.",
        "Follow-up talks between the two sides are expected on Monday in Doha, officials said.",
        "Sharing intelligence with Washington, Cairo said, had helped foil the attack.",
        "نشرت الوزارة على حسابها في تويتر وفيسبوك بياناً حول الحادث.",
    ] {
        let body = format!("{STORY}\n\n{s}");
        let c = clean(&body);
        assert_eq!(c.text, body, "story sentence removed: {s}");
        assert!(c.removed.is_empty(), "{s}: {:?}", c.removed);
    }
}

#[test]
fn long_repeated_paragraph_is_not_a_caption() {
    let body = format!("{STORY}\n{STORY}");
    let c = clean(&body);
    assert_eq!(c.text, body);
    assert!(c.removed.is_empty());
}

#[test]
fn caption_repeated_three_times_is_recorded_once() {
    let body = format!(
        "صورة أرشيفية لمقر الأمم المتحدة\nصورة أرشيفية لمقر الأمم المتحدة\n\nصورة أرشيفية لمقر الأمم المتحدة\n{STORY}"
    );
    let c = clean(&body);
    assert_eq!(c.text, STORY);
    assert_eq!(c.removed.len(), 1);
    assert_eq!(c.removed[0].reason, RemovalReason::RepeatedCaption);
    assert_eq!(c.removed[0].line, 1);
}

#[test]
fn caption_pair_exposed_by_boilerplate_removal_goes_in_one_pass() {
    let body = format!(
        "المبعوث الأممي في صنعاء\nاقرأ أيضاً: الحوثيون يطلقون سراح أسرى\nالمبعوث الأممي في صنعاء\n{STORY}"
    );
    let c = clean(&body);
    assert_eq!(c.text, STORY);
    assert!(clean(&c.text).removed.is_empty());
}

#[test]
fn control_characters_are_counted_and_dropped() {
    let body =
        "\u{200F}قال الوزير\u{200F} إن\u{200B} الاجتماع انتهى\u{200F}.\n\nوأضـــاف أن الوفدَ سيعود.";
    let c = clean(body);
    assert_eq!(
        c.text,
        "قال الوزير إن الاجتماع انتهى.\n\nوأضـــاف أن الوفدَ سيعود."
    );
    assert_eq!(c.removed.len(), 1);
    assert_eq!(c.removed[0].reason, RemovalReason::ControlCharacters);
    assert_eq!(c.removed[0].text, "1 × U+200B, 3 × U+200F");
    assert_eq!(c.removed[0].line, 1);
}

#[test]
fn layout_is_normalised() {
    let body = "  \r\nالفقرة الأولى.  \r\n\r\n\r\n\r\nالفقرة الثانية.\rسطر تابع.\n\n";
    let c = clean(body);
    assert_eq!(c.text, "الفقرة الأولى.\n\nالفقرة الثانية.\nسطر تابع.");
}

#[test]
fn titles_are_tidied() {
    assert_eq!(
        clean_title("  \u{200F}بايدن:\n  لا  اتفاق \t بعد "),
        "بايدن: لا اتفاق بعد"
    );
}

mod props {
    use super::*;
    use proptest::prelude::*;

    fn body() -> impl Strategy<Value = String> {
        let line = prop_oneof![
            Just("اقرأ أيضاً: خبر".to_string()),
            Just("شارك على فيسبوك تويتر".to_string()),
            Just("الرئيس الأمريكي، جو بايدن".to_string()),
            Just(STORY.to_string()),
            Just(String::new()),
            "[ \u{200F}\u{200B}\r\tابتثجـًٌ،.:|a-zA-Z0-9]{0,40}",
            any::<String>(),
        ];
        proptest::collection::vec(line, 0..12).prop_map(|v| v.join("\n"))
    }

    proptest! {
        #[test]
        fn never_longer_and_idempotent(b in body()) {
            let once = clean(&b);
            prop_assert!(once.text.len() <= b.len());
            let twice = clean(&once.text);
            prop_assert_eq!(&twice.text, &once.text);
            prop_assert!(twice.removed.is_empty(), "{:?}", twice.removed);
        }
    }
}

#[test]
fn teaser_list_under_bare_read_also_header_goes() {
    let body = "وقال المحامي إن القضية ستعرض على المحكمة الشهر المقبل بعد استكمال التحقيقات.\nاقرأ أيضاً:\nالتفاصيل الكاملة لحكاية الرئيس الأمريكي مع ممثلة الأفلام الإباحية\nترامب يصف تفتيش مكتب محاميه بأنه \"اعتداء على الوطن\"\nالتحق كوهين بالجامعة في نيويورك ثم عمل محامياً لشركات العقارات طوال عقدين قبل أن ينضم إلى منظمة ترامب.";
    let c = clean(body);
    assert_eq!(
        c.text,
        "وقال المحامي إن القضية ستعرض على المحكمة الشهر المقبل بعد استكمال التحقيقات.\nالتحق كوهين بالجامعة في نيويورك ثم عمل محامياً لشركات العقارات طوال عقدين قبل أن ينضم إلى منظمة ترامب."
    );
    let lines: Vec<_> = c.removed.iter().map(|r| (r.reason, r.line)).collect();
    assert_eq!(
        lines,
        [
            (RemovalReason::ReadAlso, 2),
            (RemovalReason::ReadAlso, 3),
            (RemovalReason::ReadAlso, 4)
        ]
    );
}

#[test]
fn read_also_with_its_headline_does_not_eat_the_next_line() {
    let body = "اقرأ أيضاً: انتخابات مبكرة في إسرائيل\nالمبعوث الأممي يصل إلى عدن";
    let c = clean(body);
    assert_eq!(c.text, "المبعوث الأممي يصل إلى عدن");
}

#[test]
fn short_refrains_and_punctuation_rows_are_not_captions() {
    for body in ["وكم غيمة\nوكم غيمة", ".\n.", "// انتهى //\n// انتهى //"] {
        let c = clean(body);
        assert!(c.removed.is_empty(), "{body}: {:?}", c.removed);
    }
}
