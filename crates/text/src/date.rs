//! Dates and times in Arabic news: numeric (ISO 8601, `2015-07-21 02:51:32`, `27/11/2024`,
//! Arabic-Indic digits), Arabic month names of every naming system (يناير، كانون الثاني،
//! جانفي، يوليوز، غشت، شتنبر ...; also the paired form `15 كانون الثاني/يناير 2025`), Hijri dates
//! (`15 جمادى الأولى 1446 هـ`), RFC 2822 (`Sun, 18 Feb 2018 21:35:43 +0400`, `GMT`), with an
//! optional time (`08:51 م`: م = pm, ص = am) and weekday.
//!
//! Hijri dates are converted with the *tabular* (arithmetic) Islamic calendar, epoch 16 July 622
//! Julian, leap years 2, 5, 7, 10, 13, 16, 18, 21, 24, 26, 29 of each 30-year cycle; real Hijri
//! dates from moon sighting or Umm al-Qura can differ from it by a day or two.
//! Numeric `a/b/yyyy` is read day/month/year (Arab usage). Relative dates (أمس، غدا) and dates
//! without a day (نوفمبر 2024) are not resolved: that needs a reference date and is the caller's job.

use jiff::civil::{Date, DateTime};
use jiff::tz::{Offset, TimeZone};
use serde::Serialize;

/// A date-time parsed from text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ParsedDate {
    /// ISO 8601: with offset when the input had one, else civil (`2024-11-27T20:51:00`); a date
    /// without a time is `2024-11-27`.
    pub iso: String,
    /// Seconds since the epoch, UTC when the input had no offset.
    pub unix: i64,
}

/// Which calendar the matched text was written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Calendar {
    Gregorian,
    Hijri,
}

/// A date found inside a text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DateMatch {
    /// Byte span in the original text.
    pub start: usize,
    pub end: usize,
    /// ISO 8601 as in [`ParsedDate::iso`] (Gregorian, also for Hijri input).
    pub iso: String,
    /// Seconds since the epoch (UTC when no offset was written).
    pub unix: i64,
    pub calendar: Calendar,
    /// A time of day was written.
    pub has_time: bool,
    /// A UTC offset (or GMT/Z) was written.
    pub has_offset: bool,
}

/// Parse a whole string as a date-time (ISO 8601, RFC 2822, `2024-11-27 08:51 م`, Arabic dates).
/// Returns `None` unless one date covers the string (surrounding punctuation and spaces allowed).
pub fn parse_datetime(s: &str) -> Option<ParsedDate> {
    let t = s.trim();
    if t.is_empty() {
        return None;
    }
    let m = find_dates(t).into_iter().next()?;
    let rest = crate::normalize::index(&format!("{} {}", t.get(..m.start)?, t.get(m.end..)?));
    let filler = rest
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .all(|w| weekday(w) || matches!(w, "الساعه" | "ساعه" | "في" | "يوم" | "at" | "on"));
    filler.then_some(ParsedDate {
        iso: m.iso,
        unix: m.unix,
    })
}

/// Find every date in `text`, in order, non-overlapping.
pub fn find_dates(text: &str) -> Vec<DateMatch> {
    let f = Folded::new(text);
    let mut out = Vec::new();
    let mut i = 0;
    while i < f.len() {
        let starts_here = i == 0 || !f.c[i - 1].is_alphanumeric();
        if starts_here && let Some((end, m)) = match_at(&f, i) {
            let start_b = f.off[i];
            let mut end_b = f.end_byte(end);
            // Trailing marks and tatweel belong to the last word (هـ).
            if let Some(tail) = text.get(end_b..) {
                end_b += tail
                    .chars()
                    .take_while(|&c| {
                        crate::normalize::is_diacritic(c) || c == crate::normalize::TATWEEL
                    })
                    .map(char::len_utf8)
                    .sum::<usize>();
            }
            out.push(DateMatch {
                start: start_b,
                end: end_b,
                ..m
            });
            i = end.max(i + 1);
            continue;
        }
        i += 1;
    }
    out
}

/// The text folded char by char (digits to ASCII, marks dropped, alef variants to ا, ...), with the
/// byte offset of each folded char in the original.
struct Folded {
    c: Vec<char>,
    off: Vec<usize>,
    ends: Vec<usize>,
}

