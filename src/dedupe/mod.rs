//! Blocks the page repeats: find them, weigh them, and decide which copy stays.
//!
//! Two calls frame the pipeline:
//! - [`analyze`] runs before the article is chosen. It finds blocks whose text repeats (exactly,
//!   or nearly: a teaser cut from a paragraph, a copy with other punctuation or a "Read more"
//!   tail, a whole article pasted into one card), decides which occurrence is the original,
//!   grows each occurrence into the region it lives in (a card made of copies is one copy),
//!   and gives every node a prose weight: 0 inside a copy, 1 elsewhere. So a "Related" box
//!   that repeats the article cannot outscore the article itself.
//! - [`resolve`] runs once the article's root is known. It keeps the article's own occurrence
//!   of each group, reports every other copy, and returns the copies to leave out.
//!
//! Site memory: [`analyze`] also returns this page's block fingerprints, and treats blocks
//! whose fingerprint the caller says it saw on other pages of the site as boilerplate.
//!
//! Every pass is a loop over the arena or a sort; the only per-node walks up the tree are
//! capped (`MAX_CLIMB`) or use a jump table (`Lift`, O(log depth) per query).

mod text;

use crate::dom::{collapse_whitespace, Doc, NodeData, NodeId};
use crate::{Block, Copy, DuplicateGroup, DuplicateKind, Options};
use rustc_hash::FxHashMap;
pub(crate) use text::TextCounts;
use text::{title_tokens, Tokenizer};

/// Tags whose text belongs to the enclosing block (they do not start a block of their own).
/// (A `match`, not a list: it runs for every element of the page.)
fn is_inline(tag: &str) -> bool {
    matches!(
        tag,
        "a" | "abbr"
            | "b"
            | "bdi"
            | "bdo"
            | "big"
            | "cite"
            | "code"
            | "data"
            | "dfn"
            | "del"
            | "em"
            | "font"
            | "i"
            | "ins"
            | "kbd"
            | "label"
            | "mark"
            | "nobr"
            | "q"
            | "s"
            | "samp"
            | "small"
            | "span"
            | "strike"
            | "strong"
            | "sub"
            | "sup"
            | "time"
            | "tt"
            | "u"
            | "var"
    )
}
/// Tags whose text is never read as page content.
fn is_skipped(tag: &str) -> bool {
    matches!(
        tag,
        "script"
            | "style"
            | "noscript"
            | "template"
            | "head"
            | "title"
            | "svg"
            | "math"
            | "select"
            | "option"
            | "textarea"
    )
}
/// Share of a subtree's text a block must own itself to be compared (see `Blk::leaf`).
const LEAF_SHARE: f32 = 0.8;
/// Blocks shorter than this (in non-space characters) repeat by chance ("Share", a source
/// name, a time stamp): not worth comparing or reporting.
const MIN_BLOCK_CHARS: u32 = 30;
/// Shortest block that gets a site-memory fingerprint: nav items and labels below this are
/// too generic to mean "this site's boilerplate".
const MIN_FP_CHARS: u32 = 20;
/// Longest block that site memory may hide: navigation, promos and footers are short, while
/// a long paragraph seen on other pages is more likely the article quoted elsewhere.
const BOILERPLATE_MAX_CHARS: u32 = 300;
/// Words per shingle. Four words are rare enough that two unrelated paragraphs share few of
/// them by chance, and short enough that a ten-word headline still has seven to compare.
const SHINGLE_WORDS: usize = 4;
/// A block's shingles found in another block, as a share of the smaller block's shingles,
/// for the two to count as copies. Containment (not Jaccard) so that a teaser cut from a
/// paragraph, or a paragraph inside a card that pastes the whole article as one block,
/// matches; 0.8 tolerates a "Read more" tail or a changed word in a 20-word teaser while two
/// different paragraphs on one topic share well under half their shingles.
const CONTAINED: f32 = 0.8;
/// Same measure against the larger block: at or above it the two are the same block
/// (near-equal), below it the smaller is a fragment of the larger (teaser, pull-quote).
const NEAR_EQUAL: f32 = 0.8;
/// The smaller side of a containment needs this many shingles (a six-word sentence), so a
/// stock phrase is not taken for a teaser.
const MIN_SHINGLES: usize = 3;
/// A shingle found in more blocks than this is a stock phrase of the page (a repeated label
/// inside every card), not evidence of one copy: it is left out of the comparison, which also
/// bounds the work at `MAX_POSTINGS` pairs per shingle.
const MAX_POSTINGS: usize = 24;
/// A block with at least this share of its shingles found in none of its copies is the longer
/// original a teaser was cut from.
const EXCESS_MIN: f32 = 0.3;
/// Two occurrences whose regions are made of copied text within this margin are a tie.
const DOMINANCE_MARGIN: f32 = 0.1;
/// A region (card, section) is a copy as a whole when at least this share of its text is
/// repeated elsewhere: its time stamp or source label may be new, its body is not.
const REGION_RATIO: f32 = 0.7;
/// How far a block may grow upwards into its region; cards are a few levels deep, so this
/// only bounds the work on pathological nesting.
const MAX_CLIMB: usize = 64;
/// Copies listed per group (with their CSS paths): a hostile page may repeat a block tens of
/// thousands of times; all copies still leave the text, and `count` stays exact.
const MAX_LISTED_COPIES: usize = 200;
/// How much of a group's text shows in the report (the extension's late-clutter watch matches
/// longer blocks by this prefix: it gets the number from the build).
pub const REPORT_CHARS: usize = 200;
/// Promos are short: a repeated block longer than this is prose, not a pasted box.
const PROMO_MAX_CHARS: usize = 400;
/// Share of a short block's text inside links above which it is navigation or a promo.
const PROMO_LINK_DENSITY: f32 = 0.6;
/// Calls to action that mark a short repeated block as a promo rather than article text.
const CTA_PHRASES: &[&str] = &[
    "subscribe",
    "newsletter",
    "sign up",
    "follow us",
    "try our",
    "register now",
    "advertisement",
    "sponsored",
];
/// Weaker calls to action: a promo's only when the block is also pasted twice in the article
/// (articles about apps and films say "available on Google Play" in their own sentences).
const WEAK_CTA_PHRASES: &[&str] = &["download", "app store", "google play", "get the app"];
/// Tags that make a region a form or button box (promos, sign-ups), never article text.
const CONTROL_TAGS: &[&str] = &["form", "button", "input"];
/// A block whose words are at least this share of the page title's words (and the other way
/// round) is the headline.
const TITLE_MATCH: f32 = 0.8;
/// Tags that mark a list: a region made of them that repeats is a repeated list.
const LIST_TAGS: &[&str] = &["ul", "ol", "li", "dl", "dt", "dd"];
/// A region with this many link-only blocks is a list of links even without list tags.
const LIST_MIN_LINKS: usize = 3;
/// Child tags compared to tell whether two class-less cards have the same shape.
const SHAPE_CHILDREN: usize = 8;
/// Elements (and ARIA roles) that name the page's main content: a tie-breaker only.
const MAIN_TAGS: &[&str] = &["article", "main"];

