//! Names and cited sources on realistic sentences: set phrases, verbs and plural nouns that look
//! like names, a given name alone beside the full name, a place with and without its country,
//! and news-agency phrases that name no agency.

use compare::entities::find_entities;
use compare::{EntityType, Options, compare};

mod common;
use common::article;

fn names(t: &str) -> Vec<(String, EntityType)> {
    find_entities(t)
        .into_iter()
        .map(|m| (t[m.start..m.end].to_string(), m.kind))
        .collect()
}

#[test]
fn phrases_verbs_and_plurals_are_no_people() {
    for t in [
        "وقال أحد السكان إن الحمد لله لم يصب أحد من الأطفال بأذى في القصف.",
        "وتضررت ثلاث سيارات من الموكب، والحمد لله لم تقع إصابات خطيرة.",
        "تواصلت الغارات على الغوطة الشرقية حيث تشن قوات النظام هجوما عنيفا منذ أسابيع.",
        "وأضافت المندوبة: اليوم نحن نعرف أن الروس لم يفوا بتعهدهم بوقف القصف.",
    ] {
        let n = names(t);
        assert!(n.iter().all(|x| x.1 != EntityType::Person), "{t}: {n:?}");
    }
    // Inside a full name the same words are a person.
    let n = names("نجا رئيس الوزراء الفلسطيني رامي الحمد الله من محاولة اغتيال في غزة.");
    assert!(
        n.contains(&("رامي الحمد الله".to_string(), EntityType::Person)),
        "{n:?}"
    );
}

#[test]
fn a_speaker_listed_once_as_a_place_is_a_person() {
    let n = names("وقالت هيلي في كلمتها أمام مجلس الأمن إن الهدنة لم تحترم.");
    assert!(
        n.contains(&("هيلي".to_string(), EntityType::Person)),
        "{n:?}"
    );
}

#[test]
fn a_title_opens_a_two_word_name() {
    let n = names("وقال وزير التعليم نافتالي بنيت للصحافيين قبل اجتماع الحكومة إن الأزمة مفتعلة.");
    assert!(
        n.contains(&("نافتالي بنيت".to_string(), EntityType::Person)),
        "{n:?}"
    );
    let n = names("وترأست رئيسة الوزراء البريطانية تيريزا ماي، الاثنين، اجتماعا لمجلس الأمن القومي.");
    assert!(
        n.contains(&("تيريزا ماي".to_string(), EntityType::Person)),
        "{n:?}"
    );
}

#[test]
fn a_title_before_common_words_opens_no_name() {
    for t in [
        "وكتب ترامب: مايك بومبيو سيصبح وزير خارجيتنا الجديد، سيقوم بعمل رائع.",
        "وقال المتحدث إن الرجل هاجم أحد الحراس فقام الحارس بقتله بسلاحه الشخصي.",
        "وقال مصدر إن رئيس الوزراء التقى الثلاثاء وفدا كرديا في بغداد.",
    ] {
        let n = names(t);
        assert!(
            !n.iter().any(|x| x.1 == EntityType::Person
                && x.0.split(' ').count() == 2
                && !x.0.contains("بومبيو")),
            "{t}: {n:?}"
        );
    }
}

