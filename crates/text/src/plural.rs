//! Counts shown to readers, written with the noun in Arabic number agreement: `مقال واحد`,
//! `مقالان`, `3 مقالات`, `11 مقالًا`, `100 مقال`.
//!
//! The rule is the one Arabic news sites and the Unicode CLDR plural rules for Arabic use with
//! numbers written in digits: the noun agrees with the last two digits of the count.
//!
//! | count (n % 100 for n ≥ 100)   | form                         | example          |
//! |-------------------------------|------------------------------|------------------|
//! | 0                             | `لا` + plural                | `لا مقالات`      |
//! | 1                             | singular + `واحد`/`واحدة`    | `مقال واحد`      |
//! | 2                             | dual, no digits              | `مقالان`         |
//! | 3–10 (103, 1005 …)            | digits + plural              | `3 مقالات`       |
//! | 11–99 (111, 1250 …)           | digits + accusative singular | `11 مقالًا`      |
//! | 100, 101, 102, 200, 1000 …    | digits + singular            | `101 مقال`       |
//!
//! Written out in words, 101 and 102 would be `مئة مقال ومقال` and `مئة ومقالان`; in digits the
//! noun after them stays singular (`102 مقال`), as for every count whose last two digits are
//! 00, 01 or 02 (CLDR category "other"). The dual is the only form whose ending follows the case:
//! `مصدران` standing alone, `مصدرين` after a preposition (`من مصدرين`), hence [`Case`].
//!
//! Pure string building; it does not spell numbers in words nor write Arabic-Indic digits. The
//! web UI (`crates/server/assets/app.js`, `countNoun`) writes the same rule in JavaScript.

/// A noun (or a noun with its adjective) in every form a count needs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Noun {
    /// Singular, as after 100: `مقال`, `مصدر مستقل`.
    pub singular: &'static str,
    /// Dual standing alone (nominative): `مقالان`.
    pub dual: &'static str,
    /// Dual after a preposition or as an object (genitive, accusative): `مقالين`.
    pub dual_oblique: &'static str,
    /// Plural, as after 3 to 10: `مقالات`.
    pub plural: &'static str,
    /// Accusative singular, as after 11 to 99: `مقالًا`.
    pub accusative: &'static str,
    /// Whether `واحدة` rather than `واحد` follows the singular for a count of one.
    pub feminine: bool,
}

/// مقال: a news article.
pub const ARTICLE: Noun = Noun {
    singular: "مقال",
    dual: "مقالان",
    dual_oblique: "مقالين",
    plural: "مقالات",
    accusative: "مقالًا",
    feminine: false,
};

/// مصدر: an outlet.
pub const SOURCE: Noun = Noun {
    singular: "مصدر",
    dual: "مصدران",
    dual_oblique: "مصدرين",
    plural: "مصادر",
    accusative: "مصدرًا",
    feminine: false,
};

/// مصدر مستقل: an outlet that is not a wire copy of another.
pub const INDEPENDENT_SOURCE: Noun = Noun {
    singular: "مصدر مستقل",
    dual: "مصدران مستقلان",
    dual_oblique: "مصدرين مستقلين",
    plural: "مصادر مستقلة",
    accusative: "مصدرًا مستقلًا",
    feminine: false,
};

/// قصة: a story.
pub const STORY: Noun = Noun {
    singular: "قصة",
    dual: "قصتان",
    dual_oblique: "قصتين",
    plural: "قصص",
    accusative: "قصة",
    feminine: true,
};

/// نتيجة: a search result.
pub const RESULT: Noun = Noun {
    singular: "نتيجة",
    dual: "نتيجتان",
    dual_oblique: "نتيجتين",
    plural: "نتائج",
    accusative: "نتيجة",
    feminine: true,
};

/// The grammatical case of the counted phrase; only the dual shows it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Case {
    /// Standing alone, as a subject or a label: `مصدران`.
    Nominative,
    /// After a preposition or as an object: `من مصدرين`.
    Oblique,
}

/// The CLDR plural category of a count in Arabic.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Category {
    Zero,
    One,
    Two,
    /// 3–10 in the last two digits.
    Few,
    /// 11–99 in the last two digits.
    Many,
    /// 100, 101, 102, 200 …: last two digits 00, 01 or 02, from 100 on.
    Other,
}

