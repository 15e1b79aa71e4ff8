//! Cleaning the site's name off a page title ("Owls return | The Example Times").

use crate::measure::words::lower_words as words;

/// Separators sites put between the article title and their own name, widest first so
/// `" :: "` is not read as `" : "`.
const SEPARATORS: &[&str] = &[
    " :: ", " | ", " - ", " – ", " — ", " · ", " » ", " / ", " : ",
];

/// Second-level labels under a country code that are not the site's name (`bbc.co.uk`).
const SECOND_LEVELS: &[&str] = &[
    "co", "com", "org", "net", "gov", "edu", "ac", "ne", "or", "go",
];

/// The names a page's address gives its site, for [`strip_site`]'s brands: the domain's name
/// and the domain (`lastampa`, `lastampa.it` for `https://www.lastampa.it/...`). Sites put their
/// name after the headline as they write it ("La Stampa"), which [`squeeze`] matches to these.
pub fn site_names(url: &str) -> Vec<String> {
    let rest = url.trim().split_once("://").map_or("", |(_, r)| r);
    let host = rest.split(['/', '?', '#']).next().unwrap_or("");
    let host = host
        .rsplit('@')
        .next()
        .unwrap_or("")
        .split(':')
        .next()
        .unwrap_or("");
    let labels: Vec<String> = host
        .to_lowercase()
        .split('.')
        .filter(|l| !l.is_empty())
        .map(str::to_string)
        .collect();
    let n = labels.len();
    if n < 2 || labels.iter().all(|l| l.bytes().all(|b| b.is_ascii_digit())) {
        return Vec::new();
    }
    let name = if n >= 3 && labels[n - 1].len() == 2 && SECOND_LEVELS.contains(&&*labels[n - 2]) {
        n - 3
    } else {
        n - 2
    };
    vec![labels[name].clone(), labels[name..].join(".")]
}

