//! Site memory across pages of one site, as the extension and the CLI use it: blocks seen on
//! other pages of the site are hidden as its furniture, and the article is never touched.
//!
//! The four `nook_*` fixtures are one invented aggregator: each page's "Related articles"
//! pastes whole stories, and the tide story is carried in full by the three other pages (the
//! seeds' situation). Visiting those three and then the tide page must give the tide page the
//! very text it has alone, while its app bar and footer, learned from the others, are hidden.
//! Dual: runs natively and under wasm32 (see tests/wasm.rs).

#[cfg(target_arch = "wasm32")]
wasm_bindgen_test::wasm_bindgen_test_configure!(run_in_browser);

use declutter::internals::dom::html::parse_str;
use declutter::{extract_html_str, DuplicateKind, Extraction, Options};
use std::collections::HashMap;

const PAGES: &[(&str, &str)] = &[
    ("tide", include_str!("fixtures/dedupe/html/nook_tide.html")),
    ("bees", include_str!("fixtures/dedupe/html/nook_bees.html")),
    (
        "trains",
        include_str!("fixtures/dedupe/html/nook_trains.html"),
    ),
    (
        "divers",
        include_str!("fixtures/dedupe/html/nook_divers.html"),
    ),
];

/// A fingerprint is the site's furniture once this many other pages had it (the extension's
/// and the CLI's threshold).
const OTHER_PAGES: usize = 2;

fn alone(html: &str) -> Extraction {
    extract_html_str(html, &Options::default()).unwrap()
}

/// The fingerprints at least `OTHER_PAGES` of `others` taught the site, sorted.
fn learned(others: &[&Extraction]) -> Vec<u32> {
    let mut seen: HashMap<u32, usize> = HashMap::new();
    for r in others {
        for &f in &r.fingerprints {
            *seen.entry(f).or_default() += 1;
        }
    }
    let mut known: Vec<u32> = seen
        .into_iter()
        .filter(|&(_, n)| n >= OTHER_PAGES)
        .map(|(f, _)| f)
        .collect();
    known.sort_unstable();
    known
}

fn with_memory(html: &str, known: &[u32]) -> Extraction {
    let opts = Options {
        site_boilerplate: known.to_vec(),
        ..Options::default()
    };
    extract_html_str(html, &opts).unwrap()
}

/// The fingerprint of the block of `page` whose text starts with `text`, if it is one that
/// page teaches its site.
fn fingerprint_in(page: &str, r: &Extraction, text: &str) -> Option<u32> {
    let doc = parse_str(page).unwrap();
    r.site_blocks
        .iter()
        .find(|b| doc.subtree_text(b.node).trim_start().starts_with(text))
        .map(|b| b.fingerprint)
}

#[test]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn a_story_carried_by_three_pages_stays_whole_where_it_is_the_article() {
    let runs: Vec<Extraction> = PAGES.iter().map(|p| alone(p.1)).collect();
    let (tide, others) = (&runs[0], [&runs[1], &runs[2], &runs[3]]);
    let known = learned(&others);
    // The three pages did teach the site the tide story's paragraphs (their related cards):
    // what follows is the case that used to cut the article.
    let first = "Planners in Saltmere approved a tidal barrage";
    let f = fingerprint_in(PAGES[1].1, &runs[1], first).expect("the card's paragraph is learned");
    assert!(known.binary_search(&f).is_ok());
    // A page teaches the site only what lies outside its article.
    let doc = parse_str(PAGES[0].1).unwrap();
    let main = tide.main.unwrap();
    assert!(tide.site_blocks.iter().all(|b| !doc.contains(main, b.node)));

    let r = with_memory(PAGES[0].1, &known);
    assert_eq!(r.text, tide.text, "the article is the same with the memory");
    assert_eq!((r.main, r.words), (tide.main, tide.words));
    // The site's furniture, learned from the others, is hidden, and reported one group each.
    let remembered: Vec<String> = r
        .duplicates
        .iter()
        .filter(|g| g.kind == DuplicateKind::SiteBoilerplate)
        .map(|g| g.text.clone())
        .collect();
    for furniture in [
        "Get the Newsnook app for your phone",
        "The Newsnook gathers stories from publishers",
    ] {
        assert!(
            remembered.iter().any(|t| t.starts_with(furniture)),
            "{furniture}: {remembered:?}"
        );
    }
    for h in r
        .hidden
        .iter()
        .filter(|h| h.reason.starts_with("site_boilerplate"))
    {
        assert!(
            !doc.contains(main, h.node) && !doc.contains(h.node, main),
            "{h:?}"
        );
    }
    for g in r
        .duplicates
        .iter()
        .filter(|g| g.kind == DuplicateKind::SiteBoilerplate)
    {
        assert!(g
            .copies
            .iter()
            .all(|c| !c.kept && !doc.contains(main, c.node)));
    }
    // The page's own repeats are still there, one group each.
    for kind in [DuplicateKind::HeadlineRepeat, DuplicateKind::ArticleCopy] {
        assert_eq!(
            r.duplicates.iter().filter(|g| g.kind == kind).count(),
            1,
            "{kind:?}"
        );
    }
}

#[test]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn every_page_reads_the_same_with_the_memory_of_the_others() {
    let runs: Vec<Extraction> = PAGES.iter().map(|p| alone(p.1)).collect();
    for (i, (name, page)) in PAGES.iter().enumerate() {
        let others: Vec<&Extraction> = (0..runs.len())
            .filter(|&j| j != i)
            .map(|j| &runs[j])
            .collect();
        let r = with_memory(page, &learned(&others));
        assert_eq!(r.text, runs[i].text, "{name}");
        assert!(
            r.hidden
                .iter()
                .any(|h| h.reason.starts_with("site_boilerplate")),
            "{name}: no furniture hidden"
        );
        // Memory only adds to what is hidden.
        let doc = parse_str(page).unwrap();
        for h in &runs[i].hidden {
            assert!(
                r.hidden.iter().any(|k| doc.contains(k.node, h.node)),
                "{name}: {h:?} no longer hidden"
            );
        }
    }
}