/// The plural category of `n` (see the module docs).
pub fn category(n: u64) -> Category {
    match (n, n % 100) {
        (0, _) => Category::Zero,
        (1, _) => Category::One,
        (2, _) => Category::Two,
        (_, 3..=10) => Category::Few,
        (_, 11..=99) => Category::Many,
        _ => Category::Other,
    }
}

/// `n` with `noun` in agreement, standing alone: `مقال واحد`, `مقالان`, `3 مقالات`, `11 مقالًا`.
pub fn count(n: u64, noun: &Noun) -> String {
    count_in(n, noun, Case::Nominative)
}

/// `n` with `noun` in agreement, in `case`: `من مصدرين` needs [`Case::Oblique`].
pub fn count_in(n: u64, noun: &Noun, case: Case) -> String {
    match category(n) {
        Category::Zero => format!("لا {}", noun.plural),
        Category::One if noun.feminine => format!("{} واحدة", noun.singular),
        Category::One => format!("{} واحد", noun.singular),
        Category::Two if case == Case::Oblique => noun.dual_oblique.to_string(),
        Category::Two => noun.dual.to_string(),
        Category::Few => format!("{n} {}", noun.plural),
        Category::Many => format!("{n} {}", noun.accusative),
        Category::Other => format!("{n} {}", noun.singular),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(noun: &Noun, table: &[(u64, &str)]) {
        for &(n, want) in table {
            assert_eq!(count(n, noun), want, "count({n}, {})", noun.singular);
        }
    }

    #[test]
    fn articles_agree_with_the_last_two_digits() {
        check(
            &ARTICLE,
            &[
                (0, "لا مقالات"),
                (1, "مقال واحد"),
                (2, "مقالان"),
                (3, "3 مقالات"),
                (10, "10 مقالات"),
                (11, "11 مقالًا"),
                (99, "99 مقالًا"),
                (100, "100 مقال"),
                (101, "101 مقال"),
                (102, "102 مقال"),
                (103, "103 مقالات"),
                (111, "111 مقالًا"),
                (1000, "1000 مقال"),
                (1002, "1002 مقال"),
                (1010, "1010 مقالات"),
                (2345, "2345 مقالًا"),
            ],
        );
    }

    #[test]
    fn sources_stories_and_results() {
        check(
            &SOURCE,
            &[
                (1, "مصدر واحد"),
                (2, "مصدران"),
                (4, "4 مصادر"),
                (22, "22 مصدرًا"),
                (300, "300 مصدر"),
            ],
        );
        check(
            &INDEPENDENT_SOURCE,
            &[
                (1, "مصدر مستقل واحد"),
                (2, "مصدران مستقلان"),
                (3, "3 مصادر مستقلة"),
                (12, "12 مصدرًا مستقلًا"),
            ],
        );
        check(
            &STORY,
            &[
                (0, "لا قصص"),
                (1, "قصة واحدة"),
                (2, "قصتان"),
                (7, "7 قصص"),
                (124, "124 قصة"),
            ],
        );
        check(
            &RESULT,
            &[(1, "نتيجة واحدة"), (2, "نتيجتان"), (5, "5 نتائج")],
        );
    }

    #[test]
    fn only_the_dual_follows_the_case() {
        assert_eq!(count_in(2, &SOURCE, Case::Oblique), "مصدرين");
        assert_eq!(count_in(2, &STORY, Case::Oblique), "قصتين");
        for n in [0, 1, 3, 11, 100, 102] {
            assert_eq!(
                count_in(n, &ARTICLE, Case::Oblique),
                count(n, &ARTICLE),
                "{n}"
            );
        }
    }

    #[test]
    fn categories_follow_cldr() {
        use Category::*;
        let table = [
            (0, Zero),
            (1, One),
            (2, Two),
            (3, Few),
            (10, Few),
            (11, Many),
            (99, Many),
            (100, Other),
            (101, Other),
            (102, Other),
            (103, Few),
            (111, Many),
            (1000, Other),
        ];
        for (n, want) in table {
            assert_eq!(category(n), want, "category({n})");
        }
    }
}
