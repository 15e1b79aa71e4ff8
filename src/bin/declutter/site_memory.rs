//! Site memory for a batch: blocks that show up on several pages of one site (navigation,
//! promos, footers) are that site's furniture, hidden on its pages.
//!
//! One parse per page: each page is extracted once, on its own (site memory never changes
//! the article, so the text is final), and keeps what site memory needs of it: its site and
//! its blocks outside the article, described (`dedupe::site::candidates`) so the page itself
//! can go. Once the whole batch is read, the fingerprints are counted per site and each page
//! gets its site's furniture added to its hidden blocks and duplicate groups
//! (`dedupe::site::apply`). A page's site is the host of its canonical URL (or `og:url`),
//! else the directory it was read from.

use crate::input::Input;
use declutter::dedupe::{site, SiteCandidate};
use declutter::dom::{Doc, NodeId};
use declutter::Extraction;
use std::collections::HashMap;
use std::path::Path;

/// A fingerprint is a site's furniture for a page when at least this many OTHER pages of
/// the site have it outside their article: two pages sharing a block may be two stories
/// quoting each other; three are the site's layout.
pub const MIN_OTHER_PAGES: u32 = 2;

/// What site memory keeps of one extracted page.
#[derive(Debug, Default)]
pub struct PageMemory {
    site: String,
    candidates: Vec<SiteCandidate>,
}

impl PageMemory {
    /// Reads it off the page while it is still parsed.
    pub fn of(doc: &Doc, r: &Extraction, input: &Input) -> PageMemory {
        PageMemory {
            site: site_of(doc, input),
            candidates: site::candidates(doc, r, None),
        }
    }
}

/// Counts each page's fingerprints (`Extraction::fingerprints`: its blocks outside its
/// article) per site, then hides on each page the blocks its site's other pages share often
/// enough. Pages that failed (`None`) take no part.
pub fn apply(pages: &mut [Option<(Extraction, PageMemory)>]) {
    let mut seen: HashMap<(&str, u32), u32> = HashMap::new();
    for (r, m) in pages.iter().flatten() {
        for &f in &r.fingerprints {
            *seen.entry((m.site.as_str(), f)).or_default() += 1;
        }
    }
    let known: Vec<Vec<u32>> = pages
        .iter()
        .map(|p| match p {
            // `fingerprints` is sorted, so `known` is too; the page itself is one of the count.
            Some((r, m)) => r
                .fingerprints
                .iter()
                .copied()
                .filter(|&f| seen[&(m.site.as_str(), f)] > MIN_OTHER_PAGES)
                .collect(),
            None => Vec::new(),
        })
        .collect();
    for (p, known) in pages.iter_mut().zip(known) {
        if let Some((r, m)) = p {
            site::apply(r, &m.candidates, &known);
        }
    }
}

/// The page's site: the host of its canonical URL or `og:url`, else its directory.
fn site_of(doc: &Doc, input: &Input) -> String {
    let url = (0..doc.len() as NodeId).find_map(|i| {
        let canonical = doc.tag(i) == "link"
            && doc.attr(i, "rel").is_some_and(|r| {
                r.split_whitespace()
                    .any(|x| x.eq_ignore_ascii_case("canonical"))
            });
        let og = doc.tag(i) == "meta" && doc.attr(i, "property") == Some("og:url");
        if canonical {
            doc.attr(i, "href")
        } else if og {
            doc.attr(i, "content")
        } else {
            None
        }
    });
    if let Some(host) = url.and_then(host_of) {
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
    use declutter::dom::html::parse_bytes;
    use declutter::{extract_doc, Options};

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
        let doc = parse_bytes(
            b"<html><head><link rel=\"canonical\" href=\"https://a.example/x\"></head></html>",
        )
        .unwrap();
        assert_eq!(
            site_of(&doc, &Input::File("d/p.html".into())),
            "host:a.example"
        );
        let doc = parse_bytes(b"<p>no url</p>").unwrap();
        assert_eq!(site_of(&doc, &Input::File("d/p.html".into())), "dir:d");
    }

    /// Extracts each page as the batch does: once, keeping what site memory needs.
    fn batch(pages: &[String]) -> Vec<Option<(Extraction, PageMemory)>> {
        let mut out: Vec<_> = pages
            .iter()
            .enumerate()
            .map(|(i, html)| {
                let doc = parse_bytes(html.as_bytes()).unwrap();
                let r = extract_doc(&doc, &Options::default());
                let m = PageMemory::of(&doc, &r, &Input::File(format!("d/p{i}.html").into()));
                Some((r, m))
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
            .map(|p| extract_doc(&parse_bytes(p.as_bytes()).unwrap(), &Options::default()))
            .collect();
        for (i, p) in batch(&pages).into_iter().enumerate() {
            let (r, _) = p.unwrap();
            assert_eq!(r.text, alone[i].text, "page {i}");
            let g: Vec<_> = r
                .duplicates
                .iter()
                .filter(|g| g.kind == declutter::DuplicateKind::SiteBoilerplate)
                .collect();
            assert_eq!(g.len(), 1, "page {i}: {:?}", r.duplicates);
            assert_eq!(g[0].text, footer);
            assert!(r.hidden.iter().any(|h| h.reason == site::SITE_REASON));
        }
        // Two pages are not enough.
        for p in batch(&pages[..2]).into_iter().flatten() {
            assert!(!p.0.hidden.iter().any(|h| h.reason == site::SITE_REASON));
        }
    }
}
