//! Story-level figure conflicts: the same count about the same event given differently by two
//! outlets in sentences that were not aligned into one fact, and the look-alikes that must not
//! be flagged (totals and parts, other events, cumulative tolls, other places, rates).

use compare::{Options, compare};

mod common;
use common::article;

fn run(a: &str, b: &str) -> compare::Comparison {
    compare(
        &[article("a", "france24", a), article("b", "bbc", b)],
        &Options::default(),
    )
}

const CRASH_A: &str = "أعلنت الشرطة النيبالية أن طائرة ركاب تابعة لشركة طيران بنغالية تحطمت أثناء هبوطها في مطار كاتماندو الدولي ظهر الاثنين.\n\
وقال متحدث باسم الشرطة إن 40 شخصا على الأقل لقوا حتفهم في تحطم الطائرة قرب مطار كاتماندو، فيما نقل عدد من الناجين إلى مستشفيات العاصمة.\n\
وكانت الطائرة قادمة من العاصمة البنغالية دكا.";

const CRASH_B: &str = "خرجت طائرة ركاب بنغالية عن المدرج واشتعلت فيها النيران لدى هبوطها في كاتمندو عاصمة نيبال.\n\
وأدى تحطم الطائرة في مطار كاتمندو إلى مقتل 50 شخصا، بحسب ما أفاد به مسؤولون في المطار.\n\
وكانت الطائرة تقل 67 راكبا وأربعة من أفراد الطاقم.";

#[test]
fn death_tolls_in_unaligned_sentences_conflict() {
    let c = run(CRASH_A, CRASH_B);
    let tolls: Vec<&compare::Conflict> =
        c.conflicts.iter().filter(|k| k.kind == "number").collect();
    assert_eq!(tolls.len(), 1, "{}", compare::to_markdown(&c));
    let k = tolls[0];
    let mut values: Vec<f64> = k.versions.iter().filter_map(|v| v.value).collect();
    values.sort_by(f64::total_cmp);
    assert_eq!(values, vec![40.0, 50.0]);
    assert_eq!(k.about, "القتلى");
    // The two tolls sit in different facts; every version's fact is listed.
    assert!(k.facts.contains(&k.fact));
    assert!(
        k.versions
            .iter()
            .any(|v| v.source == "france24" && v.sentence.contains("لقوا حتفهم"))
    );
    assert!(
        k.versions
            .iter()
            .any(|v| v.source == "bbc" && v.sentence.contains("مقتل 50"))
    );
    // The passengers on board are not a toll.
    assert!(!k.versions.iter().any(|v| v.value == Some(67.0)));
}

#[test]
fn the_same_toll_split_into_parts_is_no_conflict() {
    let a = "قتل 31 شخصا في موقع تحطم الطائرة قرب مطار كاتماندو وتوفي تسعة آخرون في مستشفيات العاصمة النيبالية، بحسب متحدث باسم الشرطة.\n\
وكانت الطائرة البنغالية قادمة من دكا.";
    let c = run(a, CRASH_B);
    assert!(
        c.conflicts.iter().all(|k| k.kind != "number"),
        "{:#?}",
        c.conflicts
    );
}

#[test]
fn people_on_board_and_wounded_are_not_compared_with_the_dead() {
    // 67 on board vs 49 dead; 7 wounded vs 3 killed: different things counted.
    let a = "تحطمت طائرة ركاب كانت تقل 67 شخصا أثناء هبوطها في مطار كاتماندو بنيبال، وأصيب 7 أشخاص بجروح خطيرة نقلوا على إثرها إلى المستشفى.";
    let b = "أسفر تحطم طائرة الركاب البنغالية في مطار كاتماندو بنيبال عن مقتل 3 أشخاص، بحسب ما أعلنته سلطات الطيران المدني.\n\
وقال مسؤول إن 49 راكبا لقوا حتفهم في الحادث.";
    let c = run(a, b);
    assert!(c.conflicts.is_empty(), "{:#?}", c.conflicts);
}

#[test]
fn a_crash_of_another_year_is_no_conflict() {
    let a = CRASH_B;
    let b = "تحطمت طائرة ركاب بنغالية أثناء هبوطها في مطار كاتماندو ظهر الاثنين واشتعلت فيها النيران.\n\
وفي عام 1992 أدى تحطم طائرة ركاب تايلاندية قرب مطار كاتماندو إلى مقتل 113 شخصا كانوا على متنها.";
    let c = run(a, b);
    assert!(c.conflicts.is_empty(), "{:#?}", c.conflicts);
}

