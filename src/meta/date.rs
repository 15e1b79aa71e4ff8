//! Publication dates to ISO 8601.
//!
//! Pages write dates as machine strings (`2019-01-03T07:00:02.000Z`, `2017-11-03 03:01:00`,
//! `2021-11-01T10:52:50+0100`), as RFC 2822 (`Thu, 03 Jan 2019 07:00:02 GMT`) or as prose
//! (`March 25, 2015 3:46 PM`, `25 March 2015`). [`normalize`] reads all of these and writes one
//! form: `YYYY-MM-DD`, or `YYYY-MM-DDTHH:MM:SS` plus `Z` / `±HH:MM` when the source had a zone.
//! Fractions of a second are dropped (no page shows them; they only make equal dates differ).

/// English month names and abbreviations, in calendar order (prose dates on English pages).
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
/// Shortest month prefix accepted ("Sept" and "Sep" both name September).
const MONTH_PREFIX_MIN: usize = 3;
/// Plausible years for a web page's publication (rejects phone numbers and ids).
const YEAR_RANGE: std::ops::RangeInclusive<u32> = 1900..=2200;
/// Zone abbreviations meaning UTC in RFC 2822 dates.
const UTC_NAMES: &[&str] = &["z", "gmt", "ut", "utc"];

/// A date (and optionally a time and zone) read from a page.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Parsed {
    y: u32,
    mo: u32,
    d: u32,
    /// Hours, minutes, seconds.
    time: Option<(u32, u32, u32)>,
    /// Offset from UTC in minutes; `Some(0)` prints as `Z` only when written as Z/GMT/UTC.
    zone: Option<Zone>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Zone {
    Utc,
    Offset(i32),
}

/// Normalizes a date string to ISO 8601, or `None` when it is not a recognisable date.
pub fn normalize(s: &str) -> Option<String> {
    let s = s.trim();
    if s.is_empty() {
        return None;
    }
    let p = parse_iso(s).or_else(|| parse_prose(s))?;
    Some(format(&p))
}

fn format(p: &Parsed) -> String {
    let mut out = format!("{:04}-{:02}-{:02}", p.y, p.mo, p.d);
    if let Some((h, mi, se)) = p.time {
        out.push_str(&format!("T{h:02}:{mi:02}:{se:02}"));
        match p.zone {
            Some(Zone::Utc) => out.push('Z'),
            Some(Zone::Offset(m)) => {
                let sign = if m < 0 { '-' } else { '+' };
                let m = m.unsigned_abs();
                out.push_str(&format!("{sign}{:02}:{:02}", m / 60, m % 60));
            }
            None => {}
        }
    }
    out
}

fn valid_date(y: u32, mo: u32, d: u32) -> bool {
    if !YEAR_RANGE.contains(&y) || !(1..=12).contains(&mo) || d == 0 {
        return false;
    }
    let leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    let days = match mo {
        2 if leap => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    };
    d <= days
}

fn valid_time(h: u32, mi: u32, se: u32) -> bool {
    // 24:00 and leap second 60 are legal in ISO 8601 and show up in feeds.
    h <= 24 && mi < 60 && se <= 60
}

/// Reads `N` ASCII digits at `pos`.
fn digits(b: &[u8], pos: usize, n: usize) -> Option<u32> {
    let part = b.get(pos..pos + n)?;
    if !part.iter().all(u8::is_ascii_digit) {
        return None;
    }
    Some(
        part.iter()
            .fold(0, |acc, &c| acc * 10 + u32::from(c - b'0')),
    )
}

