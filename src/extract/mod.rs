//! The extraction pipeline: measure every block, pick the article's container, prune what is
//! not article inside it, collect the clutter to hide in place, render.
//!
//! Phases (each a function call in [`run`]):
//! 1. `meta::read`: title, byline, dates and the rest from the head and structured data.
//! 2. `dedupe::analyze`: blocks the page repeats, so their copies do not inflate a container.
//! 3. `jsonld::matches`: blocks the page's schema.org `articleBody` (read with the metadata)
//!    vouches for weigh more.
//! 4. `score::measure`: text, link text and prose score per subtree, in two linear passes.
//! 5. `score::choose`: the smallest container that holds most of the prose; then `lead::join`:
//!    a lead paragraph set apart just before it joins it.
//! 6. `dedupe::resolve`: keep the article's own copy of each repeated block, drop the others.
//! 7. `prune::prune`: leave out what inside the container is not article (share bars, link
//!    lists, forms, hidden blocks, the title heading).
//! 8. `prune::hidden`: the clutter to hide in place; then `dedupe::site`: blocks site memory
//!    knows from other pages of the site, outside the article only.
//! 9. `output`: text and clean HTML of the container, without what was pruned. One decision
//!    feeds every output (`decision`): the subtrees left out are listed in the result, and
//!    the hide list is kept clear of the text that stays.
//!
//! The time budget is checked after phase 1 (over: metadata only) and after phase 5 (over:
//! the chosen container rendered as it is, phases 6-8 skipped).

pub mod decision;
mod jsonld;
mod lead;
// The fallback is parsed with the HTML input's parser: the extension's build (no feature
// `html`) reads live pages, where scripts have drawn the content, and goes without it.
#[cfg(feature = "html")]
mod noscript;
mod page_type;
mod prune;
pub(crate) mod score;
pub mod signals;
mod widgets;

use crate::budget::Budget;
use crate::dom::{Doc, NodeId};
use crate::{dedupe, meta, output, Block, BlockScore, Extraction, Options};

/// Words read per minute, for the reading time (an adult's silent reading rate).
const WORDS_PER_MINUTE: usize = 230;
/// CJK characters read per minute (about twice the word rate, one character per morpheme).
const CJK_CHARS_PER_MINUTE: usize = 500;
/// An article has at least this many weighted characters of prose in its text.
const MIN_ARTICLE_CHARS: u32 = 500;
/// ... in at least this many prose blocks (a homepage has many short teasers instead).
const MIN_ARTICLE_BLOCKS: usize = 2;
/// ... and its container is at most this share links (a homepage is mostly links).
const MAX_ARTICLE_LINK_DENSITY: f32 = 0.5;
/// How many scored candidates the debug overlay gets (the highest-scoring ones).
const DEBUG_CANDIDATES: usize = 60;

pub fn run(doc: &Doc, options: &Options, budget: &Budget) -> Extraction {
    run_page(doc, options, budget, true)
}