const NONE: u32 = u32::MAX;

/// Bits of the shingle filter per shingle of the page: at 8, about one unique shingle in nine
/// collides with another and takes the exact (slower) way.
const FILTER_BITS_PER_SHINGLE: usize = 8;
/// Largest shingle filter (128 KB per bit set): a bound on memory for huge pages.
const MAX_FILTER_BITS: usize = 1 << 20;

/// What [`analyze`] found: the groups, a prose weight per node and the page's fingerprints.
#[derive(Debug, Clone, Default)]
pub struct Analysis {
    /// For each node, how much of its own text counts as prose when choosing the article:
    /// 0 inside a copy (or site boilerplate), 1 elsewhere. Empty when dedupe is off.
    pub weight: Vec<f32>,
    /// Per node, for each text node this pass read: what `score::weigh` gives for its text
    /// (characters, commas, loose characters), so the scoring pass does not read the page's
    /// text a second time; `chars == u32::MAX` elsewhere. Empty when dedupe is off.
    pub text_weights: Vec<crate::extract::score::Weight>,
    /// Fingerprints of this page's blocks (sorted, distinct): site memory's input.
    pub fingerprints: Vec<u32>,
    /// Groups of repeated regions, each with its occurrences in document order.
    comps: Vec<Comp>,
    /// Blocks the caller's site memory names as boilerplate.
    boilerplate: Vec<NodeId>,
    /// (boxed copy's root, a sibling card of the same shape): the other stories of its list.
    peers: Vec<(NodeId, NodeId)>,
}

/// One group: occurrences of the same text (or of fragments of it), as regions.
#[derive(Debug, Clone, Default)]
struct Comp {
    units: Vec<Unit>,
    /// Pairs of units (indexes into `units`) holding the same text, not a fragment of it.
    equal: Vec<(usize, usize)>,
    /// The lowest similarity of the links that made the group.
    similarity: f32,
}

/// One occurrence: the root of the region a repeated block grew into.
#[derive(Debug, Clone)]
struct Unit {
    root: NodeId,
    /// The block that stands for the occurrence (its first repeated block).
    block: NodeId,
    /// Is this occurrence the original of its group (as judged before the article is known)?
    original: bool,
    /// Is it a boxed copy (a copy by rule, in a card among other content on its side)?
    strict_copy: bool,
    /// Is it the page's headline (the page title's words)?
    headline: bool,
}

/// What [`resolve`] decided once the article is known.
#[derive(Debug, Clone, Default)]
pub struct Resolved {
    pub groups: Vec<DuplicateGroup>,
    /// Roots of the copies to leave out of the article and hide in place.
    pub removed: Vec<NodeId>,
    /// The same roots (and site boilerplate) with the reason, for `Extraction::hidden`.
    pub hidden: Vec<Block>,
}

/// A block: the nearest non-inline element that owns text, with that text's words.
struct Blk {
    node: NodeId,
    /// Non-space characters of the block's own text.
    chars: u32,
    tokens: Vec<u32>,
    /// `text::seq_hash(&tokens)`, from the tokenizer.
    seq: u64,
    /// Is the block's own text most of its subtree's? Only such blocks are compared: an
    /// element that owns a stray line of text but holds the article below it must never be
    /// taken (and hidden) as a copy of that line.
    leaf: bool,
}

