//! Cleaning a byline candidate down to the names it gives, or rejecting it.
//!
//! A candidate is a meta value or the text of a small element. The page's own byline element
//! often glues labels, dates, reading times and job titles to the name ("Written ByJane Roe",
//! "Jane RoeMarch 3, 2025", "Jane RoeSenior Editor"), so element texts come split into
//! segments (one per text node, see [`SEGMENT`]) and the name is read from them in phases:
//! 1. skip the segments before the name (labels such as "Written by", dates, icons, e-mail);
//! 2. take the first name-bearing segment, and the names joined to it ("A", ", ", "B");
//! 3. clean that text (a "By" label, a trailing date line, a "| Role" or "· 3 min read" tail);
//! 4. reject what is not a name (a sentence or legal text, a label, a date, a link).

use super::date;
use crate::dom::collapse_whitespace;

/// Put between the text nodes of an element's text when it is a byline candidate: the name
/// ends where its element ends, whatever text the next element glues to it.
pub const SEGMENT: char = '\u{1f}';
/// Longest believable byline; a longer "author" element is a bio or a comment.
pub const MAX_BYLINE_CHARS: usize = 100;
/// Labels that introduce the name and are not part of it (longest first: "authored by"
/// before "author"), in the languages of the corpora.
const PREFIXES: &[&str] = &[
    "written by",
    "posted by",
    "authored by",
    "published by",
    "text by",
    "words by",
    "story by",
    "article by",
    "by",
    "authors",
    "author",
    "von",
    "par",
    "por",
    "door",
];
/// Words before a "by" that name someone other than the writer ("Reviewed by", "Photos by"):
/// the byline ends before them.
const OTHER_ROLES: &[&str] = &[
    "reviewed",
    "updated",
    "edited",
    "checked",
    "fact-checked",
    "photos",
    "photo",
    "photography",
    "illustration",
    "illustrations",
    "images",
];
/// A "by" this many words into the text still introduces the name ("Recipe by", "View all
/// posts by"); further on it is part of a sentence.
const MAX_WORDS_BEFORE_BY: usize = 5;
/// Words that join two names in a list of authors.
const JOINERS: &[&str] = &[",", "and", "&", ", and", "und", "et", "y", "en"];
/// Interface labels that sit in byline slots and name nobody (a CMS account, a share button).
const LABELS: &[&str] = &[
    "admin",
    "administrator",
    "staff",
    "share",
    "updated",
    "published",
    "posted",
    "category",
    "tags",
    "comments",
    "sign in",
    "log in",
    "subscribe",
    "follow",
    "read more",
    "undefined",
];
/// Separators after which a byline line goes on with something else (a role, a date, a
/// reading time): "Jane Roe | Editor", "Jane Roe • 4 min read".
const TAIL_SEPARATORS: &[char] = &['|', '•', '·', '⋅'];
/// English weekday names, which start a date line.
const WEEKDAYS: &[&str] = &[
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
];

/// The names a candidate gives, or `None` when it gives none.
pub fn clean(raw: &str) -> Option<String> {
    let segments: Vec<String> = raw
        .split(SEGMENT)
        .map(collapse_whitespace)
        .filter(|s| !s.is_empty())
        .collect();
    // Phase 1: skip what comes before the name; a "by" among the first segments says where
    // the name starts ("Guide", "by", "Jane Roe").
    let after_label = segments
        .iter()
        .take(MAX_WORDS_BEFORE_BY)
        .rposition(|s| ends_with_by(s))
        .map_or(0, |i| i + 1);
    let start = after_label
        + segments[after_label..]
            .iter()
            .position(|s| !is_lead_in(s))?;
    // Phase 2: the name's segment and the names joined to it.
    let mut b = segments[start].clone();
    let mut i = start + 1;
    while i + 1 < segments.len() && JOINERS.contains(&segments[i].to_lowercase().as_str()) {
        let sep = if segments[i] == "," { "," } else { " " };
        b = format!(
            "{b}{sep} {} {}",
            segments[i].trim_start_matches(','),
            segments[i + 1]
        );
        b = collapse_whitespace(&b);
        i += 2;
    }
    // Phase 3: clean.
    let b = cut_tail(&cut_dateline(&after_by(&strip_prefix(&b))));
    // Phase 4: reject what names nobody.
    is_name(&b).then_some(b)
}

/// A segment that comes before the name: a label alone ("Written By"), punctuation or an
/// icon, a date or number, an e-mail address.
fn is_lead_in(s: &str) -> bool {
    let stripped = strip_prefix(s);
    !stripped.chars().any(char::is_alphabetic) || starts_with_date(&stripped) || is_email(&stripped)
}

/// "Recipe by", "Posted by", "Jun 2 Written By": a label whose name is the next segment.
fn ends_with_by(s: &str) -> bool {
    let words: Vec<&str> = s.split_whitespace().collect();
    words.len() <= MAX_WORDS_BEFORE_BY + 1
        && words
            .last()
            .is_some_and(|w| w.eq_ignore_ascii_case("by") || w.eq_ignore_ascii_case("by:"))
}