/// `YYYY-MM-DD`, `YYYY/MM/DD`, `YYYYMMDD`, then optional `T`/space time and zone.
fn parse_iso(s: &str) -> Option<Parsed> {
    let b = s.as_bytes();
    let y = digits(b, 0, 4)?;
    let (mo, d, mut pos) = match b.get(4) {
        Some(&sep @ (b'-' | b'/' | b'.')) => {
            // Month and day may be one or two digits when a separator is used.
            let (mo, p) = small_number(b, 5)?;
            if b.get(p) != Some(&sep) {
                return None;
            }
            let (d, p) = small_number(b, p + 1)?;
            (mo, d, p)
        }
        _ => (digits(b, 4, 2)?, digits(b, 6, 2)?, 8),
    };
    if !valid_date(y, mo, d) {
        return None;
    }
    let mut p = Parsed {
        y,
        mo,
        d,
        time: None,
        zone: None,
    };
    if matches!(b.get(pos), Some(b'T' | b't' | b' '))
        && b.get(pos + 1).is_some_and(u8::is_ascii_digit)
    {
        pos += 1;
        let h = digits(b, pos, 2)?;
        let colon = b.get(pos + 2) == Some(&b':');
        let step = if colon { 3 } else { 2 };
        let mi = digits(b, pos + step, 2)?;
        pos += step + 2;
        let mut se = 0;
        if (colon && b.get(pos) == Some(&b':'))
            || (!colon && b.get(pos).is_some_and(u8::is_ascii_digit))
        {
            let at = if colon { pos + 1 } else { pos };
            se = digits(b, at, 2)?;
            pos = at + 2;
        }
        // Fractions of a second: skipped (see module doc).
        if matches!(b.get(pos), Some(b'.' | b',')) {
            pos += 1;
            while b.get(pos).is_some_and(u8::is_ascii_digit) {
                pos += 1;
            }
        }
        if !valid_time(h, mi, se) {
            return None;
        }
        p.time = Some((h, mi, se));
        p.zone = parse_zone(s[pos..].trim_start());
    }
    Some(p)
}

/// One or two digits at `pos`; returns the value and the position after them.
fn small_number(b: &[u8], pos: usize) -> Option<(u32, usize)> {
    let n = b[pos.min(b.len())..]
        .iter()
        .take(3)
        .take_while(|c| c.is_ascii_digit())
        .count();
    if n == 0 || n > 2 {
        return None;
    }
    Some((digits(b, pos, n)?, pos + n))
}

/// `Z`, `+01:00`, `+0100`, `-04`, `GMT`, `UTC`, `GMT+2` (nothing else).
fn parse_zone(s: &str) -> Option<Zone> {
    let lower = s.to_ascii_lowercase();
    let word: String = lower
        .chars()
        .take_while(char::is_ascii_alphabetic)
        .collect();
    let rest = &lower[word.len()..];
    if !word.is_empty() {
        if !UTC_NAMES.contains(&word.as_str()) {
            return None;
        }
        if rest.is_empty() || !rest.starts_with(['+', '-']) {
            return Some(Zone::Utc);
        }
    }
    let b = rest.as_bytes();
    let sign = match b.first()? {
        b'+' => 1,
        b'-' => -1,
        _ => return None,
    };
    let h = digits(b, 1, 2).or_else(|| digits(b, 1, 1))?;
    let hd = if digits(b, 1, 2).is_some() { 2 } else { 1 };
    let at = 1 + hd + usize::from(b.get(1 + hd) == Some(&b':'));
    let m = digits(b, at, 2).unwrap_or(0);
    if h > 14 || m >= 60 {
        return None;
    }
    let minutes = sign * (h as i32 * 60 + m as i32);
    Some(if minutes == 0 && !word.is_empty() {
        Zone::Utc
    } else {
        Zone::Offset(minutes)
    })
}