/// Finds repeated blocks, decides which occurrence is the original, and weighs every node.
///
/// `title` is the page's title (og:title or `<title>`), used to recognise the headline.
pub fn analyze(doc: &Doc, options: &Options, title: Option<&str>) -> Analysis {
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
        crate::extract::score::Weight {
            chars: NONE,
            ..Default::default()
        };
        n
    ];
    let blocks = collect_blocks(doc, Some(&mut out.text_weights));
    let title = title_tokens(title.unwrap_or(""));
    // The headline: a block that reads as the page title. (A heading tag alone is not enough:
    // some pages put a photo caption in their h1.)
    let is_headline = |b: &Blk| text::title_like(&b.tokens, &title, TITLE_MATCH);

    // Phase B: fingerprints for site memory, and blocks the caller names as boilerplate.
    // Each block's word-sequence hash (kept up by its tokenizer): the fingerprint is its
    // folded form and the exact groups of phase C sort on it.
    let seqs: Vec<u64> = blocks.iter().map(|b| b.seq).collect();
    let fps: Vec<u32> = seqs.iter().map(|&h| text::fold(h)).collect();
    out.fingerprints = blocks
        .iter()
        .zip(&fps)
        .filter(|(b, _)| b.leaf && b.chars >= MIN_FP_CHARS)
        .map(|(_, &f)| f)
        .collect();
    out.fingerprints.sort_unstable();
    out.fingerprints.dedup();
    if !options.site_boilerplate.is_empty() {
        let mut known = options.site_boilerplate.clone();
        known.sort_unstable();
        for (b, f) in blocks.iter().zip(&fps) {
            // Short blocks only, and never the headline: see BOILERPLATE_MAX_CHARS.
            if b.leaf
                && b.chars >= MIN_FP_CHARS
                && b.chars <= BOILERPLATE_MAX_CHARS
                && known.binary_search(f).is_ok()
                && !is_headline(b)
            {
                out.boilerplate.push(b.node);
            }
        }
    }

    // Phase C: exact groups (same words in the same order) by sorting on a hash of the words.
    let eligible: Vec<usize> = (0..blocks.len())
        .filter(|&i| {
            blocks[i].leaf && blocks[i].chars >= MIN_BLOCK_CHARS && blocks[i].tokens.len() >= 2
        })
        .collect();
    let mut by_hash: Vec<(u64, NodeId, usize)> = eligible
        .iter()
        .map(|&i| (seqs[i], blocks[i].node, i))
        .collect();
    by_hash.sort_unstable();
    // groups[g] = block indexes in document order; its first member is the representative.
    let mut groups: Vec<Vec<usize>> = Vec::new();
    for (k, &(h, _, i)) in by_hash.iter().enumerate() {
        if k > 0 && by_hash[k - 1].0 == h {
            groups.last_mut().expect("run has a group").push(i);
        } else {
            groups.push(vec![i]);
        }
    }

    // Phase D: near copies between groups, by shingles shared (an inverted index: each
    // distinct shingle with the groups holding it).
    let index = ShingleIndex::build(groups.iter().map(|g| blocks[g[0]].tokens.as_slice()));
    let links = near_links(&index);
    let sizes = &index.sizes;
    let mut cover = vec![0u32; groups.len()];
    for l in &links {
        cover[l.a] += l.overlap;
        cover[l.b] += l.overlap;
    }
    // Share of a group's text found in none of its near copies: the teaser's longer original.
    let excess: Vec<f32> = (0..groups.len())
        .map(|g| 1.0 - (cover[g] as f32 / sizes[g].max(1) as f32).min(1.0))
        .collect();
    let mut near_of: Vec<Vec<usize>> = vec![Vec::new(); groups.len()];
    for l in &links {
        near_of[l.a].push(l.b);
        near_of[l.b].push(l.a);
    }
    let repeated: Vec<usize> = (0..groups.len())
        .filter(|&g| groups[g].len() > 1 || !near_of[g].is_empty())
        .collect();
    if repeated.is_empty() {
        apply_boilerplate_weight(doc, &mut out);
        return out;
    }

    // Phase E: how much of each subtree is text repeated OUTSIDE it. A block's copies all sit
    // below the lowest common ancestor of the block and its copies (`span`): the block's
    // copied characters count for every ancestor strictly below that, which a +/- pair of
    // deltas and one reverse pass add up in O(n).
    let lift = Lift::new(doc);
    let first = |g: usize| blocks[groups[g][0]].node;
    let last = |g: usize| blocks[*groups[g].last().expect("non-empty")].node;
    let mut span = vec![NONE; groups.len()];
    let mut delta = vec![0i64; n];
    let mut total = vec![0i64; n];
    for b in &blocks {
        total[b.node as usize] += i64::from(b.chars);
    }
    for &g in &repeated {
        let lo = near_of[g]
            .iter()
            .map(|&h| first(h))
            .fold(first(g), NodeId::min);
        let hi = near_of[g]
            .iter()
            .map(|&h| last(h))
            .fold(last(g), NodeId::max);
        let l = lift.lca(doc, lo, hi);
        span[g] = l.unwrap_or(NONE);
        for &i in &groups[g] {
            let c = i64::from(blocks[i].chars);
            delta[blocks[i].node as usize] += c;
            if let Some(l) = l {
                delta[l as usize] -= c;
            }
        }
    }
    for id in (1..n).rev() {
        if let Some(p) = doc.parent(id as NodeId) {
            delta[p as usize] += delta[id];
            total[p as usize] += total[id];
        }
    }
    let ratio: Vec<f32> = (0..n)
        .map(|i| {
            if total[i] > 0 {
                delta[i] as f32 / total[i] as f32
            } else {
                0.0
            }
        })
        .collect();
    let in_main: Vec<bool> = {
        let mut v = vec![false; n];
        for id in 0..n {
            let own = MAIN_TAGS.contains(&doc.tag(id as NodeId))
                || doc
                    .attr(id as NodeId, "role")
                    .is_some_and(|r| MAIN_TAGS.contains(&r.trim()));
            v[id] = own || doc.parent(id as NodeId).is_some_and(|p| v[p as usize]);
        }
        v
    };

    // Phase F: which occurrence is the original. Rules in order, each a tie-breaker for the
    // one before: the longer text a teaser was cut from; the occurrence whose region (below
    // the common ancestor) is most made of this repeated text, i.e. it is what the region is
    // about, where a copy is one card among other stories; inside article/main; first.
    // Returns (a wins, decided by one of the first two rules): a copy found only by the
    // tie-breakers may as well be legitimate repetition, so it keeps its weight.
    let beats = |a: usize, ga: usize, b: usize, gb: usize| -> (bool, bool) {
        let (ea, eb) = (excess[ga] >= EXCESS_MIN, excess[gb] >= EXCESS_MIN);
        if ea != eb {
            return (ea, true);
        }
        let (na, nb) = (blocks[a].node, blocks[b].node);
        let (sa, sb) = match lift.lca(doc, na.min(nb), na.max(nb)) {
            Some(l) => (lift.child_toward(doc, l, na), lift.child_toward(doc, l, nb)),
            None => (na, nb),
        };
        let (da, db) = (ratio[sa as usize], ratio[sb as usize]);
        // Only a side that is mostly this text is its home; two sections that merely share a
        // paragraph are not told apart here.
        if (da - db).abs() >= DOMINANCE_MARGIN && da.max(db) >= REGION_RATIO {
            return (da > db, true);
        }
        let (ma, mb) = (in_main[na as usize], in_main[nb as usize]);
        if ma != mb {
            return (ma, false);
        }
        (na < nb, false)
    };
    let mut best = vec![0usize; groups.len()];
    let mut copy = vec![false; blocks.len()];
    // A copy by rule (not by tie-breaker): the only kind that loses its weight.
    let mut strict = vec![false; blocks.len()];
    for &g in &repeated {
        let mut b = groups[g][0];
        for &i in &groups[g][1..] {
            if beats(i, g, b, g).0 {
                b = i;
            }
        }
        best[g] = b;
        for &i in &groups[g] {
            copy[i] = i != b;
            strict[i] = i != b && beats(b, g, i, g).1;
        }
    }
    for l in &links {
        let (ba, bb) = (best[l.a], best[l.b]);
        let (a_wins, by_rule) = beats(ba, l.a, bb, l.b);
        let loser = if a_wins { l.b } else { l.a };
        for &i in &groups[loser] {
            copy[i] = true;
            strict[i] |= by_rule;
        }
    }

    // Phase G: grow each repeated block into its region: up while the parent's text is mostly
    // repeated elsewhere, staying below the span of its copies, and (for a copy) never taking
    // in an original.
    let mut originals = vec![0u32; n];
    for &g in &repeated {
        for &i in &groups[g] {
            if !copy[i] {
                originals[blocks[i].node as usize] += 1;
            }
        }
    }
    for id in (1..n).rev() {
        if let Some(p) = doc.parent(id as NodeId) {
            originals[p as usize] += originals[id];
        }
    }
    let mut unit_of = vec![NONE; blocks.len()];
    for &g in &repeated {
        for &i in &groups[g] {
            let mut x = blocks[i].node;
            for _ in 0..MAX_CLIMB {
                let Some(p) = doc.parent(x) else { break };
                if p == span[g]
                    || ratio[p as usize] < REGION_RATIO
                    || (copy[i] && originals[p as usize] > 0)
                {
                    break;
                }
                x = p;
            }
            unit_of[i] = x;
        }
    }
    // A boxed copy: a copy by rule whose region is one box among other content on its side
    // of the common ancestor (a card in a list of stories). A copy whose region fills its
    // whole side (two sections of one article that share paragraphs) may be the page's own
    // repetition, and changes no container's standing against the other: it stays neutral.
    let mut boxed = vec![false; blocks.len()];
    for &g in &repeated {
        for &i in &groups[g] {
            // A box: grown into a container, or one block holding several others' text.
            let box_like = unit_of[i] != blocks[i].node || near_of[g].len() >= 2;
            boxed[i] = strict[i]
                && box_like
                && span[g] != NONE
                && unit_of[i] != lift.child_toward(doc, span[g], blocks[i].node);
        }
    }
    // Weights: nothing inside a boxed copy's region counts as prose, nor inside the cards
    // beside it that share its shape: a list that holds a copy of another region is a list of
    // stories ("Related", "Top stories"), and its other cards are the other stories.
    let mut zero = vec![false; n];
    let mut seen_units: Vec<NodeId> = Vec::new();
    for (i, b) in boxed.iter().enumerate() {
        if *b {
            zero[unit_of[i] as usize] = true;
            seen_units.push(unit_of[i]);
        }
    }
    seen_units.sort_unstable();
    seen_units.dedup();
    // (Peers come out sorted by copy root: `seen_units` is sorted, children in order.)
    for &u in &seen_units {
        let Some(p) = doc.parent(u) else { continue };
        for s in doc.children(p) {
            if s != u && originals[s as usize] == 0 && same_shape(doc, s, u) {
                zero[s as usize] = true;
                out.peers.push((u, s));
            }
        }
    }
    for id in 0..n {
        if zero[id] || doc.parent(id as NodeId).is_some_and(|p| zero[p as usize]) {
            zero[id] = true;
            out.weight[id] = 0.0;
        }
    }
    apply_boilerplate_weight(doc, &mut out);

    // Phase H: groups of occurrences: regions joined by the copies they share.
    let mut roots: Vec<NodeId> = repeated
        .iter()
        .flat_map(|&g| groups[g].iter().map(|&i| unit_of[i]))
        .collect();
    roots.sort_unstable();
    roots.dedup();
    let idx = |r: NodeId| roots.binary_search(&r).expect("unit root listed");
    let mut uf = UnionFind::new(roots.len());
    let mut sim = vec![1.0f32; roots.len()];
    for &g in &repeated {
        let u0 = idx(unit_of[groups[g][0]]);
        for &i in &groups[g][1..] {
            uf.union(u0, idx(unit_of[i]));
        }
    }
    for l in &links {
        let (ua, ub) = (idx(unit_of[groups[l.a][0]]), idx(unit_of[groups[l.b][0]]));
        uf.union(ua, ub);
        sim[ua] = sim[ua].min(l.similarity);
        sim[ub] = sim[ub].min(l.similarity);
    }
    // Each unit's representative block: its first repeated block, original preferred.
    let mut rep_block = vec![(true, NONE); roots.len()];
    let mut unit_original = vec![false; roots.len()];
    let mut unit_strict = vec![false; roots.len()];
    let mut unit_headline = vec![false; roots.len()];
    for &g in &repeated {
        for &i in &groups[g] {
            let u = idx(unit_of[i]);
            let key = (copy[i], blocks[i].node);
            if key < rep_block[u] {
                rep_block[u] = key;
            }
            unit_original[u] |= !copy[i];
            unit_strict[u] |= boxed[i];
            unit_headline[u] |= is_headline(&blocks[i]) && unit_of[i] == blocks[i].node;
        }
    }
    let mut comp_of = vec![NONE; roots.len()];
    let mut pos_of = vec![0usize; roots.len()];
    for u in 0..roots.len() {
        let r = uf.find(u);
        if comp_of[r] == NONE {
            comp_of[r] = out.comps.len() as u32;
            out.comps.push(Comp {
                similarity: 1.0,
                ..Comp::default()
            });
        }
        let c = comp_of[r] as usize;
        comp_of[u] = c as u32;
        let comp = &mut out.comps[c];
        pos_of[u] = comp.units.len();
        comp.similarity = comp.similarity.min(sim[u]);
        comp.units.push(Unit {
            root: roots[u],
            block: rep_block[u].1,
            original: unit_original[u],
            strict_copy: unit_strict[u] && !unit_original[u],
            headline: unit_headline[u],
        });
    }
    let mut equal: Vec<(usize, usize, usize)> = Vec::new();
    for &g in &repeated {
        for w in groups[g].windows(2) {
            let (ua, ub) = (idx(unit_of[w[0]]), idx(unit_of[w[1]]));
            if ua != ub {
                equal.push((comp_of[ua] as usize, ua, ub));
            }
        }
    }
    for l in links.iter().filter(|l| l.near_equal) {
        let (ua, ub) = (idx(unit_of[groups[l.a][0]]), idx(unit_of[groups[l.b][0]]));
        if ua != ub {
            equal.push((comp_of[ua] as usize, ua, ub));
        }
    }
    for (c, ua, ub) in equal {
        let (pa, pb) = (pos_of[ua], pos_of[ub]);
        out.comps[c].equal.push((pa.min(pb), pa.max(pb)));
    }
    for c in &mut out.comps {
        c.equal.sort_unstable();
        c.equal.dedup();
    }
    out.comps.retain(|c| c.units.len() > 1);
    out
}