/// [`run`]; `fallback` allows reading the page's `<noscript>` copy instead (not inside it).
#[cfg_attr(not(feature = "html"), allow(unused_variables))]
fn run_page(doc: &Doc, options: &Options, budget: &Budget, fallback: bool) -> Extraction {
    let mut r = Extraction::default();
    // Phase 1: metadata.
    let m = meta::read(doc, options.url.as_deref());
    let article_body = m.article_body;
    r.title = m.title;
    r.byline = m.byline;
    r.published = m.published;
    r.site_name = m.site_name;
    r.lang = m.lang;
    r.dir = m.dir;
    r.lead_image = m.lead_image;
    r.excerpt = m.excerpt;
    if doc.is_empty() {
        return r;
    }
    if let Some(m) = budget.over("reading the metadata", "finding the article") {
        r.messages.push(m);
        return r;
    }
    // Phase 2: repeated blocks, weighed so copies count once.
    let analysis = if options.dedupe {
        dedupe::analyze(doc, r.title.as_deref())
    } else {
        dedupe::Analysis::default()
    };
    // Phase 3: the structured-data hint.
    let hint = jsonld::matches(doc, article_body.as_deref());
    // Phases 4-5: measure and choose the article's container.
    let mut stats = score::measure(doc, &analysis.weight, &analysis.text_weights, &hint);
    // Phase 4b: a page that shows its content only through scripts is read from its
    // `<noscript>` copy.
    #[cfg(feature = "html")]
    if fallback {
        if let Some(out) = noscript::read(doc, &stats, options, budget, &r) {
            return out;
        }
    }
    #[cfg(not(feature = "html"))]
    let _ = fallback;
    // Phase 4c: on a discussion (a forum thread, a question page) the posts are the content,
    // though sites name them as comments; on a listing (a shop's category, search results)
    // the items are, linked titles included.
    match page_type::reading(doc, &stats, &m.kinds) {
        score::Reading::Article => {}
        // On a product page the blocks named as reviews are the customers', not the content.
        reading @ (score::Reading::Discussion
        | score::Reading::Questions
        | score::Reading::Product) => {
            stats = score::measure_as(
                doc,
                &analysis.weight,
                &analysis.text_weights,
                &hint,
                reading,
            );
        }
        // A listing weighs what `measure` already summed.
        score::Reading::Listing => stats.reading = score::Reading::Listing,
    }
    let choice = score::choose(doc, &stats);
    let mut skip = vec![false; doc.len()];
    // Phase 5b: the lead set apart in the article header joins the container.
    r.main = choice.as_ref().map(|c| {
        lead::join(
            doc,
            &stats,
            outside_formula(doc, c.main),
            r.excerpt.as_deref(),
            &mut skip,
        )
    });
    let mut pruned = Vec::new();
    if let Some(m) = budget.over(
        "choosing the article",
        "duplicate checks, pruning and the hide list",
    ) {
        r.messages.push(m);
    } else {
        // Phase 6: the article keeps its own copy of each repeated block; the others go.
        let resolved = dedupe::resolve(doc, &analysis, r.main);
        for &id in &resolved.removed {
            skip[id as usize] = true;
        }
        r.duplicates = resolved.groups;
        // Phase 7: prune inside the container.
        if let Some(main) = r.main {
            pruned = prune::prune(doc, &stats, main, r.title.as_deref(), &mut skip);
            prune::restore_if_emptied(doc, &stats, main, &mut pruned, &mut skip);
            pruned.extend(prune::orphan_headings(doc, &stats, main, &mut skip));
            pruned.extend(prune::trailing_headings(doc, &stats, main, &mut skip));
        }
        // Phase 8: clutter to hide in place.
        // Dedupe's hidden copies join ours; the set is then reduced to its outermost roots.
        let mut hidden: Vec<Block> = prune::hidden(doc, &stats, r.main, &pruned)
            .into_iter()
            .map(|(node, reason)| Block {
                node,
                path: doc.css_path(node),
                reason: reason.to_string(),
            })
            .collect();
        hidden.extend(resolved.hidden);
        r.hidden = outermost(doc, hidden);
        // Phase 8b: site memory, outside the article only (the text above is final).
        r.site_blocks = dedupe::site::outside_article(doc, &analysis.site_blocks, r.main);
        r.fingerprints = dedupe::site::fingerprints_of(&r.site_blocks);
        if !options.site_boilerplate.is_empty() {
            let mut known = options.site_boilerplate.clone();
            known.sort_unstable();
            let found = dedupe::site::candidates(doc, &r, Some(&known));
            dedupe::site::apply(&mut r, &found, &known);
        }
    }
    // One decision: what is left out of the container is what every rendering leaves out,
    // and nothing hidden in place covers the text that stays.
    if let Some(main) = r.main {
        r.left_out = decision::left_out_roots(doc, main, &skip);
        decision::keep_clear_of_article(doc, main, &r.left_out, &mut r.hidden);
    }
    // Phase 9: render.
    if let Some(main) = r.main {
        let base = output::base_url(doc, options.url.as_deref());
        r.text = output::text(doc, main, &skip);
        if let Some((cut, shown)) = options
            .max_words
            .and_then(|cap| cut_after(doc, &stats, main, &skip, cap))
        {
            // Everything from the cut to the article's end is left out of the renderings.
            skip[cut as usize..doc.node(main).end as usize].fill(true);
            r.cut = Some(cut);
            r.shown_words = Some(shown);
        }
        if options.html {
            r.html = output::html(doc, main, &skip, base.as_ref());
        }
    }
    let (latin_words, cjk_chars) = count_words(&r.text);
    r.words = latin_words + cjk_chars;
    r.reading_minutes = (latin_words as f32 / WORDS_PER_MINUTE as f32
        + cjk_chars as f32 / CJK_CHARS_PER_MINUTE as f32)
        .ceil() as u32;
    r.is_article = r
        .main
        .is_some_and(|m| looks_like_article(doc, &stats, m, &skip));
    if r.excerpt.is_none() {
        r.excerpt = r
            .text
            .split("\n\n")
            .find(|p| {
                let w = crate::measure::weigh(p);
                score::block_score(w.chars, 0, w.commas, w.loose) > 0.0
            })
            .map(str::to_string);
    }
    if options.debug {
        r.debug = debug_scores(doc, &stats, choice.as_ref(), &pruned);
    }
    r
}

/// `main`, or when it lies inside a formula, the formula's parent. A page that leaves a token
/// element (`<mi>`) open gets the rest of its article parsed into the formula, so the element
/// holding most of the text can be that token; the article starts before the formula.
fn outside_formula(doc: &Doc, main: NodeId) -> NodeId {
    let math = std::iter::once(main)
        .chain(doc.ancestors(main))
        .filter(|&a| doc.tag(a) == "math")
        .last();
    math.and_then(|m| doc.parent(m)).unwrap_or(main)
}