/// The text without a leading label ("By", "Written by:", "Author"), also when the page
/// glued it to the name ("Written ByJane Roe").
fn strip_prefix(s: &str) -> String {
    let lower = s.to_lowercase();
    for p in PREFIXES {
        let Some(rest) = lower.strip_prefix(p) else {
            continue;
        };
        let rest_orig = &s[s.len() - rest.len()..];
        let glued = p.ends_with("by") && rest_orig.starts_with(char::is_uppercase);
        if rest.is_empty() || rest.starts_with([' ', ':']) || glued {
            return rest_orig.trim_start_matches([' ', ':']).to_string();
        }
    }
    s.to_string()
}

/// "Recipe by Jane Roe", "View all posts by Jane Roe": the name after an early "by";
/// "Jane Roe. Reviewed by Max Poe": the name before another role's "by".
fn after_by(s: &str) -> String {
    let words: Vec<&str> = s.split_whitespace().collect();
    let Some(at) = words
        .iter()
        .position(|w| w.eq_ignore_ascii_case("by") || w.eq_ignore_ascii_case("by:"))
    else {
        return s.to_string();
    };
    let role = at
        .checked_sub(1)
        .map(|r| words[r].trim_end_matches(':').to_lowercase())
        .filter(|w| OTHER_ROLES.contains(&w.as_str()));
    if role.is_some() {
        return words[..at - 1].join(" ");
    }
    if at <= MAX_WORDS_BEFORE_BY {
        return words[at + 1..].join(" ");
    }
    s.to_string()
}

/// A byline line often runs on into the date line ("Jane Roe March 3, 2015", "Jane Roe on
/// 04-08-2021", "Jane Roe2022-11-23"): cut at the first weekday name, month name followed
/// by a number, number, or "on" before a date, after the name.
fn cut_dateline(b: &str) -> String {
    // Digits glued to a name's last letter start a date or a count ("Roe2022", "Roe30").
    // A handle keeps its digits ("user1024"): one word, and no date punctuation after them.
    let glued = b
        .char_indices()
        .zip(b.chars().skip(1))
        .find(|((i, c), n)| {
            let after = b[*i..].trim_start_matches(|x: char| !x.is_ascii_digit());
            let dated = after
                .trim_start_matches(|x: char| x.is_ascii_digit())
                .starts_with(['/', '-', '.', ':']);
            c.is_lowercase() && n.is_ascii_digit() && (dated || b[..*i].contains(' '))
        })
        .map(|((i, c), _)| i + c.len_utf8());
    let b = glued.map_or(b, |i| &b[..i]);
    let words: Vec<&str> = b.split_whitespace().collect();
    let is_date_word = |i: usize| {
        let Some(w) = words.get(i) else {
            return false;
        };
        let w = w.trim_end_matches([',', '.']).to_lowercase();
        let next_is_number = words
            .get(i + 1)
            .is_some_and(|n| n.starts_with(|c: char| c.is_ascii_digit()));
        WEEKDAYS.contains(&w.as_str())
            || (date::is_month_name(&w) && next_is_number)
            || w.starts_with(|c: char| c.is_ascii_digit())
    };
    let ends = |i: usize| {
        is_date_word(i)
            || (words[i] == "on"
                && (i + 1 == words.len() || is_date_word(i + 1) || words[i + 1] == "behalf"))
    };
    match (1..words.len()).find(|&i| ends(i)) {
        Some(i) => words[..i]
            .join(" ")
            .trim_end_matches([',', '|', '-', '·', '@'])
            .trim()
            .to_string(),
        None => b.to_string(),
    }
}

/// The name before a separator and whatever follows it ("Jane Roe | Editor", "Jane Roe ·
/// 3 min read"); a dash stays ("Roe-Poe", "Jane Roe - The Owl Desk" names a desk too).
fn cut_tail(b: &str) -> String {
    let b = b.find(TAIL_SEPARATORS).map_or(b, |i| &b[..i]);
    let b = b.trim().trim_end_matches([',', '*', '-', '–']).trim();
    // A full stop after a surname ends a sentence; after "Jr." or "Ph.D." it is the name's.
    let last = b.rsplit(' ').next().unwrap_or("").trim_end_matches('.');
    let sentence_end =
        last.chars().count() >= 3 && !last.contains('.') && last.chars().any(char::is_lowercase);
    if sentence_end {
        b.trim_end_matches('.')
    } else {
        b
    }
    .to_string()
}

fn starts_with_date(s: &str) -> bool {
    let mut words = s.split_whitespace();
    let first = words.next().unwrap_or("").trim_end_matches([',', '.']);
    let next_is_number = words
        .next()
        .is_some_and(|n| n.starts_with(|c: char| c.is_ascii_digit()));
    let lower = first.to_lowercase();
    // A number opens a date ("03/10/2023", "11 March") or stands alone ("26"); "98 Buck
    // Social" is a name.
    let next_word = s.split_whitespace().nth(1);
    let numeric = !first.is_empty()
        && first.starts_with(|c: char| c.is_ascii_digit())
        && first
            .chars()
            .all(|c| c.is_ascii_digit() || "/.-:".contains(c));
    let number_date = numeric
        && (first.contains(['/', '.', '-', ':'])
            || next_word.is_none_or(|w| {
                date::is_month_name(&w.trim_end_matches([',', '.']).to_lowercase())
            }));
    number_date
        || WEEKDAYS
            .iter()
            .any(|d| d.starts_with(&lower) && lower.len() >= 3)
        || (date::is_month_name(&lower) && next_is_number)
}

