//! Conflicts, quotes across outlets, wire copies and HTML escaping on small realistic stories.

use compare::{Options, compare};

fn article(id: &str, source: &str, text: &str) -> model::Article {
    model::Article {
        id: id.into(),
        source: source.into(),
        url: None,
        title: String::new(),
        published: None,
        language: "ar".into(),
        text: text.into(),
        original: text.into(),
        removed: Vec::new(),
    }
}

const STRIKE_A: &str = "قالت وزارة الصحة إن غارة جوية استهدفت منزلاً في مدينة خان يونس جنوب القطاع فجر اليوم، ما أدى إلى مقتل خمسة أشخاص وإصابة آخرين بجروح متفاوتة.\nوأضافت الوزارة أن فرق الدفاع المدني ما زالت تبحث عن مفقودين تحت الأنقاض.";
const STRIKE_B: &str = "أسفرت غارة جوية على منزل في خان يونس جنوبي قطاع غزة فجر اليوم عن مقتل 7 أشخاص وإصابة آخرين بجروح، بحسب وزارة الصحة.\nوأعلنت الحكومة المحلية الحداد العام لمدة ثلاثة أيام على أرواح الضحايا.";

#[test]
fn casualty_counts_in_words_and_digits_conflict() {
    let c = compare(
        &[
            article("a", "wafa", STRIKE_A),
            article("b", "maan", STRIKE_B),
        ],
        &Options::default(),
    );
    assert_eq!(
        c.conflicts.len(),
        1,
        "{:#?}\n{}",
        c.conflicts,
        compare::to_markdown(&c)
    );
    let k = &c.conflicts[0];
    let mut values: Vec<f64> = k.versions.iter().map(|v| v.value).collect();
    values.sort_by(f64::total_cmp);
    assert_eq!(values, vec![5.0, 7.0]);
    assert!(
        k.versions
            .iter()
            .any(|v| v.text == "خمسة" && v.source == "wafa")
    );
    assert!(
        k.versions
            .iter()
            .any(|v| v.text == "7" && v.source == "maan")
    );
    // The strike itself is one shared fact; the mourning is unique to b.
    assert!(
        c.facts
            .iter()
            .any(|f| f.id == k.fact && f.independent_sources == 2)
    );
    assert!(c.unique["b"].iter().any(|t| t.contains("الحداد")));
    assert!(c.unique["a"].iter().any(|t| t.contains("مفقودين")));
}

#[test]
fn same_figure_in_words_and_digits_is_no_conflict() {
    let a = STRIKE_A.replace("خمسة", "سبعة");
    let c = compare(
        &[article("a", "wafa", &a), article("b", "maan", STRIKE_B)],
        &Options::default(),
    );
    assert!(c.conflicts.is_empty(), "{:#?}", c.conflicts);
}

#[test]
fn sums_of_money_conflict() {
    let a = "أعلنت الحكومة اليابانية تقديم مساعدات إنسانية بقيمة 3.8 مليار دولار للمتضررين من الزلزال في جنوب تركيا.";
    let b = "وقررت طوكيو منح مساعدات إنسانية بقيمة أربعة مليارات دولار للمتضررين من زلزال جنوب تركيا، وفق بيان حكومي.";
    let c = compare(
        &[article("a", "nhk", a), article("b", "anadolu", b)],
        &Options::default(),
    );
    assert_eq!(c.conflicts.len(), 1, "{}", compare::to_markdown(&c));
    let mut values: Vec<f64> = c.conflicts[0].versions.iter().map(|v| v.value).collect();
    values.sort_by(f64::total_cmp);
    assert_eq!(values, vec![3.8e9, 4e9]);
}

#[test]
fn anonymous_quote_is_linked_across_outlets_and_marked_paraphrase() {
    let a = "وقال مصدر أمني رفيع لوكالة الأنباء: \"القوات تمكنت من إحباط الهجوم قبل وصول المهاجمين إلى المعبر الحدودي\".";
    let b = "وأكد مصدر أمني كبير أن القوات أحبطت الهجوم قبل أن يصل المهاجمون إلى المعبر الحدودي مع الجارة الشمالية.";
    let c = compare(
        &[article("a", "one", a), article("b", "two", b)],
        &Options::default(),
    );
    let q = c
        .quotes
        .iter()
        .find(|q| q.sources.len() == 2)
        .unwrap_or_else(|| panic!("{:#?}", c.quotes));
    assert!(q.anonymous, "{q:#?}");
    assert!(q.paraphrase, "{q:#?}");
    assert_eq!(q.speaker, "مصدر أمني رفيع");
    assert!(q.versions.iter().any(|v| v.direct) && q.versions.iter().any(|v| !v.direct));
}

#[test]
fn verbatim_quote_is_not_a_paraphrase() {
    let a = "وقال المتحدث باسم الخارجية: \"نرفض أي تدخل في شؤوننا الداخلية من أي طرف كان\".";
    let b = "من جهته، قال المتحدث باسم الخارجية: «نرفض أي تدخل في شؤوننا الداخلية من أي طرف كان».";
    let c = compare(
        &[article("a", "one", a), article("b", "two", b)],
        &Options::default(),
    );
    let q = c
        .quotes
        .iter()
        .find(|q| q.sources.len() == 2)
        .unwrap_or_else(|| panic!("{:#?}", c.quotes));
    assert!(!q.paraphrase, "{q:#?}");
    assert!(!q.anonymous, "{q:#?}");
}

