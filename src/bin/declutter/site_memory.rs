//! Site memory for a batch: blocks that show up outside the article on several pages of one
//! site (navigation, promos, footers) are that site's furniture, hidden on its pages.
//!
//! One parse per page: each page is extracted once, on its own (memory never changes the
//! article, so its text is final), keeping what memory needs of it
//! (`declutter::extract_html_for_site`: the URL it names as its own and the blocks memory may
//! hide, described so the page can go). Once the whole batch is read, the fingerprints
//! (`Extraction::fingerprints`: each page's blocks outside its article) are counted per site
//! and each page gets its site's furniture hidden (`declutter::apply_site_memory`). A page's
//! site is the host of its canonical URL (or `og:url`), else the directory it was read from.

use crate::input::Input;
use declutter::{apply_site_memory, Extraction, SitePage, MIN_OTHER_PAGES};
use std::collections::HashMap;
use std::path::Path;

/// Hides on every page the blocks its site's other pages share: at least `MIN_OTHER_PAGES`
/// others had them outside their article. Pages that failed (`None`) take no part.
pub fn apply(pages: &mut [Option<(Extraction, SitePage, String)>]) {
    let mut seen: HashMap<(&str, u32), u32> = HashMap::new();
    for (r, _, site) in pages.iter().flatten() {
        for &f in &r.fingerprints {
            *seen.entry((site.as_str(), f)).or_default() += 1;
        }
    }
    let known: Vec<Vec<u32>> = pages
        .iter()
        .map(|p| match p {
            // `fingerprints` is sorted, so `known` is too; the page itself is one of the count.
            Some((r, _, site)) => r
                .fingerprints
                .iter()
                .copied()
                .filter(|&f| seen[&(site.as_str(), f)] > MIN_OTHER_PAGES)
                .collect(),
            None => Vec::new(),
        })
        .collect();
    for (p, known) in pages.iter_mut().zip(known) {
        if let Some((r, page, _)) = p {
            apply_site_memory(r, page, &known);
        }
    }
}

/// The page's site: the host of the URL it names as its own, else its directory.
pub fn site_of(page: &SitePage, input: &Input) -> String {
    if let Some(host) = page.url.as_deref().and_then(host_of) {
        return format!("host:{host}");
    }
    let dir = match input {
        Input::File(p) => p.parent().unwrap_or(Path::new("")).display().to_string(),
        _ => String::new(),
    };
    format!("dir:{dir}")
}

/// `https://www.example.com:8080/a` -> `www.example.com` (lower case); None without a host.
fn host_of(url: &str) -> Option<String> {
    let rest = url.trim().split_once("://")?.1;
    let authority = rest.split(['/', '?', '#']).next()?;
    let host = authority.rsplit('@').next()?.split(':').next()?;
    (!host.is_empty()).then(|| host.to_ascii_lowercase())
}

#[cfg(test)]
mod tests {
    use super::*;
    use declutter::{extract_html, extract_html_for_site, DuplicateKind, Options};

    #[test]
    fn hosts_and_sites() {
        assert_eq!(
            host_of("https://News.Example.com:8080/a?b"),
            Some("news.example.com".into())
        );
        assert_eq!(
            host_of("https://user@h.example/x"),
            Some("h.example".into())
        );
        assert_eq!(host_of("/relative/path"), None);
        let page = |html: &[u8]| extract_html_for_site(html, &Options::default()).unwrap().1;
        let file = Input::File("d/p.html".into());
        let canonical = page(
            b"<html><head><link rel=\"canonical\" href=\"https://a.example/x\"></head></html>",
        );
        assert_eq!(site_of(&canonical, &file), "host:a.example");
        assert_eq!(site_of(&page(b"<p>no url</p>"), &file), "dir:d");
    }

    /// Extracts each page as the batch does: once, keeping what site memory needs.
    fn batch(pages: &[String]) -> Vec<Option<(Extraction, SitePage, String)>> {
        let mut out: Vec<_> = pages
            .iter()
            .enumerate()
            .map(|(i, html)| {
                let (r, page) =
                    extract_html_for_site(html.as_bytes(), &Options::default()).unwrap();
                let site = site_of(&page, &Input::File(format!("d/p{i}.html").into()));
                Some((r, page, site))
            })
            .collect();
        apply(&mut out);
        out
    }

    #[test]
    fn footer_on_three_pages_is_hidden_and_the_text_stays() {
        let footer = "Every story on this invented site is written for the tests of site memory.";
        let stories = [
            "The ferry left the harbour at dawn with forty passengers and a crate of apples.",
            "A new bakery on the square sells rye bread made with flour from the old mill.",
            "The village choir sang in the lighthouse for the first time in twenty years.",
        ];
        let page = |s: &str| {
            format!(
                "<body><article><h1>A day in the village</h1><p>{s}</p>\
                 <p>Neighbours came to watch, and some of them stayed for the whole afternoon.</p>\
                 <p>The council said it would happen again next year, weather permitting.</p>\
                 </article><div><p>{footer}</p></div></body>"
            )
        };
        let pages: Vec<String> = stories.iter().map(|s| page(s)).collect();
        let alone: Vec<Extraction> = pages
            .iter()
            .map(|p| extract_html(p.as_bytes(), &Options::default()).unwrap())
            .collect();
        let remembered = |r: &Extraction| {
            r.hidden
                .iter()
                .any(|h| h.reason.starts_with("site_boilerplate"))
        };
        for (i, p) in batch(&pages).into_iter().enumerate() {
            let (r, _, _) = p.unwrap();
            assert_eq!(r.text, alone[i].text, "page {i}");
            let g: Vec<_> = r
                .duplicates
                .iter()
                .filter(|g| g.kind == DuplicateKind::SiteBoilerplate)
                .collect();
            assert_eq!(g.len(), 1, "page {i}: {:?}", r.duplicates);
            assert_eq!(g[0].text, footer);
            assert!(remembered(&r));
        }
        // Two pages are not enough.
        for p in batch(&pages[..2]).into_iter().flatten() {
            assert!(!remembered(&p.0));
        }
    }
}