#[test]
fn a_cumulative_toll_and_one_days_toll_are_no_conflict() {
    let a = "قتل 25 مدنيا على الأقل في غارات جوية استهدفت بلدات الغوطة الشرقية قرب دمشق اليوم، بحسب المرصد السوري لحقوق الإنسان.\n\
وقال المرصد إن بين القتلى أطفالا ونساء.";
    let b = "ارتفعت حصيلة قتلى الغارات الجوية على الغوطة الشرقية قرب دمشق منذ بدء الهجوم قبل أسبوعين إلى 900 قتيل مدني، وفق المرصد السوري لحقوق الإنسان.\n\
ودعت الأمم المتحدة إلى هدنة إنسانية عاجلة.";
    let c = run(a, b);
    assert!(c.conflicts.is_empty(), "{:#?}", c.conflicts);
}

#[test]
fn a_crash_in_another_country_is_no_conflict() {
    let a = "قتل 40 شخصا على الأقل في تحطم طائرة ركاب بنغالية قرب مطار كاتماندو في نيبال.";
    let b = "خرجت طائرة ركاب بنغالية عن المدرج في مطار كاتماندو.\n\
وفي السادس من مارس، قتل 39 شخصا جراء تحطم طائرة نقل روسية قرب قاعدة حميميم في سوريا قبل هبوطها.";
    let c = run(a, b);
    assert!(c.conflicts.is_empty(), "{:#?}", c.conflicts);
}

#[test]
fn pledged_sums_conflict_but_a_yearly_sum_and_a_total_do_not() {
    let a = "تعهدت الدول المانحة في ختام مؤتمر بروكسل بتقديم 4.4 مليار دولار لدعم اللاجئين السوريين في دول الجوار.\n\
وقالت المفوضة الأوروبية إن الحاجات الإنسانية تتزايد.";
    let b = "افتتح مؤتمر بروكسل لدعم مستقبل سوريا أعماله بمشاركة عشرات الدول والمنظمات.\n\
وأعلن المشاركون في المؤتمر تعهدات بقيمة 3.5 مليار دولار لدعم اللاجئين السوريين في دول الجوار.";
    let c = run(a, b);
    let k: Vec<&compare::Conflict> = c.conflicts.iter().filter(|k| k.kind == "amount").collect();
    assert_eq!(k.len(), 1, "{}", compare::to_markdown(&c));
    let mut values: Vec<f64> = k[0].versions.iter().filter_map(|v| v.value).collect();
    values.sort_by(f64::total_cmp);
    assert_eq!(values, vec![3.5e9, 4.4e9]);

    let a = "تقدم الولايات المتحدة لإسرائيل مساعدات عسكرية بقيمة 3.8 مليار دولار سنويا بموجب مذكرة التفاهم الموقعة بين البلدين.";
    let b = "تنص مذكرة التفاهم الموقعة بين الولايات المتحدة وإسرائيل على مساعدات عسكرية بقيمة 38 مليار دولار على مدى عشر سنوات.";
    let c = run(a, b);
    assert!(c.conflicts.is_empty(), "{:#?}", c.conflicts);
}

#[test]
fn one_outlets_many_articles_do_not_chain_different_events_into_one_fact() {
    // Three articles of one outlet, each telling a different turn of the story in words close to
    // the other outlets' single sentence; the fact keeps one sentence per independent source.
    let x1 = "أقال الرئيس الأمريكي دونالد ترامب وزير الخارجية ريكس تيلرسون وعين مدير وكالة المخابرات المركزية مايك بومبيو خلفا له.";
    let x2 = "عين الرئيس الأمريكي دونالد ترامب جينا هاسبل مديرة لوكالة المخابرات المركزية خلفا لمايك بومبيو الذي سيتولى وزارة الخارجية.";
    let x3 = "تراجعت مؤشرات الأسهم في وول ستريت بعد إعلان الرئيس الأمريكي دونالد ترامب إقالة وزير الخارجية ريكس تيلرسون.";
    let y = "أعلن الرئيس الأميركي دونالد ترامب إقالة وزير الخارجية ريكس تيلرسون وتعيين مدير وكالة المخابرات المركزية مايك بومبيو خلفا له، وتعيين جينا هاسبل على رأس الوكالة.";
    let z = "قرر الرئيس الأميركي ترامب إقالة وزير خارجيته تيلرسون وتعيين مايك بومبيو مدير المخابرات المركزية خلفا له.";
    let c = compare(
        &[
            article("x1", "sky", x1),
            article("x2", "sky", x2),
            article("x3", "sky", x3),
            article("y", "cnn", y),
            article("z", "bbc", z),
        ],
        &Options::default(),
    );
    for f in &c.facts {
        let sky: Vec<&String> = ["x1", "x2", "x3"]
            .iter()
            .filter_map(|id| f.sentences.get(*id))
            .collect();
        assert!(sky.len() <= 1, "{}", compare::to_markdown(&c));
    }
    // The dismissal itself is still shared by the three outlets.
    assert!(
        c.facts.iter().any(|f| f.independent_sources == 3),
        "{}",
        compare::to_markdown(&c)
    );
}