impl Folded {
    fn new(text: &str) -> Self {
        let mut c = Vec::with_capacity(text.len());
        let mut off = Vec::with_capacity(text.len());
        let mut ends = Vec::with_capacity(text.len());
        for (i, ch) in text.char_indices() {
            let folded = if matches!(ch, '\u{00A0}' | '\u{2009}' | '\u{202F}') {
                Some(' ')
            } else {
                crate::normalize::index_char(ch)
            };
            if let Some(x) = folded {
                c.push(x);
                off.push(i);
                ends.push(i + ch.len_utf8());
            }
        }
        Folded { c, off, ends }
    }
    fn len(&self) -> usize {
        self.c.len()
    }
    fn end_byte(&self, end: usize) -> usize {
        if end == 0 {
            0
        } else {
            self.ends.get(end - 1).copied().unwrap_or(0)
        }
    }
    fn at(&self, i: usize) -> Option<char> {
        self.c.get(i).copied()
    }
    /// Digits at i: (value, next index, count).
    fn number(&self, i: usize, max_len: usize) -> Option<(u32, usize, usize)> {
        let mut v: u32 = 0;
        let mut j = i;
        while j < self.len() && j - i < max_len && self.c[j].is_ascii_digit() {
            v = v * 10 + (self.c[j] as u32 - '0' as u32);
            j += 1;
        }
        if j == i || (j < self.len() && self.c[j].is_ascii_digit()) {
            None
        } else {
            Some((v, j, j - i))
        }
    }
    fn skip_spaces(&self, mut i: usize) -> usize {
        while i < self.len() && self.c[i].is_whitespace() {
            i += 1;
        }
        i
    }
    /// Match an index-level phrase (spaces match any run of whitespace) ending on a word boundary.
    fn phrase(&self, i: usize, p: &str) -> Option<usize> {
        let mut j = i;
        for pc in p.chars() {
            if pc == ' ' {
                if j >= self.len() || !self.c[j].is_whitespace() {
                    return None;
                }
                j = self.skip_spaces(j);
            } else {
                if self.at(j) != Some(pc) {
                    return None;
                }
                j += 1;
            }
        }
        if self.at(j).is_some_and(|c| c.is_alphanumeric()) {
            None
        } else {
            Some(j)
        }
    }
    fn word(&self, i: usize) -> (String, usize) {
        let mut j = i;
        let mut w = String::new();
        while j < self.len() && self.c[j].is_alphabetic() {
            w.push(self.c[j]);
            j += 1;
        }
        (w, j)
    }
}

/// Month phrases at index level: (phrase, month, hijri).
static MONTHS: std::sync::LazyLock<Vec<(String, u8, bool)>> = std::sync::LazyLock::new(|| {
    let greg: [&[&str]; 12] = [
        &[
            "يناير",
            "كانون الثاني",
            "كانون ثاني",
            "جانفي",
            "اي النار",
            "jan",
            "january",
        ],
        &["فبراير", "شباط", "فيفري", "النوار", "feb", "february"],
        &["مارس", "اذار", "الربيع", "mar", "march"],
        &["ابريل", "افريل", "نيسان", "الطير", "apr", "april"],
        &["مايو", "ايار", "ماي", "الماء", "may"],
        &["يونيو", "يونيه", "حزيران", "جوان", "الصيف", "jun", "june"],
        &[
            "يوليو",
            "يوليه",
            "تموز",
            "يوليوز",
            "جويليه",
            "جويله",
            "ناصر",
            "jul",
            "july",
        ],
        &[
            "اغسطس",
            "اب",
            "غشت",
            "اوت",
            "اغشت",
            "هانيبال",
            "aug",
            "august",
        ],
        &[
            "سبتمبر",
            "سيبتمبر",
            "ايلول",
            "شتنبر",
            "شتمبر",
            "الفاتح",
            "sep",
            "sept",
            "september",
        ],
        &[
            "اكتوبر",
            "تشرين الاول",
            "تشرين اول",
            "التمور",
            "oct",
            "october",
        ],
        &[
            "نوفمبر",
            "نوفمير",
            "تشرين الثاني",
            "تشرين ثاني",
            "نونبر",
            "الحرث",
            "nov",
            "november",
        ],
        &[
            "ديسمبر",
            "ديسيمبر",
            "كانون الاول",
            "كانون اول",
            "دجنبر",
            "دجمبر",
            "الكانون",
            "dec",
            "december",
        ],
    ];
    let hijri: [&[&str]; 12] = [
        &["محرم", "المحرم"],
        &["صفر"],
        &["ربيع الاول", "ربيع اول"],
        &["ربيع الاخر", "ربيع الثاني", "ربيع ثاني", "ربيع الاخير"],
        &["جمادي الاولي", "جمادي الاول", "جماد الاول"],
        &["جمادي الاخره", "جمادي الثانيه", "جمادي الاخر", "جماد الثاني"],
        &["رجب"],
        &["شعبان"],
        &["رمضان"],
        &["شوال"],
        &["ذو القعده", "ذي القعده", "ذا القعده"],
        &["ذو الحجه", "ذي الحجه", "ذا الحجه"],
    ];
    let mut v = Vec::new();
    for (m, names) in greg.iter().enumerate() {
        for n in names.iter() {
            v.push((n.to_string(), m as u8 + 1, false));
        }
    }
    for (m, names) in hijri.iter().enumerate() {
        for n in names.iter() {
            v.push((n.to_string(), m as u8 + 1, true));
        }
    }
    // Longest first so كانون الثاني wins over a shorter prefix.
    v.sort_by_key(|(p, _, _)| std::cmp::Reverse(p.chars().count()));
    v
});

