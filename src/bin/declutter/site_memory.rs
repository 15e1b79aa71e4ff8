//! Site memory for a batch: blocks that show up on several pages of one site (navigation,
//! promos, footers) are that site's boilerplate.
//!
//! Two passes. The first parses every page and collects its block fingerprints
//! (`declutter::fingerprints`) and its site: the host of its canonical URL (or
//! `og:url`), else the directory it was read from. The second pass (the normal extraction)
//! gives each page, in `Options::site_boilerplate`, the fingerprints that its site's other
//! pages share often enough. The core does the rest: matching short blocks are hidden and
//! never article text.

use crate::input::Input;
use declutter::{fingerprints, parse_html, Doc, NodeId, Options, MIN_OTHER_PAGES};
use rayon::prelude::*;
use std::collections::HashMap;
use std::path::Path;

/// Per input (same order as the batch), the fingerprints to pass as site boilerplate.
#[derive(Debug, Default)]
pub struct SiteMemory {
    boilerplate: Vec<Vec<u32>>,
}

impl SiteMemory {
    /// Builds the memory in a first pass over the inputs (parallel); `enabled` false (the
    /// `--no-site-memory` flag, or dedupe off) gives an empty memory.
    pub fn build(inputs: &[Input], enabled: bool) -> SiteMemory {
        // Standard input cannot be read twice, and one page has no other pages. WARC files
        // are read once, as a stream (a crawl is too large to hold or read twice).
        let warc = inputs.iter().any(|i| matches!(i, Input::Warc(_)));
        if !enabled || inputs.len() < 2 || inputs.contains(&Input::Stdin) || warc {
            return SiteMemory::default();
        }
        let pages: Vec<Option<(String, Vec<u32>)>> = inputs
            .par_iter()
            .map(|input| {
                let bytes = input.read().ok()?;
                let doc = parse_html(&bytes).ok()?;
                Some((site_of(&doc, input), fingerprints(&doc)))
            })
            .collect();
        let mut seen: HashMap<(&str, u32), u32> = HashMap::new();
        for (site, fps) in pages.iter().flatten() {
            for &f in fps {
                *seen.entry((site.as_str(), f)).or_default() += 1;
            }
        }
        let boilerplate = pages
            .iter()
            .map(|p| match p {
                Some((site, fps)) => fps
                    .iter()
                    .copied()
                    .filter(|&f| seen[&(site.as_str(), f)] > MIN_OTHER_PAGES)
                    .collect(),
                None => Vec::new(),
            })
            .collect();
        SiteMemory { boilerplate }
    }

    /// The options for input number `index`: `base` plus its site's boilerplate.
    pub fn options(&self, index: usize, base: &Options) -> Options {
        let mut o = base.clone();
        if let Some(b) = self.boilerplate.get(index) {
            o.site_boilerplate.clone_from(b);
        }
        o
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
        let doc = parse_html(
            b"<html><head><link rel=\"canonical\" href=\"https://a.example/x\"></head></html>",
        )
        .unwrap();
        assert_eq!(
            site_of(&doc, &Input::File("d/p.html".into())),
            "host:a.example"
        );
        let doc = parse_html(b"<p>no url</p>").unwrap();
        assert_eq!(site_of(&doc, &Input::File("d/p.html".into())), "dir:d");
    }

    #[test]
    fn footer_on_every_page_of_a_site_is_boilerplate() {
        let dir =
            std::env::temp_dir().join(format!("declutter-site-memory-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let footer = "Every story on this invented site is written for the tests of site memory.";
        let stories = [
            "The ferry left the harbour at dawn with forty passengers and a crate of apples.",
            "A new bakery on the square sells rye bread made with flour from the old mill.",
            "The village choir sang in the lighthouse for the first time in twenty years.",
        ];
        let mut inputs = Vec::new();
        for (i, s) in stories.iter().enumerate() {
            let p = dir.join(format!("p{i}.html"));
            std::fs::write(
                &p,
                format!(
                    "<body><article><p>{s}</p></article><footer><p>{footer}</p></footer></body>"
                ),
            )
            .unwrap();
            inputs.push(Input::File(p));
        }
        let fp = |t: &str| fingerprints(&parse_html(format!("<p>{t}</p>").as_bytes()).unwrap());
        let m = SiteMemory::build(&inputs, true);
        for (i, s) in stories.iter().enumerate() {
            let o = m.options(i, &Options::default());
            assert_eq!(o.site_boilerplate, fp(footer), "page {i}");
            assert!(!o.site_boilerplate.contains(&fp(s)[0]));
        }
        // Off, or with too few pages: nothing.
        assert!(SiteMemory::build(&inputs, false)
            .options(0, &Options::default())
            .site_boilerplate
            .is_empty());
        assert!(SiteMemory::build(&inputs[..2], true)
            .options(0, &Options::default())
            .site_boilerplate
            .is_empty());
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