/// Prose and RFC 2822 dates: a month name, a day, a four-digit year in either order
/// (`March 25, 2015`, `25 Mar 2015`, `Thu, 03 Jan 2019 07:00:02 GMT`), optional `H:MM[:SS]`
/// with am/pm, optional zone. Weekday names and filler words are ignored.
fn parse_prose(s: &str) -> Option<Parsed> {
    let lower = s.to_ascii_lowercase();
    let tokens: Vec<&str> = lower
        .split(|c: char| c.is_whitespace() || c == ',')
        .filter(|t| !t.is_empty())
        .collect();
    let (mut y, mut mo, mut d) = (None, None, None);
    let mut time = None;
    let mut zone = None;
    let mut pm = None;
    for t in &tokens {
        let t = t.trim_end_matches('.');
        if let Some(m) = month_of(t) {
            mo.get_or_insert(m);
        } else if t.contains(':') && time.is_none() {
            let (clock, tail) = t.split_at(
                t.find(|c: char| c.is_ascii_alphabetic() || c == '+' || c == '-')
                    .unwrap_or(t.len()),
            );
            let parts: Vec<u32> = clock.split(':').map_while(|x| x.parse().ok()).collect();
            if parts.len() >= 2
                && valid_time(parts[0], parts[1], parts.get(2).copied().unwrap_or(0))
            {
                time = Some((parts[0], parts[1], parts.get(2).copied().unwrap_or(0)));
                match tail {
                    "am" | "a.m" => pm = Some(false),
                    "pm" | "p.m" => pm = Some(true),
                    "" => {}
                    z => zone = parse_zone(z),
                }
            }
        } else if matches!(t, "am" | "a.m" | "pm" | "p.m") {
            pm = Some(t.starts_with('p'));
        } else if let Some(num) = ordinal(t) {
            if t.len() == 4 && YEAR_RANGE.contains(&num) {
                y.get_or_insert(num);
            } else if (1..=31).contains(&num) && d.is_none() {
                d = Some(num);
            }
        } else if time.is_some() && zone.is_none() {
            zone = parse_zone(t);
        }
    }
    let (y, mo, d) = (y?, mo?, d?);
    if !valid_date(y, mo, d) {
        return None;
    }
    let time = time.map(|(h, mi, se)| match pm {
        Some(true) if h < 12 => (h + 12, mi, se),
        Some(false) if h == 12 => (0, mi, se),
        _ => (h, mi, se),
    });
    Some(Parsed {
        y,
        mo,
        d,
        time,
        zone: time.and(zone),
    })
}

/// Is `t` (lower-case) a month name or its abbreviation?
pub fn is_month_name(t: &str) -> bool {
    month_of(t).is_some()
}

fn month_of(t: &str) -> Option<u32> {
    if t.len() < MONTH_PREFIX_MIN || !t.bytes().all(|c| c.is_ascii_alphabetic()) {
        return None;
    }
    MONTHS
        .iter()
        .position(|m| m.starts_with(t))
        .map(|i| i as u32 + 1)
}

/// `25`, `25th`, `1st`, `2015`.
fn ordinal(t: &str) -> Option<u32> {
    let n = t.trim_end_matches(|c: char| c.is_ascii_alphabetic());
    let suffix = &t[n.len()..];
    if n.is_empty() || n.len() > 4 || !matches!(suffix, "" | "st" | "nd" | "rd" | "th") {
        return None;
    }
    n.parse().ok()
}

#[cfg(test)]
mod tests {
    use super::normalize;

    #[test]
    fn machine_forms() {
        assert_eq!(
            normalize("2019-01-03T07:00:02.000Z").unwrap(),
            "2019-01-03T07:00:02Z"
        );
        assert_eq!(
            normalize("2021-11-01T10:52:50+0100").unwrap(),
            "2021-11-01T10:52:50+01:00"
        );
        assert_eq!(
            normalize("2017-11-03 03:01:00.000000").unwrap(),
            "2017-11-03T03:01:00"
        );
        assert_eq!(
            normalize("2018-04-05T06:00").unwrap(),
            "2018-04-05T06:00:00"
        );
        assert_eq!(normalize("2024-06-25").unwrap(), "2024-06-25");
        assert_eq!(normalize("2015/7/9").unwrap(), "2015-07-09");
        assert_eq!(normalize("20150709").unwrap(), "2015-07-09");
        assert_eq!(
            normalize("2013-09-11T10:00:00-04:00").unwrap(),
            "2013-09-11T10:00:00-04:00"
        );
    }

    #[test]
    fn prose_and_rfc2822() {
        assert_eq!(
            normalize("Thu, 03 Jan 2019 07:00:02 GMT").unwrap(),
            "2019-01-03T07:00:02Z"
        );
        assert_eq!(
            normalize("March 11, 2015 3:46 PM").unwrap(),
            "2015-03-11T15:46:00"
        );
        assert_eq!(normalize("25th Sept 2015").unwrap(), "2015-09-25");
        assert_eq!(
            normalize("Published: 7 May 2020, 12:05 am").unwrap(),
            "2020-05-07T00:05:00"
        );
    }

    #[test]
    fn rejects_non_dates() {
        for s in [
            "",
            "yesterday",
            "2015-13-01",
            "2015-02-30",
            "tel 555 1234",
            "May 2020",
            "12345678901",
        ] {
            assert_eq!(normalize(s), None, "{s:?}");
        }
    }
}