fn month_at(f: &Folded, i: usize) -> Option<(u8, bool, usize)> {
    MONTHS
        .iter()
        .find_map(|(p, m, h)| f.phrase(i, p).map(|e| (*m, *h, e)))
}

fn weekday(w: &str) -> bool {
    matches!(
        w,
        "الاثنين"
            | "الاتنين"
            | "اثنين"
            | "الثلاثاء"
            | "الثلثاء"
            | "الاربعاء"
            | "الاربعا"
            | "الخميس"
            | "الجمعه"
            | "السبت"
            | "الاحد"
            | "mon"
            | "tue"
            | "wed"
            | "thu"
            | "fri"
            | "sat"
            | "sun"
            | "monday"
            | "tuesday"
            | "wednesday"
            | "thursday"
            | "friday"
            | "saturday"
            | "sunday"
    )
}

/// Time at i: `HH:MM[:SS[.fff]]` then optional am/pm marker and zone. Returns (h, m, s, offset, end).
fn time_at(f: &Folded, i: usize) -> Option<(u8, u8, u8, Option<i32>, usize)> {
    let (h, j, _) = f.number(i, 2)?;
    if f.at(j) != Some(':') {
        return None;
    }
    let (mi, mut j, n) = f.number(j + 1, 2)?;
    if n != 2 {
        return None;
    }
    let mut s = 0;
    if f.at(j) == Some(':')
        && let Some((sv, k, 2)) = f.number(j + 1, 2)
    {
        s = sv;
        j = k;
        if f.at(j) == Some('.')
            && let Some((_, k, _)) = f.number(j + 1, 9)
        {
            j = k;
        }
    }
    let mut h = h;
    let k = f.skip_spaces(j);
    let (w, we) = f.word(k);
    let mut end = j;
    match w.as_str() {
        "م" | "مساء" | "مساءا" | "pm" | "ليلا" => {
            if h < 12 {
                h += 12;
            }
            end = we;
        }
        "ص" | "صباحا" | "صباح" | "am" | "فجرا" => {
            if h == 12 {
                h = 0;
            }
            end = we;
        }
        _ => {}
    }
    if h > 23 || mi > 59 || s > 60 {
        return None;
    }
    let (off, end) = zone_at(f, end).map_or((None, end), |(o, e)| (Some(o), e));
    Some((h as u8, mi as u8, s.min(59) as u8, off, end))
}

