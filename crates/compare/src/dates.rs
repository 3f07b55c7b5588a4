//! Dates inside one fact's sentence, for date conflicts: full dates (`13 آذار/مارس 2018`,
//! `13/3/2018`, read by `text::date::find_dates`), a day with a month name and no year
//! (`13 مارس`، `١٣ آذار`، `13 شتنبر`) and weekday names (`الثلاثاء`، `يوم الأحد`).
//!
//! Month names are recognised by `text::date` itself (its table covers the Egyptian/Gulf,
//! Levantine/Iraqi and Maghreb names); this module only asks it whether `1 <words> 2000` is a
//! Gregorian date. Relative dates (أمس، اليوم) are not resolved, Hijri dates without a year are
//! left out, and الاثنين (also "the two") counts only after `يوم` or before `الماضي/المقبل`.

/// A date as written in a sentence.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct DateRef {
    /// Byte span in the sentence.
    pub start: usize,
    pub end: usize,
    /// What is compared: `MM-DD` (year dropped so that a yearless date meets a full one) or a
    /// weekday `wN` (1 = Monday).
    pub key: String,
    /// The year when written.
    pub year: Option<i32>,
}

impl DateRef {
    pub(crate) fn is_weekday(&self) -> bool {
        self.key.starts_with('w')
    }
}

/// Weekday of an index-level word, Monday = 1; the bool says the word is ambiguous.
fn weekday_of(w: &str) -> Option<(u8, bool)> {
    let w = w
        .strip_prefix("وال")
        .or_else(|| w.strip_prefix("بال"))
        .map(|r| format!("ال{r}"))
        .unwrap_or_else(|| w.to_string());
    Some(match w.as_str() {
        "الاثنين" | "الاتنين" => (1, true),
        "الثلاثاء" | "الثلثاء" => (2, false),
        "الاربعاء" | "الاربعا" => (3, false),
        "الخميس" => (4, false),
        "الجمعه" => (5, false),
        "السبت" => (6, false),
        "الاحد" => (7, false),
        _ => return None,
    })
}

/// Month (1..=12) of the Gregorian month name spelled by `phrase`, asked of `text::date`.
fn month_of(phrase: &str) -> Option<u8> {
    let probe = format!("1 {phrase} 2000");
    let found = text::date::find_dates(&probe);
    let m = found.first()?;
    if m.start != 0 || m.end != probe.len() || m.calendar != text::date::Calendar::Gregorian {
        return None;
    }
    m.iso.get(5..7)?.parse().ok()
}

/// Day of a digit token (any digit script), 1..=31.
fn day_of(tok: &str) -> Option<u8> {
    if tok.chars().count() > 2 {
        return None;
    }
    let v = text::number::parse_digits(tok)?;
    (v.fract() == 0.0 && (1.0..=31.0).contains(&v)).then_some(v as u8)
}

/// The dates of a sentence, in order.
pub(crate) fn find(sentence: &str) -> Vec<DateRef> {
    let mut out: Vec<DateRef> = Vec::new();
    for m in text::date::find_dates(sentence) {
        if m.calendar != text::date::Calendar::Gregorian {
            continue;
        }
        let (Some(y), Some(md)) = (m.iso.get(..4), m.iso.get(5..10)) else {
            continue;
        };
        out.push(DateRef {
            start: m.start,
            end: m.end,
            key: md.to_string(),
            year: y.parse().ok(),
        });
    }
    let covered = |p: usize, out: &[DateRef]| out.iter().any(|d| p >= d.start && p < d.end);
    let toks = text::tokenize(sentence);
    let words: Vec<String> = toks
        .iter()
        .map(|t| text::normalize::index(t.text(sentence)))
        .collect();
    let mut extra = Vec::new();
    for (i, t) in toks.iter().enumerate() {
        if covered(t.start, &out) {
            continue;
        }
        // Day + month name (one or two words), no year.
        if t.kind == text::TokenKind::Number
            && let Some(day) = day_of(t.text(sentence))
        {
            for n in [2usize, 1] {
                let Some(last) = toks.get(i + n) else {
                    continue;
                };
                let phrase = sentence.get(toks[i + 1].start..last.end).unwrap_or("");
                if let Some(month) = month_of(phrase) {
                    extra.push(DateRef {
                        start: t.start,
                        end: last.end,
                        key: format!("{month:02}-{day:02}"),
                        year: None,
                    });
                    break;
                }
            }
            continue;
        }
        if let Some((wd, ambiguous)) = weekday_of(&words[i]) {
            let prev_yawm = i > 0 && matches!(words[i - 1].as_str(), "يوم" | "ويوم" | "اليوم");
            let next_rel = words
                .get(i + 1)
                .is_some_and(|n| matches!(n.as_str(), "الماضي" | "المقبل" | "القادم"));
            if ambiguous && !prev_yawm && !next_rel {
                continue;
            }
            extra.push(DateRef {
                start: t.start,
                end: t.end,
                key: format!("w{wd}"),
                year: None,
            });
        }
    }
    // Drop yearless day+month refs overlapping an earlier one (two-word month then one-word).
    for d in extra {
        if !out.iter().any(|o| d.start < o.end && o.start < d.end) {
            out.push(d);
        }
    }
    out.sort_by_key(|d| d.start);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn keys(s: &str) -> Vec<String> {
        find(s).into_iter().map(|d| d.key).collect()
    }

    #[test]
    fn month_names_of_every_system_meet() {
        assert_eq!(keys("وقع الهجوم في 13 مارس الجاري"), vec!["03-13"]);
        assert_eq!(keys("وقع الهجوم في 13 آذار الجاري"), vec!["03-13"]);
        assert_eq!(keys("وقع الهجوم في ١٣ آذار/مارس 2018"), vec!["03-13"]);
        assert_eq!(keys("انعقد الاجتماع في 2 تشرين الثاني"), vec!["11-02"]);
        assert_eq!(keys("انعقد الاجتماع في 2 نونبر"), vec!["11-02"]);
    }

    #[test]
    fn weekdays_and_ambiguous_words() {
        assert_eq!(keys("قال الوزير الثلاثاء إن"), vec!["w2"]);
        assert_eq!(keys("وصل يوم الأحد إلى الرياض"), vec!["w7"]);
        // الاثنين here is "the two".
        assert!(keys("واتفق الاثنين على ذلك").is_empty());
        assert_eq!(keys("وصل الوفد يوم الاثنين"), vec!["w1"]);
        // A number before a plain word is no date.
        assert!(keys("قتل 13 شخصا في الهجوم").is_empty());
    }
}
