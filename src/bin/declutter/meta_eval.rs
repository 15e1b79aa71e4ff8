//! Metadata agreement with a readability-style corpus: `<case>/source.html` next to
//! `<case>/expected-metadata.json` (title, byline, excerpt, siteName, publishedTime, lang, dir).

use declutter::internals::dom::collapse_whitespace;
use declutter::internals::meta::normalize_date;
use declutter::{extract_html, Options};
use rayon::prelude::*;
use serde_json::Value;
use std::path::Path;

/// Fields compared, as named in `expected-metadata.json`.
const FIELDS: &[&str] = &[
    "title",
    "byline",
    "excerpt",
    "siteName",
    "publishedTime",
    "lang",
    "dir",
];
/// Separators between a title and the site's name.
const TITLE_SEPARATORS: &[char] = &[
    '|', '-', '\u{2013}', '\u{2014}', '\u{b7}', ':', '/', '\u{bb}',
];
/// Words a byline may start with that only introduce the name ("By Jane Doe").
const BYLINE_INTROS: &[&str] = &["by:", "by"];

/// Agreement on one field.
#[derive(Debug, Clone, PartialEq)]
pub struct FieldScore {
    pub field: &'static str,
    /// Cases whose expected file has this field.
    pub cases: usize,
    pub agree: usize,
    /// Agreement under the lenient rule (bylines: case and a leading "By" ignored; titles: a
    /// site name we cut off and the reference kept is not counted against us).
    pub agree_lenient: usize,
    /// Disagreements where the expected value is null and we found one (often a true value
    /// the reference missed, e.g. a date in JSON-LD); counted apart so they can be told from errors.
    pub extra: usize,
}

/// True when `dir` looks like a readability corpus (case folders with expected metadata).
pub fn is_readability_corpus(dir: &Path) -> bool {
    cases(dir).map(|c| !c.is_empty()).unwrap_or(false)
}

fn cases(dir: &Path) -> std::io::Result<Vec<std::path::PathBuf>> {
    let mut out: Vec<_> = std::fs::read_dir(dir)?
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.join("source.html").is_file() && p.join("expected-metadata.json").is_file())
        .collect();
    out.sort();
    Ok(out)
}

/// Extracts every case and prints one line per field with its agreement; returns the scores.
pub fn report(corpus: &Path) -> std::io::Result<Vec<FieldScore>> {
    report_with(corpus, false)
}

/// [`report`], optionally listing every disagreement (case, field, expected, ours) first.
pub fn report_with(corpus: &Path, show_misses: bool) -> std::io::Result<Vec<FieldScore>> {
    let cases = cases(corpus)?;
    let opts = Options::default();
    let rows: Vec<Vec<(usize, bool, bool, bool)>> = cases
        .par_iter()
        .map(|case| {
            let expected: Value = std::fs::read_to_string(case.join("expected-metadata.json"))
                .ok()
                .and_then(|s| serde_json::from_str(&s).ok())
                .unwrap_or(Value::Null);
            let got = std::fs::read(case.join("source.html"))
                .ok()
                .and_then(|b| extract_html(&b, &opts).ok())
                .unwrap_or_default();
            let ours = [
                &got.title,
                &got.byline,
                &got.excerpt,
                &got.site_name,
                &got.published,
                &got.lang,
                &got.dir,
            ];
            FIELDS
                .iter()
                .enumerate()
                .filter_map(|(i, f)| {
                    let want = expected.get(*f)?;
                    let want = want.as_str().map(str::to_string);
                    let (strict, lenient) = compare(f, want.as_deref(), ours[i].as_deref());
                    if show_misses && !strict {
                        let case = case.file_name().unwrap_or_default().to_string_lossy();
                        println!("miss {case} {f}: expected {want:?}, got {:?}", ours[i]);
                    }
                    let extra = !strict && norm(want.as_deref()).is_none();
                    Some((i, strict, lenient, extra))
                })
                .collect()
        })
        .collect();
    let mut scores: Vec<FieldScore> = FIELDS
        .iter()
        .map(|f| FieldScore {
            field: f,
            cases: 0,
            agree: 0,
            agree_lenient: 0,
            extra: 0,
        })
        .collect();
    for (i, strict, lenient, extra) in rows.into_iter().flatten() {
        scores[i].extra += usize::from(extra);
        scores[i].cases += 1;
        scores[i].agree += usize::from(strict);
        scores[i].agree_lenient += usize::from(lenient);
    }
    println!(
        "metadata agreement over {} cases in {} (white space collapsed and trimmed; a missing or empty value equals null; \
         publishedTime compared as instants after ISO 8601 normalization of both sides; lang case-insensitive; \
         lenient column: bylines with case and a leading \"By\" ignored, titles with a \" | Site\" part we cut and the reference kept ignored)",
        cases.len(),
        corpus.display()
    );
    for s in &scores {
        let pct = |n: usize| 100.0 * n as f64 / s.cases.max(1) as f64;
        let lenient = if s.field == "byline" || s.field == "title" {
            format!(
                "  lenient {:>3}/{:<3} {:5.1}%",
                s.agree_lenient,
                s.cases,
                pct(s.agree_lenient)
            )
        } else {
            String::new()
        };
        println!(
            "  {:<14} {:>3}/{:<3} {:5.1}%  (of the misses, {} where only we found a value){lenient}",
            s.field,
            s.agree,
            s.cases,
            pct(s.agree),
            s.extra
        );
    }
    Ok(scores)
}