/// The page's block fingerprints alone (what [`analyze`] returns in `fingerprints`), for a
/// caller building site memory in a first pass without extracting.
pub fn fingerprints(doc: &Doc) -> Vec<u32> {
    let mut f: Vec<u32> = collect_blocks(doc, None)
        .iter()
        .filter(|b| b.leaf && b.chars >= MIN_FP_CHARS)
        .map(|b| text::fold(b.seq))
        .collect();
    f.sort_unstable();
    f.dedup();
    f
}

/// Site boilerplate never counts as prose.
fn apply_boilerplate_weight(doc: &Doc, out: &mut Analysis) {
    for &b in &out.boilerplate {
        out.weight[b as usize] = 0.0;
        for d in doc.descendants(b) {
            out.weight[d as usize] = 0.0;
        }
    }
}

/// Keeps the article's own occurrence of each group and reports the rest.
///
/// Inside the article, repetition is usually legitimate (a pull-quote, table cells, a live
/// blog's time stamps, a recipe's quantities): a group is only cut there when its in-article
/// occurrences are the same block pasted again (the headline twice: one stays; a promo box
/// between paragraphs: none stays).
pub fn resolve(doc: &Doc, analysis: &Analysis, main: Option<NodeId>) -> Resolved {
    let mut out = Resolved::default();
    for comp in &analysis.comps {
        let k = comp.units.len();
        let inside = |r: NodeId| main.is_some_and(|m| doc.contains(m, r) || doc.contains(r, m));
        let in_main: Vec<bool> = comp.units.iter().map(|u| inside(u.root)).collect();
        // No article found: the original occurrence of each group stays visible.
        let mut keep: Vec<bool> = match main {
            Some(_) => in_main.clone(),
            None => comp.units.iter().map(|u| u.original).collect(),
        };
        let mut promo = false;
        let mut reason = "copy outside the article";
        // Clusters of in-article occurrences holding the same text.
        let mut uf = UnionFind::new(k);
        for &(a, b) in &comp.equal {
            if in_main[a] && in_main[b] {
                uf.union(a, b);
            }
        }
        let mut members: Vec<Vec<usize>> = vec![Vec::new(); k];
        for i in (0..k).filter(|&i| in_main[i]) {
            members[uf.find(i)].push(i);
        }
        for cl in members.iter().filter(|m| m.len() > 1) {
            let promo_like: Vec<bool> = cl
                .iter()
                .map(|&i| looks_like_promo(doc, comp.units[i].root, true))
                .collect();
            // Promo-like occurrences go (a newsletter box between paragraphs, a table of
            // contents entry repeating a heading); when all are, none of them is article text.
            let rest: Vec<usize> = cl
                .iter()
                .zip(&promo_like)
                .filter(|(_, &p)| !p)
                .map(|(&i, _)| i)
                .collect();
            for (&i, &p) in cl.iter().zip(&promo_like) {
                if p {
                    keep[i] = false;
                }
            }
            if rest.is_empty() {
                promo = true;
                reason = "promo pasted more than once inside the article";
                continue;
            }
            if rest.len() < 2 {
                reason = "link or promo repeating article text";
                continue;
            }
            if rest.iter().any(|&i| comp.units[i].headline) {
                // The headline shown twice: the first heading stays.
                let first = rest
                    .iter()
                    .copied()
                    .find(|&i| comp.units[i].headline)
                    .unwrap_or(rest[0]);
                // The rule speaks of headline occurrences only: a card holding the headline
                // and a teaser joins the article's lead paragraph into this cluster, and that
                // original paragraph is the article's, not a second headline.
                for &i in &rest {
                    keep[i] = i == first || (!comp.units[i].headline && comp.units[i].original);
                }
                reason = "headline repeated";
            } else if is_record_field(doc, comp, &rest)
                || rest
                    .iter()
                    .all(|&i| comp.units[i].root == comp.units[i].block)
            {
                // Same field in sibling records (time stamps, bylines, table cells), a
                // paragraph the author repeats in the article's own flow, or sections alike
                // enough that no rule tells copy from original: the page's own content.
            } else {
                // A box of copies inside the chosen container (a "Top stories" card above
                // the article): the copies judged by rule in `analyze` go.
                for &i in &rest {
                    keep[i] = !comp.units[i].strict_copy;
                }
                reason = "copy of the article next to it";
            }
        }
        // One in-article occurrence of a short promo also found elsewhere is still a promo.
        for i in 0..k {
            if keep[i]
                && members[uf.find(i)].len() <= 1
                && !comp.units[i].headline
                && looks_like_promo(doc, comp.units[i].root, false)
            {
                keep[i] = false;
                promo = true;
                reason = "promo repeated on the page";
            }
        }
        // Never cut the article itself (an occurrence holding the whole article root).
        // Nor the page's own headline when the article's root was chosen just below it:
        // hiding it in place would leave the page without its title.
        // One headline occurrence stays: an h1 first, else the original, else the first. (An
        // h1 counts even when the title's words differ: it is the page's own heading.)
        let is_h1 = |i: usize| doc.tag(comp.units[i].block) == "h1";
        let headline_kept = (0..k).any(|i| keep[i] && (comp.units[i].headline || is_h1(i)));
        let page_headline = (!headline_kept && !promo)
            .then(|| {
                let hs: Vec<usize> = (0..k)
                    .filter(|&i| comp.units[i].headline || is_h1(i))
                    .collect();
                hs.iter()
                    .copied()
                    .find(|&i| is_h1(i))
                    .or_else(|| hs.iter().copied().find(|&i| comp.units[i].original))
                    .or_else(|| hs.first().copied())
            })
            .flatten();
        for (i, (k, u)) in keep.iter_mut().zip(&comp.units).enumerate() {
            if main.is_some_and(|m| doc.contains(u.root, m)) || page_headline == Some(i) {
                *k = true;
            }
        }
        if keep.iter().all(|&x| x) {
            continue;
        }
        let kept_any = keep.iter().any(|&x| x);
        let kind = if kept_any && !promo {
            DuplicateKind::ArticleCopy
        } else if comp.units.iter().all(|u| looks_like_list(doc, u.root)) {
            reason = "list shown more than once";
            DuplicateKind::RepeatedList
        } else {
            if !promo {
                reason = "block repeated outside the article";
            }
            DuplicateKind::RepeatedPromo
        };
        // The text shown is a hidden copy's: what the reader no longer sees twice.
        let shown = (0..k)
            .find(|&i| !keep[i])
            .map_or(comp.units[0].block, |i| comp.units[i].block);
        let text = report_text(doc, shown);
        let mut copies = Vec::with_capacity(k.min(MAX_LISTED_COPIES));
        for (i, u) in comp.units.iter().enumerate() {
            // Past the cap, copies are still left out of the text, just not listed.
            let listed = copies.len() < MAX_LISTED_COPIES;
            let path = if listed {
                doc.css_path(u.root)
            } else {
                String::new()
            };
            if !keep[i] {
                out.removed.push(u.root);
                if listed {
                    out.hidden.push(Block {
                        node: u.root,
                        path: path.clone(),
                        reason: format!("duplicate: {reason}"),
                    });
                }
                // The copy of the article sat in a list of stories: its sibling cards go too.
                if kind == DuplicateKind::ArticleCopy {
                    let from = analysis.peers.partition_point(|p| p.0 < u.root);
                    for &(_, peer) in analysis.peers[from..].iter().take_while(|p| p.0 == u.root) {
                        if main.is_some_and(|m| doc.contains(peer, m)) {
                            continue;
                        }
                        out.removed.push(peer);
                        if out.hidden.len() < MAX_LISTED_COPIES * 4 {
                            out.hidden.push(Block {
                                node: peer,
                                path: doc.css_path(peer),
                                reason: "card in the same list as a copy of the article".into(),
                            });
                        }
                    }
                }
            }
            if listed {
                copies.push(Copy {
                    node: u.root,
                    path,
                    kept: keep[i],
                });
            }
        }
        out.groups.push(DuplicateGroup {
            text,
            count: k,
            kind,
            copies,
            similarity: (comp.similarity * 100.0).round() / 100.0,
            reason: reason.to_string(),
        });
    }
    for &b in &analysis.boilerplate {
        if main.is_some_and(|m| doc.contains(b, m)) {
            continue;
        }
        out.removed.push(b);
        out.hidden.push(Block {
            node: b,
            path: doc.css_path(b),
            reason: "site_boilerplate: seen on other pages of this site".into(),
        });
    }
    out.removed.sort_unstable();
    out.removed.dedup();
    out
}

