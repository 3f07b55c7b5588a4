//! Conflicts, quotes across outlets, wire copies and HTML escaping on small realistic stories.

use compare::{Options, compare};

mod common;
use common::article;

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
    let mut values: Vec<f64> = k.versions.iter().filter_map(|v| v.value).collect();
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
    let mut values: Vec<f64> = c.conflicts[0]
        .versions
        .iter()
        .filter_map(|v| v.value)
        .collect();
    values.sort_by(f64::total_cmp);
    assert_eq!(values, vec![3.8e9, 4e9]);
    assert_eq!(c.conflicts[0].kind, "amount");
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
    // A sentence only the wire text carries is unique to it, listed once, under the first copy.
    assert!(
        c.unique["w1"].iter().any(|t| t.contains("طائرة مسيرة")),
        "{:#?}",
        c.unique
    );
    assert!(c.unique["w2"].is_empty(), "{:#?}", c.unique);
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

fn conflicts_of(a: &str, b: &str) -> Vec<compare::Conflict> {
    compare(
        &[article("a", "sky", a), article("b", "bbc", b)],
        &Options::default(),
    )
    .conflicts
}

#[test]
fn different_day_and_weekday_of_one_attack_conflict() {
    let a = "قتل عشرة جنود في هجوم بسيارة مفخخة على قاعدة عسكرية قرب مدينة كركوك يوم الثلاثاء 12 مارس، بحسب مصادر أمنية عراقية.";
    let b = "قتل عشرة جنود في هجوم بسيارة مفخخة استهدف قاعدة عسكرية قرب كركوك يوم الأربعاء ١٣ آذار، وفق مصادر أمنية في العراق.";
    let k = conflicts_of(a, b);
    let dates: Vec<&compare::Conflict> = k.iter().filter(|c| c.kind == "date").collect();
    assert_eq!(dates.len(), 2, "{k:#?}");
    let texts: Vec<&str> = dates
        .iter()
        .flat_map(|c| c.versions.iter().map(|v| v.text.as_str()))
        .collect();
    for t in ["الثلاثاء", "الأربعاء", "12 مارس", "١٣ آذار"] {
        assert!(texts.contains(&t), "{t} missing in {texts:?}");
    }
    // The day numbers are dates, not casualty figures.
    assert!(k.iter().all(|c| c.kind == "date"), "{k:#?}");
}

#[test]
fn one_date_in_two_month_naming_systems_is_no_conflict() {
    let a = "قتل عشرة جنود في هجوم بسيارة مفخخة على قاعدة عسكرية قرب مدينة كركوك في 13 مارس، بحسب مصادر أمنية عراقية.";
    let b = "قتل عشرة جنود في هجوم بسيارة مفخخة استهدف قاعدة عسكرية قرب كركوك في 13 آذار/مارس 2018، وفق مصادر أمنية في العراق.";
    let k = conflicts_of(a, b);
    assert!(k.is_empty(), "{k:#?}");
}

#[test]
fn different_holders_of_one_post_conflict() {
    let a = "وصل وزير الخارجية الأميركي ريكس تيلرسون إلى عمان في زيارة رسمية لبحث الأزمة السورية مع المسؤولين الأردنيين.";
    let b = "وصل وزير الخارجية الأمريكي مايك بومبيو إلى عمان في زيارة رسمية لبحث الأزمة السورية مع كبار المسؤولين الأردنيين.";
    let k = conflicts_of(a, b);
    assert_eq!(k.len(), 1, "{k:#?}");
    assert_eq!(k[0].kind, "name");
    assert!(k[0].about.contains("وزير الخارجية"), "{:?}", k[0].about);
    let names: Vec<&str> = k[0].versions.iter().map(|v| v.text.as_str()).collect();
    assert!(
        names.contains(&"ريكس تيلرسون") && names.contains(&"مايك بومبيو"),
        "{names:?}"
    );
}

#[test]
fn name_spellings_and_names_in_other_facts_are_no_conflict() {
    // One person, two spellings; the surname alone in a third outlet.
    let a = "وصل وزير الخارجية الأميركي ريكس تيلرسون إلى عمان في زيارة رسمية لبحث الأزمة السورية مع المسؤولين الأردنيين.\nوأعلنت الحكومة الأردنية عن حزمة إصلاحات اقتصادية جديدة لمواجهة العجز.";
    let b = "وصل وزير الخارجية الأمريكي ريكس تيليرسون إلى عمان في زيارة رسمية لبحث الأزمة السورية مع كبار المسؤولين الأردنيين.";
    let c = "وصل وزير الخارجية الأمريكي تيلرسون إلى العاصمة عمان في زيارة رسمية لبحث الأزمة السورية مع المسؤولين الأردنيين.\nوكان وزير الخارجية الأردني أيمن الصفدي قد زار موسكو الشهر الماضي لبحث التسوية في سوريا.";
    let r = compare(
        &[
            article("a", "sky", a),
            article("b", "bbc", b),
            article("c", "cnn", c),
        ],
        &Options::default(),
    );
    assert!(r.conflicts.is_empty(), "{:#?}", r.conflicts);
    assert!(
        r.facts
            .iter()
            .any(|f| f.independent_sources == 3 && f.sentences["b"].contains("تيليرسون")),
        "{}",
        compare::to_markdown(&r)
    );
}