fn norm(s: Option<&str>) -> Option<String> {
    s.map(collapse_whitespace).filter(|s| !s.is_empty())
}

/// (strict, lenient) agreement of one field.
fn compare(field: &str, want: Option<&str>, got: Option<&str>) -> (bool, bool) {
    let (w, g) = (norm(want), norm(got));
    let strict = match field {
        "publishedTime" => match (&w, &g) {
            (Some(w), Some(g)) => match (normalize_date(w), normalize_date(g)) {
                (Some(a), Some(b)) => a == b || instant(&a).is_some_and(|x| instant(&b) == Some(x)),
                _ => w == g,
            },
            (w, g) => w == g,
        },
        "lang" => {
            w.as_deref().map(str::to_ascii_lowercase) == g.as_deref().map(str::to_ascii_lowercase)
        }
        _ => w == g,
    };
    let lenient = strict
        || (field == "byline" && w.as_deref().map(strip_intro) == g.as_deref().map(strip_intro))
        || (field == "title" && matches!((&w, &g), (Some(w), Some(g)) if is_site_cut(w, g)));
    (strict, lenient)
}

/// Seconds since 1970 of a normalized date-time with a zone (`...Z` or `...±HH:MM`).
fn instant(iso: &str) -> Option<i64> {
    let num = |r: std::ops::Range<usize>| iso.get(r)?.parse::<i64>().ok();
    let (y, mo, d) = (num(0..4)?, num(5..7)?, num(8..10)?);
    let (h, mi, s) = (num(11..13)?, num(14..16)?, num(17..19)?);
    let offset = match iso.get(19..)? {
        "Z" => 0,
        z => {
            let sign = if z.starts_with('-') { -1 } else { 1 };
            sign * (num(20..22)? * 3600 + num(23..25)? * 60)
        }
    };
    // Days from civil date (proleptic Gregorian), Howard Hinnant's well-known formula.
    let y = if mo <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let doy = (153 * ((mo + 9) % 12) + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    let days = era * 146_097 + doe - 719_468;
    Some(days * 86_400 + h * 3600 + mi * 60 + s - offset)
}

/// Is `ours` the expected title minus a leading or trailing " <sep> site" part?
fn is_site_cut(expected: &str, ours: &str) -> bool {
    let rest = expected
        .strip_prefix(ours)
        .map(str::trim_start)
        .or_else(|| expected.strip_suffix(ours).map(str::trim_end));
    rest.is_some_and(|r| {
        !r.is_empty() && (r.starts_with(TITLE_SEPARATORS) || r.ends_with(TITLE_SEPARATORS))
    })
}

fn strip_intro(s: &str) -> String {
    let lower = s.to_lowercase();
    for p in BYLINE_INTROS {
        if let Some(rest) = lower.strip_prefix(p) {
            return rest.trim().to_string();
        }
    }
    lower
}

#[cfg(test)]
mod tests {
    use super::compare;

    #[test]
    fn comparison_rules() {
        assert_eq!(compare("title", Some(" A  b "), Some("A b")), (true, true));
        assert_eq!(compare("title", None, Some("")), (true, true));
        assert_eq!(compare("title", Some("A"), None), (false, false));
        assert_eq!(
            compare(
                "publishedTime",
                Some("2019-01-03T07:00:02.000Z"),
                Some("2019-01-03T07:00:02Z")
            ),
            (true, true)
        );
        assert_eq!(
            compare("byline", Some("By Jane Roe"), Some("Jane Roe")),
            (false, true)
        );
        assert_eq!(
            compare(
                "publishedTime",
                Some("2017-02-23T17:18:13-08:00"),
                Some("2017-02-24T01:18:13Z")
            ),
            (true, true)
        );
        assert_eq!(
            compare("publishedTime", Some("2017-02-23"), Some("2017-02-24")),
            (false, false)
        );
        assert_eq!(
            compare("title", Some("Owls | Site"), Some("Owls")),
            (false, true)
        );
        assert_eq!(
            compare("title", Some("Owls of the mill"), Some("Owls")),
            (false, false)
        );
        assert_eq!(compare("lang", Some("en-US"), Some("en-us")), (true, true));
    }
}