/// The first [`REPORT_CHARS`] characters of a block's text, white space collapsed: what
/// `collapse_whitespace(&doc.subtree_text(id))` would start with, read only as far as needed
/// (a copy may hold a whole article).
fn report_text(doc: &Doc, id: NodeId) -> String {
    let mut raw = String::new();
    // Enough raw text for REPORT_CHARS collapsed characters plus the space that may follow.
    let mut words_chars = 0usize;
    for t in std::iter::once(id)
        .chain(doc.descendants(id))
        .filter_map(|d| doc.text(d))
    {
        raw.push_str(t);
        words_chars += t.chars().filter(|c| !c.is_whitespace()).count();
        if words_chars > REPORT_CHARS {
            break;
        }
    }
    collapse_whitespace(&raw)
        .chars()
        .take(REPORT_CHARS)
        .collect()
}

/// Are these in-article occurrences one field of sibling records (a live blog's entries, a
/// table's rows, a recipe's lists)? Each occurrence then sits in its own record, and the
/// records differ: each holds other text besides the repeated field.
fn is_record_field(doc: &Doc, comp: &Comp, cluster: &[usize]) -> bool {
    let nodes: Vec<NodeId> = cluster.iter().map(|&i| comp.units[i].root).collect();
    let (lo, hi) = (
        *nodes.iter().min().expect("cluster"),
        *nodes.iter().max().expect("cluster"),
    );
    let Some(l) = lca_walk(doc, lo, hi) else {
        return false;
    };
    let mut record_tag: Option<&str> = None;
    for &u in &nodes {
        // The record: the child of the common ancestor that holds this occurrence.
        let Some(rec) = std::iter::once(u)
            .chain(doc.ancestors(u))
            .take(MAX_CLIMB)
            .find(|&a| doc.parent(a) == Some(l))
        else {
            return false;
        };
        if rec == u {
            // The occurrence is a direct child: a block pasted between others, not a field.
            return false;
        }
        let own = subtree_non_space_chars(doc, u);
        let all = subtree_non_space_chars(doc, rec);
        if all <= own {
            return false;
        }
        match record_tag {
            None => record_tag = Some(doc.tag(rec)),
            Some(t) if t != doc.tag(rec) => return false,
            Some(_) => {}
        }
    }
    true
}

