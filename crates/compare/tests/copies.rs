//! Copies of one text count as one source: a wire story run by two outlets with a rewritten lead
//! and an added paragraph, an outlet's article republished under another section.

use compare::{Options, compare};

mod common;
use common::article;

/// An agency text on a ferry sinking, as the agency sent it.
const WIRE: [&str; 6] = [
    "قال مسؤولون في خفر السواحل إن عبارة تقل أكثر من مئتي راكب غرقت قبالة سواحل جزيرة سولاويسي الإندونيسية مساء الأحد بعد أن ضربتها أمواج عاتية.",
    "وأوضح المتحدث باسم وكالة البحث والإنقاذ يوسف لطيف أن فرق الإغاثة انتشلت حتى الآن جثث أربعة عشر شخصا وأنقذت ستة وثمانين آخرين.",
    "وأضاف أن عمليات البحث عن المفقودين ستستمر طوال الليل بمشاركة سفن البحرية وطائرات الهليكوبتر رغم سوء الأحوال الجوية.",
    "وأشار إلى أن العبارة كانت في طريقها من ميناء باو باو إلى مدينة كنداري عندما انقطع الاتصال بها قرابة الساعة السادسة مساء.",
    "ونقلت وسائل إعلام محلية عن ناجين قولهم إن العبارة كانت مكتظة بالركاب والبضائع وإن كثيرين لم يرتدوا سترات النجاة.",
    "وتعد حوادث العبارات شائعة في إندونيسيا، الأرخبيل المؤلف من أكثر من سبعة عشر ألف جزيرة، بسبب ضعف معايير السلامة.",
];

/// The agency text run by one outlet under a lead of its own.
fn outlet_a() -> String {
    let mut lines = vec![
        "غرقت عبارة مكتظة بالركاب قرب جزيرة سولاويسي في إندونيسيا، في أسوأ حادث بحري تشهده البلاد هذا العام.",
    ];
    lines.extend(&WIRE);
    lines.join("\n")
}

/// The agency text run by a second outlet, lightly edited, with a paragraph of its own.
fn outlet_b() -> String {
    let mut lines: Vec<String> = WIRE
        .iter()
        .map(|l| l.replace("الهليكوبتر", "الهليكوبتر التابعة للجيش"))
        .collect();
    lines.push("وفي يونيو الماضي لقي أكثر من مئة وستين شخصا حتفهم في غرق عبارة في بحيرة توبا بجزيرة سومطرة.".into());
    lines.join("\n")
}

/// An outlet that wrote its own story.
const OWN: &str = "غرقت عبارة على متنها نحو مئتي شخص قبالة جزيرة سولاويسي الإندونيسية مساء الأحد بعدما ضربتها أمواج عاتية، وفق خفر السواحل.\nوقال صيادون في المنطقة إنهم هرعوا بقواربهم لمساعدة الناجين قبل وصول فرق الإنقاذ.";

fn story() -> compare::Comparison {
    compare(
        &[
            article("a", "agency-client-a", &outlet_a()),
            article("b", "agency-client-b", &outlet_b()),
            article("own", "independent", OWN),
        ],
        &Options::default(),
    )
}

#[test]
fn an_edited_wire_copy_is_one_source_with_the_original() {
    let c = story();
    assert_eq!(
        c.articles[0].independent_group, c.articles[1].independent_group,
        "the two runs of the agency text are not grouped"
    );
    assert_ne!(
        c.articles[0].independent_group,
        c.articles[2].independent_group
    );
    // The sinking, told by both copies and the outlet that wrote its own story: two sources.
    let sinking = c
        .facts
        .iter()
        .find(|f| f.sentences.len() == 3)
        .unwrap_or_else(|| panic!("{}", compare::to_markdown(&c)));
    assert_eq!(sinking.independent_sources, 2, "{sinking:#?}");
    // What only the agency text says is no fact of two sources, and is listed once.
    for f in &c.facts {
        if f.sentences.keys().all(|id| id != "own") {
            assert_eq!(f.independent_sources, 1, "{f:#?}");
        }
    }
    let listed = |needle: &str| {
        c.unique
            .values()
            .flatten()
            .filter(|t| t.contains(needle))
            .count()
    };
    assert_eq!(listed("يوسف لطيف"), 1, "{:#?}", c.unique);
    assert_eq!(listed("سترات النجاة"), 1, "{:#?}", c.unique);
    // The second outlet's own paragraph is its own.
    assert!(c.unique["b"].iter().any(|t| t.contains("بحيرة توبا")));
    // The quote of the rescue agency's spokesman comes from one source.
    for q in &c.quotes {
        if q.sources.iter().all(|s| s.starts_with("agency-client")) {
            assert_eq!(q.independent_sources, 1, "{q:#?}");
        }
    }
}

#[test]
fn copies_show_as_one_source() {
    let c = story();
    let html = compare::to_html(&c, "غرق عبارة");
    assert!(html.contains("نسخة من"), "the copy is not marked");
    let md = compare::to_markdown(&c);
    assert!(
        md.contains("agency-client-a (a) = agency-client-b (b)"),
        "{md}"
    );
    assert!(md.contains("(مصدران مستقلان)"), "{md}");
}

#[test]
fn a_republished_article_lists_its_unique_facts_once() {
    let text = WIRE.join("\n");
    let c = compare(
        &[
            article("sky-1", "sky", &text),
            article("sky-2", "sky-section", &text),
            article("own", "independent", OWN),
        ],
        &Options::default(),
    );
    let total: usize = c.unique.values().map(Vec::len).sum();
    let distinct: std::collections::HashSet<&String> = c.unique.values().flatten().collect();
    assert_eq!(total, distinct.len(), "{:#?}", c.unique);
    assert!(c.unique["sky-2"].is_empty(), "{:#?}", c.unique);
}

#[test]
fn one_shared_wire_text_does_not_make_two_outlets_one_source_for_good() {
    // Sky and BBC both ran the agency text on Sunday; on Tuesday each wrote its own report of
    // the wreck's recovery. Those two reports are two sources.
    let sky2 = "أعلنت السلطات الإندونيسية الثلاثاء انتشال حطام العبارة الغارقة من قاع البحر قرب جزيرة سولاويسي ونقله إلى ميناء كنداري للفحص.";
    let bbc2 = "انتشلت السلطات في إندونيسيا يوم الثلاثاء حطام العبارة التي غرقت قرب سولاويسي من قاع البحر، ونقلته إلى ميناء كنداري لفحصه.";
    let wire = WIRE.join("\n");
    let c = compare(
        &[
            article("sky-1", "sky", &wire),
            article("bbc-1", "bbc", &wire),
            article("sky-2", "sky", sky2),
            article("bbc-2", "bbc", bbc2),
        ],
        &Options::default(),
    );
    let recovery = c
        .facts
        .iter()
        .find(|f| f.sentences.contains_key("sky-2") && f.sentences.contains_key("bbc-2"))
        .unwrap_or_else(|| panic!("{}", compare::to_markdown(&c)));
    assert_eq!(recovery.sentences.len(), 2, "{recovery:#?}");
    assert_eq!(recovery.independent_sources, 2, "{recovery:#?}");
    // The agency text itself is one source.
    assert!(
        c.facts
            .iter()
            .filter(|f| f.sentences.contains_key("sky-1") && f.sentences.contains_key("bbc-1"))
            .all(|f| f.independent_sources == 1)
    );
}