#[test]
fn a_meeting_of_two_ministers_is_no_name_conflict() {
    let a = "بحث وزير الخارجية الروسي سيرغي لافروف مع نظيره التركي مولود جاويش أوغلو في موسكو الوضع في شمال سوريا.";
    let b = "بحث وزير الخارجية التركي مولود تشاووش أوغلو مع نظيره الروسي سيرغي لافروف في موسكو الوضع في شمال سوريا.";
    let k = conflicts_of(a, b);
    assert!(k.iter().all(|c| c.kind != "name"), "{k:#?}");
}

#[test]
fn weekdays_of_two_events_in_one_fact_are_no_conflict() {
    let a = "عقد مجلس الوزراء اجتماعا طارئا يوم الاثنين لبحث أزمة انقطاع الكهرباء في العاصمة والمحافظات الجنوبية.";
    let b = "عقد مجلس الوزراء اجتماعا طارئا لبحث أزمة انقطاع الكهرباء في العاصمة والمحافظات الجنوبية، وأمهل الشركة حتى الثلاثاء لتقديم خطة.";
    let r = compare(
        &[article("a", "sky", a), article("b", "bbc", b)],
        &Options::default(),
    );
    assert!(
        r.facts.iter().any(|f| f.independent_sources == 2),
        "{}",
        compare::to_markdown(&r)
    );
    assert!(r.conflicts.is_empty(), "{:#?}", r.conflicts);
}

#[test]
fn one_deadline_on_two_weekdays_conflicts() {
    let a = "أمهلت الحكومة شركة الكهرباء حتى الأربعاء لتقديم خطة عاجلة تنهي أزمة انقطاع التيار في العاصمة.";
    let b = "أمهلت الحكومة شركة الكهرباء حتى الخميس لتقديم خطة عاجلة تنهي أزمة انقطاع التيار في العاصمة.";
    let k = conflicts_of(a, b);
    assert_eq!(k.len(), 1, "{k:#?}");
    assert_eq!((k[0].kind.as_str(), k[0].about.as_str()), ("date", "اليوم"));
}

#[test]
fn people_on_board_and_people_killed_are_no_conflict() {
    let a = "وقال المتحدث باسم المطار إن الطائرة المنكوبة كانت تقل 71 راكبا وأربعة من أفراد الطاقم عند هبوطها.";
    let b =
        "وأسفر تحطم الطائرة المنكوبة عند هبوطها في المطار عن مقتل 49 راكبا واثنين من أفراد الطاقم.";
    let r = compare(
        &[article("a", "sky", a), article("b", "bbc", b)],
        &Options::default(),
    );
    // The two sentences align (same words around the figures) but count different things.
    assert!(r.facts.iter().any(|f| f.independent_sources == 2));
    assert!(r.conflicts.is_empty(), "{:#?}", r.conflicts);
}

#[test]
fn short_names_join_the_fullest_form_and_people_stay_apart_from_places() {
    let a = "قالت رئيسة الوزراء البريطانية تيريزا ماي السبت إن الحكومة سترد بقوة على الهجوم الكيميائي في سالزبري.\nوزار وزير الخارجية مايك بومبيو كينيا الأسبوع الماضي.";
    let b = "وقالت ماي إن الحكومة سترد بقوة على الهجوم الكيميائي في سالزبري.\nوقال مايكل بومبيو إن جينا هاسبل ستقود الوكالة، وأضاف بومبيو أن القرار نهائي.\nوقال مايك بومبيو إن الوكالة لن تتغير.";
    let r = compare(
        &[article("a", "sky", a), article("b", "bbc", b)],
        &Options::default(),
    );
    let q = r
        .quotes
        .iter()
        .find(|q| q.sources.len() == 2)
        .expect("linked quote");
    assert_eq!(q.speaker, "رئيسة الوزراء البريطانية تيريزا ماي", "{q:#?}");
    let pompeo: Vec<&compare::entities::Entity> = r
        .entities
        .iter()
        .filter(|e| e.forms.iter().any(|f| f == "بومبيو"))
        .collect();
    assert_eq!(pompeo.len(), 1, "{:#?}", r.entities);
    assert_eq!(pompeo[0].name, "مايك بومبيو");
    assert!(
        !r.entities
            .iter()
            .any(|e| e.forms.iter().any(|f| f == "كينيا") && e.forms.iter().any(|f| f == "جينا")),
        "{:#?}",
        r.entities
    );
}