/// The letters and digits of `s`, lower-cased: "La Stampa", "LaStampa" and "lastampa" agree.
fn squeeze(s: &str) -> String {
    s.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

/// Case- and space-insensitive comparison key (titles are retyped with other casing/spacing).
pub fn key(s: &str) -> String {
    crate::dom::collapse_whitespace(s)
        .to_lowercase()
        .replace(['\u{2019}', '\u{2018}'], "'")
        .replace(['\u{201c}', '\u{201d}'], "\"")
}

/// Strips a site-name prefix or suffix from `raw` when the remaining part is confirmed:
/// it equals a heading or another title source (`agree`), or the cut-off part equals a
/// name the page brands itself with (`brands`: site name, the names in its address, and the
/// author on personal sites), compared by letters and digits alone.
/// Without such evidence the title is kept whole: a colon or dash is often part of the
/// headline itself. A leading part is only dropped for a longer rest, because a site's
/// logo heading can repeat its name and must not displace the headline.
pub fn strip_site(raw: &str, agree: &[&str], brands: &[&str]) -> String {
    let raw = crate::dom::collapse_whitespace(raw);
    let agree: Vec<String> = agree
        .iter()
        .map(|a| key(a))
        .filter(|a| !a.is_empty())
        .collect();
    if agree.contains(&key(&raw)) {
        return raw;
    }
    let brands: Vec<String> = brands
        .iter()
        .map(|b| squeeze(b))
        .filter(|b| !b.is_empty())
        .collect();
    for sep in SEPARATORS {
        // Try the last separator (title | section | site) and the first (site | title).
        let cuts = [raw.rfind(sep), raw.find(sep)];
        for at in cuts.into_iter().flatten() {
            let (head, tail) = (raw[..at].trim(), raw[at + sep.len()..].trim());
            for (keep, drop) in [(head, tail), (tail, head)] {
                let words = |s: &str| s.split_whitespace().count();
                if keep.is_empty() || (keep == tail && words(tail) <= words(head)) {
                    continue;
                }
                let confirmed = agree.contains(&key(keep)) || brands.contains(&squeeze(drop));
                if confirmed {
                    return keep.to_string();
                }
            }
        }
    }
    raw
}

/// A page headline is the title in the page's own wording when the title opens with it and
/// it holds at least this share of the title's words outside the site's name: the title tag
/// adds an SEO tail or the site ("Healthy Eating Plate • The Nutrition Source"), the reader
/// sees the headline. (A heading the title ends with is as often the site's name.)
pub const HEADLINE_SHARE: f32 = 0.5;
/// A headline has at least this many words, and at most the second (a longer heading is a
/// paragraph set as one).
pub const HEADLINE_MIN_WORDS: usize = 2;
pub const HEADLINE_MAX_WORDS: usize = 40;

/// The page's own headline for the title `title`: of the page's `<h1>` texts in order, the
/// first that the title opens with (see [`HEADLINE_SHARE`]), or, when the title is only one
/// of the site's `brands` (a blog whose `<title>` is its name), the first that is not a brand
/// itself.
pub fn page_headline(title: &str, h1: &[String], brands: &[&str]) -> Option<String> {
    let brand_keys: Vec<String> = brands.iter().map(|b| key(b)).collect();
    let is_brand = |s: &str| brand_keys.contains(&key(s));
    let brand_words: std::collections::HashSet<String> =
        brands.iter().flat_map(|b| words(b)).collect();
    let t_words = words(title);
    let t_core = t_words.iter().filter(|w| !brand_words.contains(*w)).count();
    let title_is_brand = is_brand(title) || (!t_words.is_empty() && t_core == 0);
    let t_key = key(title);
    h1.iter().find_map(|h| {
        let h = crate::dom::collapse_whitespace(h);
        let h_words = words(&h);
        if h_words.len() < HEADLINE_MIN_WORDS || h_words.len() > HEADLINE_MAX_WORDS || is_brand(&h)
        {
            return None;
        }
        if title_is_brand {
            return Some(h);
        }
        let h_key = key(&h);
        (h_key != t_key
            && t_key.starts_with(&h_key)
            && h_words.len() as f32 >= HEADLINE_SHARE * t_core.max(1) as f32)
            .then_some(h)
    })
}

#[cfg(test)]
mod tests {
    use super::{site_names, strip_site};

    #[test]
    fn strips_only_with_evidence() {
        assert_eq!(
            strip_site("Owls return | The Times", &["Owls return"], &[]),
            "Owls return"
        );
        assert_eq!(
            strip_site("The Times - Owls return home", &[], &["The Times"]),
            "Owls return home"
        );
        assert_eq!(
            strip_site("Owls: a return", &[], &["The Times"]),
            "Owls: a return"
        );
        assert_eq!(
            strip_site("Why - and how", &["Unrelated"], &[]),
            "Why - and how"
        );
        assert_eq!(strip_site("A | B | Site", &["a | b"], &[]), "A | B");
        // The site's name as its address spells it.
        let names = site_names("https://www.lastampa.it/cronaca/2026/03/14/news/x");
        assert_eq!(names, ["lastampa", "lastampa.it"]);
        assert_eq!(
            strip_site("Il porto riapre - La Stampa", &[], &["lastampa"]),
            "Il porto riapre"
        );
        assert_eq!(site_names("http://news.bbc.co.uk/a"), ["bbc", "bbc.co.uk"]);
        assert_eq!(
            strip_site("Owls return | LeMonde.fr", &[], &["lemonde.fr"]),
            "Owls return"
        );
        assert!(site_names("http://127.0.0.1:8080/x").is_empty());
        // A word of the headline is no brand.
        assert_eq!(
            strip_site("Owls - and how", &[], &["bbc", "bbc.co.uk"]),
            "Owls - and how"
        );
        // The logo heading repeats the site name: the headline stays.
        assert_eq!(
            strip_site("Owls return - Bird Site", &["Bird Site"], &[]),
            "Owls return - Bird Site"
        );
    }
}