fn is_email(s: &str) -> bool {
    s.split_whitespace()
        .any(|w| w.contains('@') && w.contains('.') && !w.starts_with('@'))
}

/// Does `b` read as one or more names (people or an organisation)?
fn is_name(b: &str) -> bool {
    let lower = b.to_lowercase();
    let words: Vec<&str> = b.split_whitespace().collect();
    let looks_like_link = crate::output::url::is_absolute(b)
        || b.starts_with("www.")
        || b.starts_with('@')
        || b.starts_with('/');
    // "Updated:" left over after cutting a date line is a label, not a name.
    let is_label = b.ends_with(':')
        || LABELS.contains(&lower.as_str())
        || matches!(words.last(), Some(w) if w.eq_ignore_ascii_case("author") || w.eq_ignore_ascii_case("author."));
    // A sentence or legal text ("continuing, you agree to our"): it opens with a lower-case
    // clause, or most of its words are lower-case (names are capitalised; "the Lavazza Team"
    // passes).
    let cased: Vec<bool> = words
        .iter()
        .filter_map(|w| w.chars().find(|c| c.is_alphabetic()))
        .filter(|c| c.is_lowercase() || c.is_uppercase())
        .map(char::is_lowercase)
        .collect();
    let lower_words = cased.iter().filter(|&&l| l).count();
    let opens_clause = words
        .first()
        .is_some_and(|w| w.ends_with(',') && w.starts_with(char::is_lowercase));
    let sentence = opens_clause || (words.len() >= 3 && 2 * lower_words > cased.len());
    !b.is_empty()
        && b.chars().any(char::is_alphabetic)
        && b.chars().count() <= MAX_BYLINE_CHARS
        && !looks_like_link
        && !is_label
        && !sentence
        && !starts_with_date(b)
        && !is_email(b)
}

#[cfg(test)]
mod tests {
    use super::{clean, SEGMENT};

    fn seg(parts: &[&str]) -> String {
        parts.join(&SEGMENT.to_string())
    }

    #[test]
    fn names_are_read_out_of_byline_lines() {
        assert_eq!(clean("By Jane Roe").as_deref(), Some("Jane Roe"));
        assert_eq!(
            clean(&seg(&["Written By", "Jane Roe"])).as_deref(),
            Some("Jane Roe")
        );
        assert_eq!(clean("Written ByJane Roe").as_deref(), Some("Jane Roe"));
        assert_eq!(
            clean(&seg(&["Jane Roe", "Senior Editor"])).as_deref(),
            Some("Jane Roe")
        );
        assert_eq!(
            clean(&seg(&["Jane Roe", "March 3, 2025"])).as_deref(),
            Some("Jane Roe")
        );
        assert_eq!(clean("Jane Roe2022-11-23").as_deref(), Some("Jane Roe"));
        assert_eq!(clean("Jane Roe • 4 min read").as_deref(), Some("Jane Roe"));
        assert_eq!(
            clean("Jane Roe | Updated 3 hours ago").as_deref(),
            Some("Jane Roe")
        );
        assert_eq!(clean("Posted by Jane Roe on").as_deref(), Some("Jane Roe"));
        assert_eq!(clean("Recipe by Jane Roe").as_deref(), Some("Jane Roe"));
        assert_eq!(
            clean("Jane Roe. Reviewed by Max Poe").as_deref(),
            Some("Jane Roe")
        );
        assert_eq!(
            clean(&seg(&[
                "Mira Hollis",
                ",",
                "Teo Brandt",
                "and",
                "Ana Roe-Poe"
            ]))
            .as_deref(),
            Some("Mira Hollis, Teo Brandt and Ana Roe-Poe")
        );
        assert_eq!(
            clean(&seg(&["Nov 25, 2025", "Jane Roe"])).as_deref(),
            Some("Jane Roe")
        );
        assert_eq!(
            clean(&seg(&["Guide", "by", "Jane Roe", "Deputy Editor"])).as_deref(),
            Some("Jane Roe")
        );
        assert_eq!(
            clean(&seg(&["By", "Jane Roe", "•", "4", "mins read"])).as_deref(),
            Some("Jane Roe")
        );
        assert_eq!(clean("the Owl Team").as_deref(), Some("the Owl Team"));
    }

    #[test]
    fn what_names_nobody_is_rejected() {
        for bad in [
            "By staff | Updated 3 hours ago",
            "Share",
            "By continuing, you agree to our",
            "By submitting, I agree to the Privacy Notice.",
            "This review is posted in our weekly list",
            "Feb 11, 2019 · 3 min read",
            "jane.roe@example.org",
            "Topic Author",
            "Updated:",
            "https://example.org/authors/jane",
        ] {
            assert_eq!(clean(bad), None, "{bad}");
        }
    }
}