/// Keeps only blocks not inside another kept block (sorted by node id, so a block's ancestors
/// in the list come before it and one running `end` suffices).
fn outermost(doc: &Doc, mut blocks: Vec<Block>) -> Vec<Block> {
    blocks.sort_by_key(|b| b.node);
    let mut out: Vec<Block> = Vec::with_capacity(blocks.len());
    let mut end = 0;
    for b in blocks {
        if b.node < end {
            continue;
        }
        end = doc.node(b.node).end;
        out.push(b);
    }
    out
}

/// Whitespace-separated words outside CJK runs, and CJK characters (each about a word).
fn count_words(text: &str) -> (usize, usize) {
    let mut words = 0;
    let mut cjk = 0;
    for w in text.split_whitespace() {
        let n = w.chars().filter(|&c| crate::measure::is_cjk(c)).count();
        cjk += n;
        if n < w.chars().count() {
            words += 1;
        }
    }
    (words, cjk)
}

/// Where to stop rendering an article capped at `cap` words: the start of the last block
/// element before the words pass `cap`, with the words before it (so the rendering holds at
/// most `cap` words; a first block longer than the cap is kept whole, cut at the next one).
/// None when the article is not longer than the cap or has no block left to cut at (a cut
/// inside a paragraph would leave half a sentence).
fn cut_after(
    doc: &Doc,
    s: &score::Stats,
    main: NodeId,
    skip: &[bool],
    cap: usize,
) -> Option<(NodeId, usize)> {
    let end = doc.node(main).end;
    let mut words = 0;
    // The latest block start and the words before it.
    let mut block: Option<(NodeId, usize)> = None;
    let mut i = main + 1;
    while i < end {
        if skip[i as usize] || s.excluded[i as usize] {
            i = doc.node(i).end;
            continue;
        }
        match &doc.node(i).data {
            crate::dom::NodeData::Text(t) => {
                let (w, c) = count_words(t);
                words += w + c;
                if words > cap {
                    if let Some(b) = block.filter(|b| b.1 > 0) {
                        return Some(b);
                    }
                }
            }
            crate::dom::NodeData::Element(e) => {
                if !score::is_inline(&e.tag) {
                    if words > cap {
                        return Some((i, words));
                    }
                    block = Some((i, words));
                }
            }
        }
        i += 1;
    }
    None
}

/// Enough prose, in more than one block, in a container that is not mostly links.
fn looks_like_article(doc: &Doc, s: &score::Stats, main: NodeId, skip: &[bool]) -> bool {
    let mu = main as usize;
    if s.link_chars[mu] as f32 > s.chars[mu] as f32 * MAX_ARTICLE_LINK_DENSITY {
        return false;
    }
    let mut blocks = 0;
    let mut brs = 0;
    let mut chars = 0u32;
    let end = doc.node(main).end;
    let mut i = main;
    while i < end {
        if skip[i as usize] || s.excluded[i as usize] {
            i = doc.node(i).end;
            continue;
        }
        // Lines split by `<br>` inside prose are paragraphs too (two breaks make one).
        if doc.tag(i) == "br" {
            brs += 1;
        }
        // A block's own prose is what it adds beyond its children.
        let own = s.raw[i as usize] - doc.children(i).map(|c| s.raw[c as usize]).sum::<f32>();
        if own > 0.0 {
            blocks += 1;
            chars += own as u32;
        }
        i += 1;
    }
    blocks + brs / 2 >= MIN_ARTICLE_BLOCKS && chars >= MIN_ARTICLE_CHARS
}

/// The candidates and decisions, for the playground's hover overlays.
fn debug_scores(
    doc: &Doc,
    s: &score::Stats,
    choice: Option<&score::Choice>,
    pruned: &[prune::Pruned],
) -> Vec<BlockScore> {
    let mut out: Vec<BlockScore> = Vec::new();
    if let Some(c) = choice {
        for &(node, score) in &c.path {
            let reason = if node == c.main {
                c.reason.to_string()
            } else {
                "on the way to the article's container".to_string()
            };
            out.push(BlockScore {
                node,
                score,
                reason,
                kept: node == c.main,
            });
        }
    }
    for p in pruned {
        out.push(BlockScore {
            node: p.node,
            score: s.raw[p.node as usize],
            reason: format!("left out: {}", p.reason),
            kept: false,
        });
    }
    let mut listed = vec![false; doc.len()];
    for b in &out {
        listed[b.node as usize] = true;
    }
    let mut others: Vec<NodeId> = (0..doc.len() as NodeId)
        .filter(|&i| doc.element(i).is_some() && s.prose[i as usize] > 0.0 && !listed[i as usize])
        .collect();
    others.sort_by(|&a, &b| s.prose[b as usize].total_cmp(&s.prose[a as usize]));
    for i in others.into_iter().take(DEBUG_CANDIDATES) {
        let kept = choice.is_some_and(|c| doc.contains(c.main, i));
        out.push(BlockScore {
            node: i,
            score: s.prose[i as usize],
            reason: if s.words[i as usize].is_boilerplate() {
                "candidate (boilerplate class/id, discounted)".to_string()
            } else {
                "candidate".to_string()
            },
            kept,
        });
    }
    out
}
