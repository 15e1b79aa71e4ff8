//! Blocks the page repeats: find them, weigh them, and decide which copy stays.
//!
//! Two calls frame the pipeline:
//! - [`analyze`] runs before the article is chosen. It finds blocks whose text repeats (exactly,
//!   or nearly: a teaser cut from a paragraph, a copy with other punctuation or a "Read more"
//!   tail, a whole article pasted into one card), decides which occurrence is the original,
//!   grows each occurrence into the region it lives in (a card made of copies is one copy),
//!   and gives every node a prose weight: 0 inside a copy, 1 elsewhere. So a "Related" box
//!   that repeats the article cannot outscore the article itself.
//! - [`resolve()`] runs once the article's root is known. It keeps the article's own occurrence
//!   of each group, reports every other copy, and returns the copies to leave out.
//!
//! The phases of [`analyze`], one file each:
//! - A `blocks`: the page's text blocks and their words (the same pass measures each text
//!   node for the scoring, `measure`);
//! - B `site`: the blocks site memory may learn or hide (applied only after the article is
//!   chosen, and only outside it: see `site`);
//! - C, D `matching`: exact repeats by hash, near copies by shared shingles;
//! - E, F `originals`: where each repeated text lives, and which occurrence is the original;
//! - G `regions`: each occurrence grown into its region, copies' regions weighed 0;
//! - H `groups`: regions joined into groups by the copies they share.
//!
//! Then [`resolve()`] (in `resolve.rs`), with `promo` telling promos and lists apart.
//!
//! Every pass is a loop over the arena or a sort; the only per-node walks up the tree are
//! capped or use a jump table (`tree`, O(log depth) per query).

mod blocks;
mod groups;
mod matching;
mod originals;
mod promo;
mod regions;
mod resolve;
pub mod site;
mod tree;

pub use resolve::resolve;
pub(crate) use resolve::REPORT_CHARS;
pub use site::{SiteBlock, SiteCandidate, SitePage};

use crate::dom::{Doc, NodeId};
use crate::measure::Weight;
use crate::{Block, DuplicateGroup};
use blocks::NONE;
use groups::RepeatGroup;

/// What [`analyze`] found: the groups, a prose weight per node and the page's fingerprints.
#[derive(Debug, Clone, Default)]
pub struct Analysis {
    /// For each node, how much of its own text counts as prose when choosing the article:
    /// 0 inside a copy, 1 elsewhere. Empty when dedupe is off.
    pub weight: Vec<f32>,
    /// Per node, for each text node this pass read: what `measure::weigh` gives for its text
    /// (characters, commas, loose characters), so the scoring pass does not read the page's
    /// text a second time; `chars == u32::MAX` elsewhere. Empty when dedupe is off.
    pub text_weights: Vec<Weight>,
    /// The page's blocks site memory may learn or hide, in document order (the article is
    /// not known yet: `site::outside_article` narrows them once it is).
    pub site_blocks: Vec<SiteBlock>,
    /// Groups of repeated regions, each with its occurrences in document order.
    groups: Vec<RepeatGroup>,
    /// (boxed copy's root, a sibling card of the same shape): the other stories of its list.
    peers: Vec<(NodeId, NodeId)>,
}

/// What [`resolve()`] decided once the article is known.
#[derive(Debug, Clone, Default)]
pub struct Resolved {
    pub groups: Vec<DuplicateGroup>,
    /// Roots of the copies to leave out of the article and hide in place.
    pub removed: Vec<NodeId>,
    /// The same roots with the reason, for `Extraction::hidden`.
    pub hidden: Vec<Block>,
}