/// Do two sibling elements have the same shape: same tag, and the same class, or (for pages
/// without meaningful classes) the same sequence of child tags?
fn same_shape(doc: &Doc, a: NodeId, b: NodeId) -> bool {
    if doc.element(a).is_none() || doc.tag(a) != doc.tag(b) {
        return false;
    }
    let class = |x| doc.attr(x, "class").unwrap_or("").trim();
    if !class(a).is_empty() || !class(b).is_empty() {
        return class(a) == class(b);
    }
    let kids = |x| {
        doc.children(x)
            .filter(|&c| doc.element(c).is_some())
            .take(SHAPE_CHILDREN)
            .map(|c| doc.tag(c))
            .collect::<Vec<_>>()
    };
    let (ka, kb) = (kids(a), kids(b));
    !ka.is_empty() && ka == kb
}

/// Lowest common ancestor by walking up (capped): only for the few nodes of one cluster.
fn lca_walk(doc: &Doc, a: NodeId, b: NodeId) -> Option<NodeId> {
    std::iter::once(a)
        .chain(doc.ancestors(a))
        .take(MAX_CLIMB * 4)
        .find(|&x| doc.contains(x, b))
}

fn non_space_chars(s: &str) -> usize {
    s.chars().filter(|c| !c.is_whitespace()).count()
}

/// [`non_space_chars`], counting no further than `limit` (ASCII text read byte by byte).
fn non_space_chars_upto(s: &str, limit: usize) -> usize {
    if s.is_ascii() {
        s.bytes()
            .filter(|b| !matches!(b, b'\t'..=b'\r' | b' '))
            .take(limit)
            .count()
    } else {
        s.chars().filter(|c| !c.is_whitespace()).take(limit).count()
    }
}

/// `collapse_whitespace(s).to_lowercase()` for ASCII `s`.
fn ascii_collapse_lower(s: &str) -> String {
    let mut out: Vec<u8> = Vec::with_capacity(s.len());
    for w in s
        .as_bytes()
        .split(|b| matches!(b, b'\t'..=b'\r' | b' '))
        .filter(|w| !w.is_empty())
    {
        if !out.is_empty() {
            out.push(b' ');
        }
        out.extend(w.iter().map(u8::to_ascii_lowercase));
    }
    // ASCII in, ASCII out: always valid.
    String::from_utf8(out).unwrap_or_default()
}

/// [`non_space_chars`] of a node's whole text, without building it.
fn subtree_non_space_chars(doc: &Doc, id: NodeId) -> usize {
    std::iter::once(id)
        .chain(doc.descendants(id))
        .filter_map(|d| doc.text(d))
        .map(non_space_chars)
        .sum()
}

/// A short region that calls to action, holds a form or a button, or (when `pasted` is set:
/// the block is pasted more than once inside the article) is mostly links or uses a weaker
/// call to action. A single occurrence needs the strong signs: articles link to other stories
/// and mention app stores in their own sentences.
fn looks_like_promo(doc: &Doc, root: NodeId, pasted: bool) -> bool {
    let mut chars = 0usize;
    let mut link_chars = 0usize;
    let mut controls = false;
    let mut in_link_until = 0;
    let mut text = String::new();
    for id in std::iter::once(root).chain(doc.descendants(root)) {
        match &doc.node(id).data {
            NodeData::Element(e) => {
                if &*e.tag == "a" && id >= in_link_until {
                    in_link_until = doc.node(id).end;
                }
                controls |= CONTROL_TAGS.contains(&&*e.tag);
            }
            NodeData::Text(t) => {
                // Counted only as far as the limit: a long text node decides at once.
                let c = non_space_chars_upto(t, PROMO_MAX_CHARS + 1 - chars);
                chars += c;
                if id < in_link_until {
                    link_chars += c;
                }
                if chars <= PROMO_MAX_CHARS {
                    text.push_str(t);
                    text.push(' ');
                }
            }
        }
        if chars > PROMO_MAX_CHARS {
            return false;
        }
    }
    if chars == 0 {
        return false;
    }
    if controls || (pasted && link_chars as f32 / chars as f32 >= PROMO_LINK_DENSITY) {
        return true;
    }
    let lower = if text.is_ascii() {
        // The same string, without decoding: ASCII white space collapsed, letters lowered.
        ascii_collapse_lower(&text)
    } else {
        collapse_whitespace(&text).to_lowercase()
    };
    CTA_PHRASES.iter().any(|p| lower.contains(p))
        || (pasted && WEAK_CTA_PHRASES.iter().any(|p| lower.contains(p)))
}

