//! Speakers of quotes: phrases that name nobody are no speakers, an outlet passing on another
//! body's words is not its speaker, and long quotes are cut.

use compare::quotes::find_quotes;

/// The speakers of the quotes of `text`, in order.
fn speakers(text: &str) -> Vec<String> {
    find_quotes(text).into_iter().map(|q| q.speaker).collect()
}

#[test]
fn occasions_documents_and_adverbs_take_the_previous_speaker() {
    let t = "قالت وزارة الخارجية الأردنية إن عمان ترفض أي محاولة لتهجير الفلسطينيين من أرضهم. \
وقال في بيان لاحق إن الوزير سيزور المنطقة الأسبوع المقبل لبحث التهدئة. \
وأضاف البيان أن الاتصالات مستمرة مع جميع الأطراف المعنية بالأزمة. \
وقال كذلك إن المساعدات الإنسانية يجب أن تدخل القطاع دون عوائق.";
    let got = speakers(t);
    assert_eq!(got.len(), 4, "{:?}", find_quotes(t));
    for s in &got {
        assert_eq!(s, "وزارة الخارجية الأردنية", "{got:?}");
    }
    let t = "قال الرئيس الأميركي دونالد ترامب الثلاثاء إن القمة ستعقد في موعدها المحدد. \
وقال في تغريدته إن الطرفين اتفقا على جدول أعمال يشمل الملف النووي.";
    assert_eq!(speakers(t), vec!["الرئيس الأميركي دونالد ترامب"; 2]);
}

#[test]
fn hashtags_prepositions_and_clauses_are_no_speakers() {
    // The preposition opens what was said (حذر من أن), it ends the speaker.
    let t = "وحذر وزير الخارجية البريطاني بوريس جونسون من أنه إذا ثبت أن روسيا وراء تسميم سكريبال فسترد بريطانيا ردا قويا.";
    assert_eq!(speakers(t), vec!["وزير الخارجية البريطاني بوريس جونسون"]);
    // The subject stands before its verb; the words after it are its object and a clause.
    let t = "وكانت بريطانيا حذرت روسيا من رد قوي إذا ثبت أن الكرملين مسؤول عن تسميم الجاسوس الذي أدين \"بإبلاغ المخابرات البريطانية بأمر عشرات الجواسيس\".";
    for s in speakers(t) {
        assert!(!s.contains("روسيا"), "{s}");
    }
    // A hashtag is a topic tag; inside a name it is unwrapped.
    let t = "وقال #لافروف إن موسكو لا علاقة لها بتسميم الجاسوس السابق في سالزبري.";
    assert!(
        speakers(t).iter().all(|s| !s.contains('#')),
        "{:?}",
        speakers(t)
    );
    let t =
        "وقالت المتحدثة باسم #الخارجية_الروسية ماريا زاخاروفا إن هذه مهزلة في البرلمان البريطاني.";
    assert_eq!(
        speakers(t),
        vec!["المتحدثة باسم الخارجية الروسية ماريا زاخاروفا"]
    );
}

#[test]
fn an_outlet_passing_on_a_statement_is_not_its_speaker() {
    let t = "ذكرت وكالة إنترفاكس للأنباء نقلا عن وزارة الخارجية الروسية، الاثنين، أن تهديد بريطانيا بمقاطعة كأس العالم سيلحق الضرر بالعلاقات مع موسكو.";
    assert_eq!(speakers(t), vec!["وزارة الخارجية الروسية"]);
    let t = "ونقلت إنترفاكس عن الوزارة قولها في بيان \"نريد التأكيد مجددا أن مثل هذه البيانات الاستفزازية لا تؤدي إلا إلى تعقيد العلاقات\".";
    assert_eq!(speakers(t), vec!["الوزارة"]);
    let t = "وحمل رئيس السلطة الفلسطينية محمود عباس في بيان \" حركة حماس مسؤولية الهجوم الجبان على موكب الحمد الله\"، حسبما ذكرت وكالة الأنباء الفلسطينية وفا.";
    assert_eq!(speakers(t), vec!["رئيس السلطة الفلسطينية محمود عباس"]);
    // A body whose statement follows a verb of stance speaks it.
    let t = "بدورها أدانت حركة المقاومة الإسلامية #حماس استهداف الموكب، وقال في بيان \"تعتبر هذه الجريمة جزءا لا يتجزأ من محاولات العبث بأمن قطاع غزة\".";
    assert_eq!(speakers(t), vec!["حركة المقاومة الإسلامية حماس"]);
}

#[test]
fn a_long_quote_is_cut_at_sentence_ends() {
    let body = "إننا نعمل مع شركائنا في المنطقة على خطة شاملة لإعادة الإعمار وتأمين وصول المساعدات إلى كل المحتاجين. "
        .repeat(9);
    let t = format!("وقال المتحدث باسم الوكالة: «{}»", body.trim());
    let q = find_quotes(&t);
    assert!(q.len() >= 2, "{q:?}");
    for x in &q {
        assert!(x.text.chars().count() <= 600, "{}", x.text.chars().count());
        assert_eq!(x.speaker, "المتحدث باسم الوكالة");
    }
}