/// Finds repeated blocks, decides which occurrence is the original, and weighs every node.
///
/// `title` is the page's title (og:title or `<title>`), used to recognise the headline.
pub fn analyze(doc: &Doc, title: Option<&str>) -> Analysis {
    let n = doc.len();
    let mut out = Analysis {
        weight: vec![1.0; n],
        ..Analysis::default()
    };
    if n == 0 {
        return out;
    }
    // Phase A: blocks and their words, in one forward pass.
    out.text_weights = vec![
        Weight {
            chars: NONE,
            ..Default::default()
        };
        n
    ];
    let blocks = blocks::collect(doc, Some(&mut out.text_weights));
    let title = blocks::Title::new(title);
    // Phase B: the blocks site memory may learn or hide (it has no say in the weights).
    out.site_blocks = site::fingerprinted(&blocks);
    // Phases C and D: what repeats.
    let matches = matching::find(&blocks);
    if matches.repeated.is_empty() {
        return out;
    }
    // Phases E and F: where each text lives, and which occurrence is the original.
    let ancestors = tree::AncestorTable::new(doc);
    let layout = originals::layout(doc, &blocks, &matches, &ancestors);
    let roles = originals::judge(doc, &blocks, &matches, &layout, &ancestors);
    // Phase G: regions, and the copies' weights.
    let below = regions::originals_below(doc, &blocks, &matches, &roles);
    let regions = regions::grow(doc, &blocks, &matches, &layout, &roles, &ancestors, &below);
    out.peers = regions::unweigh_copies(doc, &regions, &below, &mut out.weight);
    // Phase H: groups of occurrences.
    out.groups = groups::assemble(&blocks, &matches, &roles, &regions, &title);
    out
}

#[cfg(test)]
mod tests {
    use crate::{extract_html_str, DuplicateKind, Options};

    #[test]
    fn related_copy_is_reported_and_left_out() {
        let para = "The harbour council voted on Tuesday to rebuild the old lighthouse stairs.";
        let html = format!(
            "<body><article><h1>Stairs</h1><p>{para}</p><p>Work starts in spring and should take about four months in all.</p>\
             <p>Residents asked for a ramp as well, which the council promised to study next year.</p></article>\
             <aside><h2>Related</h2><ul><li><p>{para}</p></li></ul></aside></body>"
        );
        let r = extract_html_str(&html, &Options::default()).unwrap();
        assert_eq!(r.duplicates.len(), 1);
        let g = &r.duplicates[0];
        assert_eq!((g.count, g.kind), (2, DuplicateKind::ArticleCopy));
        assert_eq!(g.copies.iter().filter(|c| c.kept).count(), 1);
        assert_eq!(r.text.matches("lighthouse stairs").count(), 1, "{}", r.text);
    }

    #[test]
    fn thousands_of_copies_are_counted_and_the_list_is_capped() {
        let item = "<li>Sponsored: the best garden tools of the season, delivered</li>";
        let list = item.repeat(3000);
        let html = format!(
            "<body><article><p>{}</p></article><ul>{list}</ul><ul>{list}</ul></body>",
            "The harbour council voted to rebuild the lighthouse stairs this spring. ".repeat(20)
        );
        let r = extract_html_str(&html, &Options::default()).unwrap();
        let g = r.duplicates.iter().max_by_key(|g| g.count).unwrap();
        assert!(g.count >= 2, "{g:?}");
        assert!(g.copies.len() <= super::resolve::MAX_LISTED_COPIES);
        assert!(g.copies.iter().any(|c| !c.kept));
    }

    #[test]
    fn deep_nesting_does_not_recurse() {
        let para = "A paragraph copied into a deeply nested card of the related list below.";
        let deep = format!(
            "{}<p>{para}</p>{}",
            "<div>".repeat(20000),
            "</div>".repeat(20000)
        );
        let html = format!(
            "<body><article><h1>Title</h1><p>{para}</p><p>{}</p></article><section>{deep}</section></body>",
            "Other article text that makes the article the longest block here. ".repeat(10)
        );
        let r = extract_html_str(&html, &Options::default()).unwrap();
        assert_eq!(
            r.text.matches("deeply nested card").count(),
            1,
            "{}",
            r.text
        );
    }
}