/// A list: list tags at or above the region's root, or several blocks that are only links.
fn looks_like_list(doc: &Doc, root: NodeId) -> bool {
    if LIST_TAGS.contains(&doc.tag(root))
        || doc
            .parent(root)
            .is_some_and(|p| LIST_TAGS.contains(&doc.tag(p)))
    {
        return true;
    }
    let mut li = 0;
    let mut links = 0;
    for d in doc.descendants(root) {
        match doc.tag(d) {
            "li" => li += 1,
            // A link that is its parent's whole content (O(1): first child, same end).
            "a" if doc
                .parent(d)
                .is_some_and(|p| p + 1 == d && doc.node(d).end == doc.node(p).end) =>
            {
                links += 1
            }
            _ => {}
        }
    }
    li >= 2 || links >= LIST_MIN_LINKS
}

/// Phase A: every text node goes to its block (the nearest ancestor that is not inline).
///
/// With `weighed`, each text node read gets [`crate::extract::score::weigh`]'s result there,
/// from the same pass (see [`Analysis::text_weights`]).
fn collect_blocks(
    doc: &Doc,
    mut weighed: Option<&mut Vec<crate::extract::score::Weight>>,
) -> Vec<Blk> {
    let n = doc.len();
    let mut owner = vec![NONE; n];
    let mut skipped = vec![false; n];
    let mut block_of = vec![NONE; n];
    let mut blocks: Vec<Blk> = Vec::new();
    let mut toks: Vec<Tokenizer> = Vec::new();
    let mut last_fed = NONE;
    for id in 0..n {
        let parent = doc.parent(id as NodeId);
        match &doc.node(id as NodeId).data {
            NodeData::Element(e) => {
                skipped[id] = parent.is_some_and(|p| skipped[p as usize]) || is_skipped(&e.tag);
                owner[id] = match parent {
                    Some(p) if is_inline(&e.tag) => owner[p as usize],
                    _ => id as u32,
                };
                // A line break or image splits words even inside one block.
                if matches!(&*e.tag, "br" | "img" | "hr" | "wbr") {
                    let o = owner[id];
                    if block_of[o as usize] != NONE {
                        toks[block_of[o as usize] as usize].flush();
                    }
                }
            }
            NodeData::Text(t) => {
                let Some(p) = parent else { continue };
                if skipped[p as usize] {
                    continue;
                }
                let o = owner[p as usize];
                let b = if block_of[o as usize] == NONE {
                    block_of[o as usize] = blocks.len() as u32;
                    blocks.push(Blk {
                        node: o,
                        chars: 0,
                        tokens: Vec::new(),
                        seq: 0,
                        leaf: false,
                    });
                    toks.push(Tokenizer::default());
                    blocks.len() as u32 - 1
                } else {
                    block_of[o as usize]
                };
                // Text of a nested block came in between: the word before it has ended.
                if last_fed != b {
                    toks[b as usize].flush();
                }
                last_fed = b;
                let counts = toks[b as usize].feed(t);
                if let Some(w) = weighed.as_deref_mut() {
                    w[id] = crate::extract::score::weigh_counted(counts);
                }
            }
        }
    }
    for (b, mut t) in blocks.iter_mut().zip(toks) {
        t.flush();
        b.chars = t.chars;
        b.seq = t.seq;
        b.tokens = t.tokens;
    }
    blocks.retain(|b| b.chars > 0);
    // Text characters of each subtree, by one reverse pass.
    let mut below = vec![0u32; n];
    for b in &blocks {
        below[b.node as usize] += b.chars;
    }
    for id in (1..n).rev() {
        if let Some(p) = doc.parent(id as NodeId) {
            below[p as usize] += below[id];
        }
    }
    for b in &mut blocks {
        b.leaf = b.chars as f32 >= LEAF_SHARE * below[b.node as usize] as f32;
    }
    blocks
}

/// A link found between two groups by shared shingles.
struct Link {
    a: usize,
    b: usize,
    overlap: u32,
    /// Shared shingles over the smaller side's.
    similarity: f32,
    near_equal: bool,
}

/// Phase D's inverted index: for each distinct shingle of the page, the groups holding it
/// (as a linked list in one vector, so a page's tens of thousands of shingles cost no
/// allocation each); and each group's count of distinct shingles.
struct ShingleIndex {
    /// Per distinct shingle: (groups holding it, head of its list in `entries`).
    postings: Vec<(u32, u32)>,
    /// (group, next entry of the same shingle or `NONE`).
    entries: Vec<(u32, u32)>,
    sizes: Vec<usize>,
}

impl ShingleIndex {
    /// `groups` in order: group `g` is the `g`-th token list.
    fn build<'t>(groups: impl ExactSizeIterator<Item = &'t [u32]>) -> ShingleIndex {
        let groups: Vec<&[u32]> = groups.collect();
        let mut sizes = vec![0usize; groups.len()];
        // A filter first: most shingles of a page occur once, and only those that may occur
        // twice need the (larger, cache-missing) hash table. A shingle whose bit in `shared`
        // stays clear occurs exactly once on the page (its second occurrence, in its own group
        // or a later one, would have found its bit set in `seen`); hash collisions only send a
        // few unique shingles the exact way. The filter is sized from the shingle count, so
        // it is filled while the shingles are hashed, in the same pass.
        let count: usize = groups
            .iter()
            .map(|t| text::shingle_count(t, SHINGLE_WORDS))
            .sum();
        let bits = (count * FILTER_BITS_PER_SHINGLE)
            .next_power_of_two()
            .clamp(64, MAX_FILTER_BITS);
        let mask = bits as u32 - 1;
        let at = |h: u32| ((h & mask) as usize / 64, 1u64 << (h & 63));
        let (mut seen, mut shared) = (vec![0u64; bits / 64], vec![0u64; bits / 64]);
        // Every group's shingles in one vector; group `g`'s are `hashes[starts[g]..starts[g + 1]]`.
        let mut hashes: Vec<u32> = Vec::with_capacity(count);
        let mut starts: Vec<usize> = Vec::with_capacity(groups.len() + 1);
        for tokens in &groups {
            starts.push(hashes.len());
            text::for_each_shingle(tokens, SHINGLE_WORDS, |h| {
                let (w, m) = at(h);
                let s = seen[w];
                if s & m != 0 {
                    shared[w] |= m;
                }
                seen[w] = s | m;
                hashes.push(h);
            });
        }
        starts.push(hashes.len());
        // Room for the shingles that take the exact way: about two occurrences per shared bit
        // (a hint only; the tables grow if a page repeats more).
        let shared_bits: usize = shared.iter().map(|w| w.count_ones() as usize).sum();
        let candidates = (shared_bits * 2).min(hashes.len());
        let mut slot_of: FxHashMap<u32, u32> =
            FxHashMap::with_capacity_and_hasher(candidates, Default::default());
        // Per posting, the last group added (groups come in order, so a shingle a group
        // repeats is counted once).
        let mut last: Vec<u32> = Vec::with_capacity(candidates);
        let mut postings: Vec<(u32, u32)> = Vec::with_capacity(candidates);
        let mut entries: Vec<(u32, u32)> = Vec::with_capacity(candidates);
        for g in 0..starts.len() - 1 {
            for &h in &hashes[starts[g]..starts[g + 1]] {
                let (w, m) = at(h);
                if shared[w] & m == 0 {
                    // Occurs once on the page: one distinct shingle of this group, no pairs.
                    sizes[g] += 1;
                    continue;
                }
                let slot = *slot_of.entry(h).or_insert_with(|| {
                    postings.push((0, NONE));
                    last.push(NONE);
                    postings.len() as u32 - 1
                }) as usize;
                if last[slot] != g as u32 {
                    last[slot] = g as u32;
                    sizes[g] += 1;
                    let (count, head) = postings[slot];
                    entries.push((g as u32, head));
                    postings[slot] = (count + 1, entries.len() as u32 - 1);
                }
            }
        }
        ShingleIndex {
            postings,
            entries,
            sizes,
        }
    }
}