const WIRE: &str = "قال الجيش في بيان إن سفينة حربية اعترضت صاروخين أطلقا باتجاه البحر الأحمر مساء الثلاثاء دون وقوع إصابات.\nوأضاف البيان أن الدفاعات الجوية تعاملت مع طائرة مسيرة ثالثة قرب السواحل.\nوأشار إلى أن التحقيقات جارية لتحديد الجهة التي أطلقت الصواريخ.";

#[test]
fn wire_copies_count_as_one_source() {
    let copy = WIRE.replace("مساء الثلاثاء", "مساء يوم الثلاثاء");
    let other = "اعترضت سفينة حربية صاروخين أطلقا نحو البحر الأحمر مساء الثلاثاء، بحسب بيان للجيش لم يشر إلى إصابات.\nوتشهد المنطقة توتراً متصاعداً منذ أشهر بسبب الهجمات على السفن التجارية.";
    let arts = [
        article("w1", "agency-client-1", WIRE),
        article("w2", "agency-client-2", &copy),
        article("o", "independent", other),
    ];
    let c = compare(&arts, &Options::default());
    assert_eq!(
        c.articles[0].independent_group,
        c.articles[1].independent_group
    );
    assert_ne!(
        c.articles[0].independent_group,
        c.articles[2].independent_group
    );
    let intercept = c
        .facts
        .iter()
        .find(|f| f.sentences.len() == 3)
        .unwrap_or_else(|| panic!("{}", compare::to_markdown(&c)));
    assert_eq!(intercept.sources.len(), 3);
    assert_eq!(intercept.independent_sources, 2);
    // A sentence only the wire text carries is unique to it, listed under both copies.
    assert!(
        c.unique["w1"].iter().any(|t| t.contains("طائرة مسيرة")),
        "{:#?}",
        c.unique
    );
    assert!(c.unique["w2"].iter().any(|t| t.contains("طائرة مسيرة")));
    assert!(c.unique["o"].iter().any(|t| t.contains("السفن التجارية")));
}

#[test]
fn html_is_escaped_right_to_left_and_self_contained() {
    let a = "وقال المتحدث إن الموقع نشر عبارة <script>alert(1)</script> على صفحته الرئيسية قبل حذفها & الاعتذار.";
    let b = "أكد المتحدث أن الموقع نشر عبارة مسيئة على صفحته الرئيسية ثم حذفها لاحقاً.";
    let c = compare(
        &[article("a\"<x>", "src<b>", a), article("b", "two", b)],
        &Options::default(),
    );
    let html = compare::to_html(&c, "عنوان <i>");
    assert!(html.contains("<html lang=\"ar\" dir=\"rtl\">"));
    assert!(!html.contains("<script>"));
    assert!(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
    assert!(html.contains("src&lt;b&gt;"));
    assert!(html.contains("عنوان &lt;i&gt;"));
    assert!(html.contains("&amp; الاعتذار"));
    for external in ["<link", "src=", "href=", "@import", "url("] {
        assert!(!html.contains(external), "external resource: {external}");
    }
    let md = compare::to_markdown(&c);
    assert!(md.contains("<script>alert(1)</script>") || md.contains("alert(1)"));
}

#[test]
fn one_article_and_no_article_do_not_break() {
    let c = compare(&[article("solo", "one", STRIKE_A)], &Options::default());
    assert!(!c.facts.is_empty());
    assert!(c.conflicts.is_empty());
    let empty = compare(&[], &Options::default());
    assert!(empty.facts.is_empty() && empty.summary.is_empty());
    let _ = compare::to_html(&empty, "");
    let _ = compare::to_markdown(&empty);
}

#[test]
fn odd_input_never_panics() {
    let odd = [
        "",
        "   \n\n  ",
        "«««« \" “ ” » :: ،،، ...",
        "قال: \"",
        "وفقاً ل",
        "بحسب",
        "3.8. مليار ٫٫ ٣٫٥ 1,2,3 ,,, ..",
        "الرئيس",
        "Reuters according to AP \"quoted\" <b>bold</b> & more",
        "ـــ ًٌٍَُِّْ \u{200f}\u{200e}\u{feff} عربي\u{200d}",
        "وقال مسؤول كبير إن «الوضع",
        "وأضاف أن",
    ];
    let arts: Vec<model::Article> = odd
        .iter()
        .enumerate()
        .map(|(i, t)| article(&i.to_string(), "src", t))
        .collect();
    let c = compare(&arts, &Options::default());
    let _ = compare::to_html(&c, "t");
    let _ = compare::to_markdown(&c);
    for t in odd {
        let _ = compare::entities::find_entities(t);
        let _ = compare::quotes::find_quotes(t);
        let _ = compare::cited::find_cited(t);
    }
}