/// Zone right after a time: Z, ±HH:MM, ±HHMM, GMT/UTC/UT, بتوقيت غرينتش, ت.غ / ت غ.
fn zone_at(f: &Folded, i: usize) -> Option<(i32, usize)> {
    if f.at(i) == Some('z') && !f.at(i + 1).is_some_and(|c| c.is_alphanumeric()) {
        return Some((0, i + 1));
    }
    let k = f.skip_spaces(i);
    if let Some(sign @ ('+' | '-')) = f.at(k) {
        let sgn = if sign == '-' { -1 } else { 1 };
        let (a, j, n) = f.number(k + 1, 4)?;
        let (hh, mm, j) = if n == 4 {
            (a / 100, a % 100, j)
        } else if n == 2 && f.at(j) == Some(':') {
            let (b, j2, 2) = f.number(j + 1, 2)? else {
                return None;
            };
            (a, b, j2)
        } else if n == 2 {
            (a, 0, j)
        } else {
            return None;
        };
        if hh > 14 || mm > 59 {
            return None;
        }
        return Some((sgn * (hh as i32 * 3600 + mm as i32 * 60), j));
    }
    for p in [
        "gmt",
        "utc",
        "ut",
        "بتوقيت غرينتش",
        "بتوقيت جرينتش",
        "بتوقيت غرينيتش",
        "بتوقيت جرينيتش",
        "ت.غ",
        "ت غ",
        "غرينتش",
        "جرينتش",
    ] {
        if let Some(e) = f.phrase(k, p) {
            let e = if f.at(e) == Some('.') { e + 1 } else { e };
            return Some((0, e));
        }
    }
    None
}

fn build(
    y: i32,
    mo: u8,
    d: u8,
    time: Option<(u8, u8, u8, Option<i32>)>,
    calendar: Calendar,
) -> Option<DateMatch> {
    let date = if calendar == Calendar::Hijri {
        hijri_to_gregorian(y, mo, d)?
    } else {
        Date::new(y as i16, mo as i8, d as i8).ok()?
    };
    let (h, mi, s, off) = time.unwrap_or((0, 0, 0, None));
    let dt = DateTime::from_parts(
        date,
        jiff::civil::Time::new(h as i8, mi as i8, s as i8, 0).ok()?,
    );
    let (tz, off_s) = match off {
        Some(o) => (TimeZone::fixed(Offset::from_seconds(o).ok()?), Some(o)),
        None => (TimeZone::UTC, None),
    };
    let unix = tz.to_timestamp(dt).ok()?.as_second();
    let iso = match (time.is_some(), off_s) {
        (false, _) => date.to_string(),
        (true, None) => dt.strftime("%Y-%m-%dT%H:%M:%S").to_string(),
        (true, Some(o)) => {
            let sign = if o < 0 { '-' } else { '+' };
            let a = o.abs();
            format!(
                "{}{}{:02}:{:02}",
                dt.strftime("%Y-%m-%dT%H:%M:%S"),
                sign,
                a / 3600,
                (a % 3600) / 60
            )
        }
    };
    Some(DateMatch {
        start: 0,
        end: 0,
        iso,
        unix,
        calendar,
        has_time: time.is_some(),
        has_offset: off_s.is_some(),
    })
}

/// Tabular Islamic calendar → Gregorian (see the module docs).
pub fn hijri_to_gregorian(year: i32, month: u8, day: u8) -> Option<Date> {
    if !(1..=12).contains(&month) || !(1..=30).contains(&day) || !(1..=3000).contains(&year) {
        return None;
    }
    let (y, m, d) = (year as i64, month as i64, day as i64);
    let jdn = d + (59 * (m - 1) + 1) / 2 + (y - 1) * 354 + (3 + 11 * y).div_euclid(30) + 1_948_439;
    let epoch = Date::new(1970, 1, 1).ok()?;
    epoch
        .checked_add(jiff::Span::new().days(jdn - 2_440_588))
        .ok()
}

/// Try every date shape at folded index i; returns (end index, match without byte span).
fn match_at(f: &Folded, i: usize) -> Option<(usize, DateMatch)> {
    let c = f.at(i)?;
    // Weekday prefix (Arabic or English), optional comma.
    if c.is_alphabetic() {
        let (w, e) = f.word(i);
        if weekday(&w) {
            let mut k = f.skip_spaces(e);
            if matches!(f.at(k), Some(',' | '،')) {
                k = f.skip_spaces(k + 1);
            }
            if let Some((end, m)) = match_at_core(f, k) {
                return Some((end, m));
            }
        }
        return None;
    }
    match_at_core(f, i)
}

