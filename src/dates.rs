//! Dates as news metadata gives them: parsed into `YYYY-MM-DD` ([`parse_date`]) and counted in
//! days ([`day_number`]) for story windows and Parquet date columns. A leaf: it imports nothing of
//! the crate, so reading, writing and the story stage all use it.

/// Month names and their common abbreviations, for [`parse_date`].
const MONTHS: [&str; 12] = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];

fn month_number(w: &str) -> Option<u32> {
    let w = w.trim_end_matches('.').to_ascii_lowercase();
    if w.len() < 3 {
        return None;
    }
    let w = if w == "sept" { "sep".to_string() } else { w };
    MONTHS
        .iter()
        .position(|m| *m == w || (w.len() == 3 && m.starts_with(&w)))
        .map(|i| i as u32 + 1)
}

/// `YYYY-MM-DD` when the day exists in that month and year (0001 to 9999, every year the four
/// digits can write).
fn valid_ymd(y: u32, m: u32, d: u32) -> Option<String> {
    let leap = (y.is_multiple_of(4) && !y.is_multiple_of(100)) || y.is_multiple_of(400);
    let days = match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return None,
    };
    ((1..=9999).contains(&y) && (1..=days).contains(&d)).then(|| format!("{y:04}-{m:02}-{d:02}"))
}

/// Days since 1970-01-01 of a date that starts `YYYY-MM-DD` (proleptic Gregorian, Howard
/// Hinnant's days-from-civil), `None` for anything else: story windows and Parquet dates.
pub fn day_number(s: &str) -> Option<i64> {
    let b = s.as_bytes();
    if b.len() < 10 || b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    let y: i64 = s.get(0..4)?.parse().ok()?;
    let m: i64 = s.get(5..7)?.parse().ok()?;
    let d: i64 = s.get(8..10)?.parse().ok()?;
    if !(1..=12).contains(&m) || !(1..=31).contains(&d) {
        return None;
    }
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    Some(era * 146097 + doe - 719468)
}

/// Parses the dates news metadata carries into `YYYY-MM-DD`: ISO dates and timestamps
/// (`2025-03-04`, `2025-03-04T10:00:00Z`, `2025/03/04`, `20250304`), written-out dates
/// (`March 4, 2025`, `4 March 2025`, `Mar. 4 2025`, `Tue, 04 Mar 2025 10:00:00 GMT`) and
/// `M/D/YYYY` (US order; `D/M/YYYY` when the first number cannot be a month). `Err` says why a
/// date was refused (a day that does not exist, a form not known).
pub fn parse_date(s: &str) -> std::result::Result<String, String> {
    let t = s.trim();
    let invalid = || Err(format!("invalid date '{t}' (no such day)"));
    if let Some(ymd) = numeric_ymd(t) {
        return match ymd {
            [Some(y), Some(m), Some(d)] => valid_ymd(y, m, d).map_or_else(invalid, Ok),
            _ => invalid(),
        };
    }
    // words: drop a weekday, commas and ordinal suffixes, then find day, month name and year
    let words: Vec<&str> = t
        .split(|c: char| c.is_whitespace() || c == ',')
        .filter(|w| !w.is_empty())
        .collect();
    let (mut y, mut m, mut d) = (None, None, None);
    for w in words.iter().take(5) {
        if let Some(mm) = month_number(w) {
            m = m.or(Some(mm));
            continue;
        }
        let digits = w.trim_end_matches(|c: char| c.is_ascii_alphabetic());
        if !digits.is_empty() && digits.bytes().all(|c| c.is_ascii_digit()) {
            match digits.len() {
                1 | 2 if d.is_none() => d = digits.parse().ok(),
                4 if y.is_none() => y = digits.parse().ok(),
                _ => {}
            }
        } else if let Some((yy, mm, dd)) = slash_ymd(w) {
            return valid_ymd(yy, mm, dd).map_or_else(invalid, Ok);
        }
    }
    match (y, m, d) {
        (Some(y), Some(m), Some(d)) => valid_ymd(y, m, d).map_or_else(invalid, Ok),
        _ => Err(format!("date '{t}' not understood (use YYYY-MM-DD)")),
    }
}

/// The year, month and day of an ISO date (`YYYY-MM-DD` or `YYYY/MM/DD`, with anything after: a
/// time) or of `YYYYMMDD`; `None` for another form.
fn numeric_ymd(t: &str) -> Option<[Option<u32>; 3]> {
    let b = t.as_bytes();
    let num = |r: std::ops::Range<usize>| t.get(r).and_then(|x| x.parse::<u32>().ok());
    if is_iso(b) {
        return Some([num(0..4), num(5..7), num(8..10)]);
    }
    if b.len() == 8 && b.iter().all(u8::is_ascii_digit) {
        return Some([num(0..4), num(4..6), num(6..8)]);
    }
    None
}

/// Whether a date starts `YYYY-MM-DD` or `YYYY/MM/DD`, no digit after.
fn is_iso(b: &[u8]) -> bool {
    b.len() >= 10
        && b[..4].iter().all(u8::is_ascii_digit)
        && (b[4] == b'-' || b[4] == b'/')
        && b[7] == b[4]
        && b[5..7].iter().all(u8::is_ascii_digit)
        && b[8..10].iter().all(u8::is_ascii_digit)
        && (b.len() == 10 || !b[10].is_ascii_digit())
}

/// The year, month and day of `M/D/YYYY` or `M/D/YY` (`D/M/…` when the first number cannot be a
/// month).
fn slash_ymd(w: &str) -> Option<(u32, u32, u32)> {
    let parts: Vec<&str> = w.split('/').collect();
    let [a, b, c] = parts[..] else {
        return None;
    };
    let (Ok(a), Ok(b), Ok(c)) = (a.parse::<u32>(), b.parse::<u32>(), c.parse::<u32>()) else {
        return None;
    };
    let c = if c < 100 { c + 2000 } else { c };
    let (m, d) = if a > 12 { (b, a) } else { (a, b) };
    Some((c, m, d))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn news_dates_parse_and_impossible_ones_do_not() {
        for (given, want) in [
            ("2025-03-04", "2025-03-04"),
            ("2025-03-04T10:00:00Z", "2025-03-04"),
            ("2025/03/04", "2025-03-04"),
            ("20250304", "2025-03-04"),
            ("March 4, 2025", "2025-03-04"),
            ("4 March 2025", "2025-03-04"),
            ("Mar. 4 2025", "2025-03-04"),
            ("Sept 30, 2019", "2019-09-30"),
            ("Tue, 04 Mar 2025 10:00:00 GMT", "2025-03-04"),
            ("March 4th, 2025", "2025-03-04"),
            ("1/21/18", "2018-01-21"),
            ("21/1/2018", "2018-01-21"),
            ("2024-02-29", "2024-02-29"),
            ("9999-12-31", "9999-12-31"),
            ("0001-01-01", "0001-01-01"),
        ] {
            assert_eq!(parse_date(given).as_deref(), Ok(want), "{given}");
        }
        for bad in [
            "2025-13-45",
            "2025-02-29",
            "1900-02-29",
            "yesterday",
            "2025",
            "13/13/2020",
            "0000-01-01",
        ] {
            assert!(parse_date(bad).is_err(), "{bad}");
        }
        assert_eq!(day_number("1970-01-01"), Some(0));
        assert_eq!(day_number("2000-03-01"), Some(11017));
        assert_eq!(day_number("1969-12-31"), Some(-1));
        assert_eq!(day_number(""), None);
    }
}
