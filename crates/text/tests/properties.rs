//! Property tests: nothing panics, every level is idempotent, token and match spans are sound.

use proptest::prelude::*;
use text::{date, normalize, number, sentence, terms, tokenize};

fn arabicish() -> impl Strategy<Value = String> {
    let ch = prop_oneof![
        4 => proptest::char::range('\u{0600}', '\u{06FF}'),
        1 => proptest::char::range('\u{FB50}', '\u{FEFF}'),
        1 => proptest::char::range('\u{064B}', '\u{0655}'),
        1 => prop::sample::select(vec!['\u{200C}', '\u{200D}', '\u{200F}', '\u{0640}', ' ', '.', '\n', '٫', ',', ':', '/', '-', '+']),
        1 => proptest::char::range('0', '9'),
        1 => proptest::char::range('a', 'z'),
        1 => proptest::char::range('\u{0300}', '\u{036F}'),
        1 => any::<char>(),
    ];
    prop::collection::vec(ch, 0..40).prop_map(|v| v.into_iter().collect())
}

fn check_spans(s: &str, spans: &[(usize, usize)]) -> Result<(), TestCaseError> {
    let mut prev = 0;
    for &(a, b) in spans {
        prop_assert!(a <= b && b <= s.len(), "span {a}..{b} outside {}", s.len());
        prop_assert!(s.is_char_boundary(a) && s.is_char_boundary(b));
        prop_assert!(a >= prev, "spans overlap or are out of order");
        prev = b;
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 2000, ..ProptestConfig::default() })]

    #[test]
    fn levels_are_idempotent(s in arabicish()) {
        let d = normalize::display(&s);
        prop_assert_eq!(normalize::display(&d), d.clone());
        let i = normalize::index(&s);
        prop_assert_eq!(normalize::index(&i), i.clone());
        for w in i.split_whitespace() {
            let m = normalize::match_word(w);
            prop_assert_eq!(normalize::match_word(&m), m.clone(), "match_word not idempotent on {:?}", w);
        }
    }

    #[test]
    fn tokens_are_sound(s in arabicish()) {
        let spans: Vec<(usize, usize)> = tokenize(&s).iter().map(|t| (t.start, t.end)).collect();
        check_spans(&s, &spans)?;
        for t in terms(&s) {
            prop_assert!(!t.index.is_empty());
            prop_assert_eq!(normalize::index(&s[t.start..t.end]), t.index.clone());
        }
    }

    #[test]
    fn nothing_panics(s in arabicish()) {
        let sent = sentence::sentences(&s);
        check_spans(&s, &sent)?;
        let dates: Vec<(usize, usize)> = date::find_dates(&s).iter().map(|d| (d.start, d.end)).collect();
        check_spans(&s, &dates)?;
        let nums: Vec<(usize, usize)> = number::find_numbers(&s).iter().map(|d| (d.start, d.end)).collect();
        check_spans(&s, &nums)?;
        let _ = date::parse_datetime(&s);
        let _ = text::analyze(&s).to_text();
    }

    #[test]
    fn real_words_idempotent(w in prop::sample::select(vec!["البنتاغون", "الأميركية", "مسئول", "شيء", "مائة", "وبالمحادثات", "غوغل", "تشيلي", "ﻻ", "كانون"])) {
        let m = normalize::match_word(w);
        prop_assert_eq!(normalize::match_word(&m), m);
    }
}

/// Regression: proptest found `.ﲕؤ` → index `.ييؤ` → match `.يء` → match again `.ء`.
#[test]
fn match_word_idempotent_on_repeated_yeh_before_hamza() {
    for w in [".ييؤ", "شييء", "شيئ", "ييئ"] {
        let once = normalize::match_word(w);
        assert_eq!(
            normalize::match_word(&once),
            once,
            "match_word not idempotent on {w:?}"
        );
    }
    assert_eq!(normalize::match_word("شيء"), normalize::match_word("شئ"));
}
