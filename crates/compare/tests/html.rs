//! The HTML page of a large story: readable at any width (no column per article), ids
//! bidi-isolated, long lists folded.

use compare::{Options, compare};

mod common;
use common::article;

/// Twenty-two outlets telling one strike, each with a sentence of its own.
fn big_story() -> Vec<model::Article> {
    let extras = [
        "وأعلنت البلدية فتح مدرسة قريبة لإيواء العائلات التي فقدت منازلها.",
        "ودعت منظمة حقوقية إلى تحقيق مستقل في ملابسات القصف.",
        "وتوقفت حركة السير على الطريق الساحلي لساعات بعد الانفجار.",
        "وقال سكان إنهم سمعوا صوت طائرات مسيرة قبل الضربة بدقائق.",
        "وأغلقت المحال التجارية أبوابها في السوق المركزي حدادا.",
        "ونظم طلاب الجامعة وقفة تضامنية أمام مبنى الكلية.",
    ];
    (0..22)
        .map(|i| {
            let text = format!(
                "أسفرت غارة جوية على منزل في خان يونس جنوبي قطاع غزة فجر اليوم عن مقتل خمسة أشخاص وإصابة آخرين، بحسب وزارة الصحة.\n{}",
                extras[i % extras.len()]
            );
            article(
                &format!("{i:03}_f2781f012485ef{i:02}"),
                &format!("Outlet {i}"),
                &text,
            )
        })
        .collect()
}

#[test]
fn a_big_story_has_no_column_per_article_and_isolated_ids() {
    let arts = big_story();
    let c = compare(&arts, &Options::default());
    let html = compare::to_html(&c, "غارة على خان يونس");
    // No row with a cell per article (the old page's table was 3,374 px wide at 22 outlets).
    for row in html.split("<tr").skip(1) {
        let row = row.split("</tr>").next().unwrap_or("");
        let cells = row.matches("<td").count() + row.matches("<th").count();
        assert!(cells < arts.len(), "a row of {cells} cells: {row}");
    }
    // Every id is inside a left-to-right isolate, never bare in the right-to-left flow.
    for a in &arts {
        let isolated = format!("<bdi dir=\"ltr\" class=\"id\">{}</bdi>", a.id);
        assert!(html.contains(&isolated), "{} not isolated", a.id);
        assert_eq!(
            html.matches(a.id.as_str()).count(),
            html.matches(isolated.as_str()).count(),
            "{} also appears outside an isolate",
            a.id
        );
        assert!(html.contains(&format!("<bdi class=\"src\">{}</bdi>", a.source)));
    }
    // The shared fact lists its outlets in one block and folds most of them away.
    assert!(html.contains("<details><summary>"), "nothing folded");
    assert!(html.contains("<html lang=\"ar\" dir=\"rtl\">"));
}