fn match_at_core(f: &Folded, i: usize) -> Option<(usize, DateMatch)> {
    if !f.at(i)?.is_ascii_digit() {
        return None;
    }
    let (a, j, na) = f.number(i, 4)?;
    // yyyy-mm-dd[(T| )time]
    if na == 4 && matches!(f.at(j), Some('-' | '/')) {
        let sep = f.at(j);
        let (mo, k, _) = f.number(j + 1, 2)?;
        if f.at(k) != sep {
            return None;
        }
        let (d, mut e, _) = f.number(k + 1, 2)?;
        let mut time = None;
        if matches!(f.at(e), Some('t' | ' ')) {
            let t0 = if f.at(e) == Some('t') {
                e + 1
            } else {
                f.skip_spaces(e)
            };
            if let Some((h, mi, s, off, te)) = time_at(f, t0) {
                time = Some((h, mi, s, off));
                e = te;
            }
        }
        return build(a as i32, mo as u8, d as u8, time, Calendar::Gregorian).map(|m| (e, m));
    }
    // dd/mm/yyyy (day first), also dd-mm-yyyy and dd.mm.yyyy
    if na <= 2 && matches!(f.at(j), Some('/' | '-' | '.')) {
        let sep = f.at(j);
        let (mo, k, _) = f.number(j + 1, 2)?;
        if f.at(k) != sep {
            return None;
        }
        let (y, mut e, ny) = f.number(k + 1, 4)?;
        if ny != 4 {
            return None;
        }
        let mut time = None;
        let t0 = f.skip_spaces(e);
        if t0 > e
            && let Some((h, mi, s, off, te)) = time_at(f, t0)
        {
            time = Some((h, mi, s, off));
            e = te;
        }
        return build(y as i32, mo as u8, a as u8, time, Calendar::Gregorian).map(|m| (e, m));
    }
    // d month[/month] [,] yyyy [هـ|م] [time]
    if na <= 2 {
        let k = f.skip_spaces(j);
        let (mo, hijri, mut e) = month_at(f, k)?;
        // Paired name: "كانون الثاني/يناير" or "يناير (كانون الثاني)".
        let k2 = f.skip_spaces(e);
        if matches!(f.at(k2), Some('/' | '(' | '-'))
            && let Some((mo2, h2, e2)) = month_at(f, f.skip_spaces(k2 + 1))
            && mo2 == mo
            && h2 == hijri
        {
            e = e2;
            let k3 = f.skip_spaces(e);
            if f.at(k3) == Some(')') {
                e = k3 + 1;
            }
        }
        let mut k = f.skip_spaces(e);
        if matches!(f.at(k), Some(',' | '،')) {
            k = f.skip_spaces(k + 1);
        }
        let (y, mut e, ny) = f.number(k, 4)?;
        if ny < 3 {
            return None;
        }
        // Era marker.
        let k = f.skip_spaces(e);
        let (w, we) = f.word(k);
        let mut cal = if hijri {
            Calendar::Hijri
        } else {
            Calendar::Gregorian
        };
        match w.as_str() {
            "ه" | "هجري" | "هجريه" | "للهجره" => {
                cal = Calendar::Hijri;
                e = we; // a dot after هـ may end the sentence: leave it out
            }
            "م" | "ميلادي" | "ميلاديه" | "للميلاد" if !hijri => {
                // "م" right after the year is the era unless a time follows it (then it is pm, handled below).
                e = we;
            }
            _ => {}
        }
        if cal == Calendar::Hijri && !hijri {
            return None; // Gregorian month name with a Hijri era marker: inconsistent.
        }
        // Optional time: ", 08:51 م" or "الساعة 08:51".
        let mut time = None;
        let mut t0 = f.skip_spaces(e);
        if matches!(f.at(t0), Some(',' | '،' | '-')) {
            t0 = f.skip_spaces(t0 + 1);
        }
        for p in ["الساعه", "at"] {
            if let Some(pe) = f.phrase(t0, p) {
                t0 = f.skip_spaces(pe);
            }
        }
        if let Some((h, mi, s, off, te)) = time_at(f, t0) {
            time = Some((h, mi, s, off));
            e = te;
        }
        return build(y as i32, mo, a as u8, time, cal).map(|m| (e, m));
    }
    None
}
