//! Cleaning the site's name off a page title ("Owls return | The Example Times").

/// Separators sites put between the article title and their own name, widest first so
/// `" :: "` is not read as `" : "`.
const SEPARATORS: &[&str] = &[
    " :: ", " | ", " - ", " – ", " — ", " · ", " » ", " / ", " : ",
];

/// Case- and space-insensitive comparison key (titles are retyped with other casing/spacing).
pub fn key(s: &str) -> String {
    crate::dom::collapse_whitespace(s)
        .to_lowercase()
        .replace(['\u{2019}', '\u{2018}'], "'")
        .replace(['\u{201c}', '\u{201d}'], "\"")
}

/// Strips a site-name prefix or suffix from `raw` when the remaining part is confirmed:
/// it equals a heading or another title source (`agree`), or the cut-off part equals a
/// name the page brands itself with (`brands`: site name, and the author on personal sites).
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
        .map(|b| key(b))
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
                let confirmed = agree.contains(&key(keep)) || brands.contains(&key(drop));
                if confirmed {
                    return keep.to_string();
                }
            }
        }
    }
    raw
}

#[cfg(test)]
mod tests {
    use super::strip_site;

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
        // The logo heading repeats the site name: the headline stays.
        assert_eq!(
            strip_site("Owls return - Bird Site", &["Bird Site"], &[]),
            "Owls return - Bird Site"
        );
    }
}