#[test]
fn a_given_name_alone_joins_the_one_full_name_it_opens() {
    let a = "قالت رئيسة الوزراء البريطانية تيريزا ماي إن موسكو تقف على الأرجح وراء تسميم الجاسوس السابق.";
    let b = "وأكدت تيريزا أمام البرلمان أن رد بلادها سيكون حازما إذا لم تقدم موسكو تفسيرا.";
    let c = compare(
        &[article("a", "bbc", a), article("b", "sky", b)],
        &Options::default(),
    );
    let people: Vec<&compare::entities::Entity> = c
        .entities
        .iter()
        .filter(|e| e.kind == EntityType::Person)
        .collect();
    let may: Vec<_> = people
        .iter()
        .filter(|e| e.forms.iter().any(|f| f.contains("تيريزا")))
        .collect();
    assert_eq!(may.len(), 1, "{people:#?}");
    assert_eq!(may[0].name, "تيريزا ماي");
    assert_eq!(may[0].sources.len(), 2);

    // Two full names open with the given name: the name alone stays apart.
    let a = "وقال ياكوف مارغي من حزب شاس إن الاتفاق قريب. وقال نائب وزير الصحة ياكوف ليتزمان إن المباحثات مستمرة.";
    let b = "وأوضح ياكوف أمام الصحافيين أن الحزب لن ينسحب من الحكومة.";
    let c = compare(
        &[article("a", "france24", a), article("b", "bbc", b)],
        &Options::default(),
    );
    let yaakov: Vec<_> = c
        .entities
        .iter()
        .filter(|e| e.kind == EntityType::Person && e.name.starts_with("ياكوف"))
        .collect();
    assert!(
        yaakov
            .iter()
            .all(|e| e.forms.len() == 1 || !e.forms.contains(&"ياكوف".to_string())),
        "{yaakov:#?}"
    );
}

#[test]
fn a_region_with_and_without_its_country_is_one_place() {
    let a = "أعلن رئيس الوزراء العراقي إعادة فتح مطاري أربيل والسليمانية في إقليم كردستان العراق أمام الرحلات الدولية.";
    let b = "وقال مصدر في إقليم كردستان إن المطارين سيداران بالطريقة المتبعة في باقي مطارات البلاد.";
    let c = compare(
        &[article("a", "france24", a), article("b", "bbc", b)],
        &Options::default(),
    );
    let kurdistan: Vec<_> = c
        .entities
        .iter()
        .filter(|e| e.forms.iter().any(|f| f.contains("كردستان")))
        .collect();
    assert_eq!(kurdistan.len(), 1, "{kurdistan:#?}");
    assert_eq!(kurdistan[0].sources.len(), 2);
}

#[test]
fn news_agency_phrases_without_a_name_cite_nobody() {
    use compare::cited::find_cited;
    assert_eq!(
        find_cited(
            "وتنص السياسة على حصر الأنشطة الذرية في الأغراض السلمية، بحسب وكالة الأنباء الرسمية."
        ),
        Vec::<String>::new()
    );
    let c = find_cited("ونقلت وكالة أنباء الأناضول التركية الرسمية البيان الصادر عن الجيش.");
    // Named like the outlet's other spelling (وكالة الأناضول), without the "news" word.
    assert_eq!(c, vec!["وكالة الأناضول".to_string()]);
    // An adverb after the media noun names nobody.
    assert_eq!(
        find_cited("وذكرت الصحيفة أيضا أنها تورطت في تدمير أشرطة فيديو."),
        Vec::<String>::new()
    );
    let c = find_cited("ونقلت وكالة أنباء فارس عن النيابة العامة في طهران أن المحكوم أودع السجن.");
    assert_eq!(c, vec!["فارس".to_string()]);
}

#[test]
fn a_body_head_before_a_title_or_a_place_noun_is_no_body() {
    for t in [
        "لكن حزب زعيم المعارضة الإسرائيلية آفي غاباي قال إن الانتخابات المبكرة ليست مطروحة.",
        "وقال سكان إن القوات التركية وصلت إلى مركز المدينة صباح الثلاثاء.",
        "وعثر عليه فاقدا الوعي على مقعد قرب مركز تجاري في سالزبري.",
        "وناقشت لجنة برلمانية الاثنين مشروع قانون التجنيد.",
    ] {
        let n = names(t);
        assert!(
            n.iter().all(|x| x.1 != EntityType::Organization),
            "{t}: {n:?}"
        );
    }
    // A common noun after the head opens a construct that goes on with definite words.
    let t = "قال مكتب تنسيق الشؤون الإنسانية في سوريا إن هناك حاجة عاجلة لإجلاء ألف حالة طبية.";
    let n = names(t);
    assert!(
        n.iter()
            .any(|x| x.1 == EntityType::Organization && x.0.starts_with("مكتب تنسيق الشؤون")),
        "{n:?}"
    );
}