/// Phase D: pairs of groups sharing most of the smaller one's shingles. Each shingle held by
/// 2 to `MAX_POSTINGS` groups gives its pairs of groups (more are stock phrases, skipped, so
/// the pairs are at most `MAX_POSTINGS` per shingle); sorting the pairs counts each pair's
/// shared shingles. O(s + p log p) for s shingles and p pairs on the page.
fn near_links(index: &ShingleIndex) -> Vec<Link> {
    let sizes = &index.sizes;
    let mut pairs: Vec<u64> = Vec::new();
    let mut groups: Vec<u32> = Vec::with_capacity(MAX_POSTINGS);
    for &(count, head) in &index.postings {
        if count < 2 || count as usize > MAX_POSTINGS {
            continue;
        }
        groups.clear();
        let mut e = head;
        while e != NONE {
            let (g, next) = index.entries[e as usize];
            groups.push(g);
            e = next;
        }
        // The list runs from the last group added to the first: pairs are (lower, higher).
        for (x, &a) in groups.iter().enumerate() {
            for &b in &groups[..x] {
                pairs.push(u64::from(a) << 32 | u64::from(b));
            }
        }
    }
    pairs.sort_unstable();
    let mut links = Vec::new();
    let mut i = 0;
    while i < pairs.len() {
        let mut j = i + 1;
        while j < pairs.len() && pairs[j] == pairs[i] {
            j += 1;
        }
        let (a, b) = ((pairs[i] >> 32) as usize, (pairs[i] & 0xffff_ffff) as usize);
        let overlap = (j - i) as u32;
        let (sa, sb) = (sizes[a], sizes[b]);
        let (small, big) = (sa.min(sb).max(1), sa.max(sb).max(1));
        let similarity = overlap as f32 / small as f32;
        let near_equal = overlap as f32 / big as f32 >= NEAR_EQUAL;
        if similarity >= CONTAINED && (near_equal || small >= MIN_SHINGLES) {
            links.push(Link {
                a,
                b,
                overlap,
                similarity,
                near_equal,
            });
        }
        i = j;
    }
    links
}

/// Ancestor jump table: `up[k][v]` is v's 2^k-th ancestor (the root maps to itself), so the
/// lowest common ancestor and "the ancestor just below" cost O(log depth) on any nesting.
struct Lift {
    up: Vec<Vec<NodeId>>,
}

impl Lift {
    fn new(doc: &Doc) -> Lift {
        let n = doc.len();
        let max_depth = doc.nodes().iter().map(|x| x.depth).max().unwrap_or(0);
        let levels = (32 - max_depth.leading_zeros()).max(1) as usize;
        let mut up = Vec::with_capacity(levels);
        up.push(
            (0..n as NodeId)
                .map(|v| doc.parent(v).unwrap_or(v))
                .collect::<Vec<_>>(),
        );
        for k in 1..levels {
            let prev: &Vec<NodeId> = &up[k - 1];
            let next = prev.iter().map(|&p| prev[p as usize]).collect();
            up.push(next);
        }
        Lift { up }
    }

    /// The deepest node holding both `a` and `b`, if they share a tree.
    fn lca(&self, doc: &Doc, a: NodeId, b: NodeId) -> Option<NodeId> {
        if doc.contains(a, b) {
            return Some(a);
        }
        let mut x = a;
        for k in (0..self.up.len()).rev() {
            let y = self.up[k][x as usize];
            if !doc.contains(y, b) {
                x = y;
            }
        }
        let p = self.up[0][x as usize];
        doc.contains(p, b).then_some(p)
    }

    /// The ancestor of `a` (or `a` itself) that is a child of `l`; `l` when `a == l`.
    fn child_toward(&self, doc: &Doc, l: NodeId, a: NodeId) -> NodeId {
        if a == l {
            return a;
        }
        let mut x = a;
        for k in (0..self.up.len()).rev() {
            let y = self.up[k][x as usize];
            if y != l && doc.contains(l, y) {
                x = y;
            }
        }
        x
    }
}

struct UnionFind {
    parent: Vec<usize>,
}

impl UnionFind {
    fn new(n: usize) -> Self {
        UnionFind {
            parent: (0..n).collect(),
        }
    }
    fn find(&mut self, mut x: usize) -> usize {
        while self.parent[x] != x {
            self.parent[x] = self.parent[self.parent[x]];
            x = self.parent[x];
        }
        x
    }
    fn union(&mut self, a: usize, b: usize) {
        let (ra, rb) = (self.find(a), self.find(b));
        // The lower index stays the root, so groups come out in document order.
        if ra < rb {
            self.parent[rb] = ra;
        } else if rb < ra {
            self.parent[ra] = rb;
        }
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn ascii_helpers_match_the_general_ones() {
        for t in [
            "",
            "  Sign\tUP  for\x0bour\x0cNEWS\rletter \n",
            "a,b;  C.",
            "x\u{1c}y",
        ] {
            assert_eq!(
                super::ascii_collapse_lower(t),
                super::collapse_whitespace(t).to_lowercase(),
                "{t:?}"
            );
            for limit in [0, 3, 100] {
                assert_eq!(
                    super::non_space_chars_upto(t, limit),
                    t.chars().filter(|c| !c.is_whitespace()).take(limit).count()
                );
            }
        }
    }

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
        assert!(g.copies.len() <= super::MAX_LISTED_COPIES);
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
