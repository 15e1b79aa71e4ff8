//! Phases C and D: which blocks repeat. Exact repeats (the same words in the same order) by
//! sorting on a hash of the words; near copies (a teaser cut from a paragraph, a copy with
//! other punctuation or a "Read more" tail, a whole article pasted into one card) by the
//! four-word runs (shingles) two blocks share.

use super::blocks::{TextBlock, NONE};
use crate::dom::NodeId;
use crate::measure::words;
use rustc_hash::FxHashMap;

/// Blocks shorter than this (in non-space characters) repeat by chance ("Share", a source
/// name, a time stamp): not worth comparing or reporting.
pub(super) const MIN_BLOCK_CHARS: u32 = 30;
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
/// Bits of the shingle filter per shingle of the page: at 8, about one unique shingle in nine
/// collides with another and takes the exact (slower) way.
const FILTER_BITS_PER_SHINGLE: usize = 8;
/// Largest shingle filter (128 KB per bit set): a bound on memory for huge pages.
const MAX_FILTER_BITS: usize = 1 << 20;

/// Two texts (indexes into `Matches::texts`) found to be near copies by shared shingles.
pub(super) struct NearCopy {
    pub a: usize,
    pub b: usize,
    /// Shingles the two share.
    pub overlap: u32,
    /// Shared shingles over the smaller side's.
    pub similarity: f32,
    /// The two are the same block (not one a fragment of the other).
    pub near_equal: bool,
}

/// What repeats on the page.
pub(super) struct Matches {
    /// Distinct texts: each is the blocks (indexes into the block list, in document order)
    /// holding the same words in the same order; the first stands for them all.
    pub texts: Vec<Vec<usize>>,
    /// Pairs of texts that are near copies of each other.
    pub near: Vec<NearCopy>,
    /// Per text, the texts it is a near copy of.
    pub near_of: Vec<Vec<usize>>,
    /// Per text, the share of its shingles found in none of its near copies: high for the
    /// longer original a teaser was cut from.
    pub unmatched: Vec<f32>,
    /// The texts that repeat (several blocks, or a near copy): the only ones the later
    /// phases look at.
    pub repeated: Vec<usize>,
    /// (block, text): blocks not compared themselves (they hold other blocks, see
    /// `TextBlock::comparable`) whose own text is a text's exact words, such as a card whose
    /// own line is the page's headline above the card's teaser. They are never occurrences
    /// (never hidden as such), but their text counts as repeated where a region is weighed.
    pub echoes: Vec<(usize, usize)>,
}

/// Finds the exact and near repeats among the comparable blocks.
pub(super) fn find(blocks: &[TextBlock]) -> Matches {
    let texts = exact_repeats(blocks);
    let index = ShingleIndex::build(texts.iter().map(|t| blocks[t[0]].words.as_slice()));
    let near = near_copies(&index);
    let mut covered = vec![0u32; texts.len()];
    for l in &near {
        covered[l.a] += l.overlap;
        covered[l.b] += l.overlap;
    }
    let unmatched: Vec<f32> = (0..texts.len())
        .map(|t| 1.0 - (covered[t] as f32 / index.sizes[t].max(1) as f32).min(1.0))
        .collect();
    let mut near_of: Vec<Vec<usize>> = vec![Vec::new(); texts.len()];
    for l in &near {
        near_of[l.a].push(l.b);
        near_of[l.b].push(l.a);
    }
    let repeated: Vec<usize> = (0..texts.len())
        .filter(|&t| texts[t].len() > 1 || !near_of[t].is_empty())
        .collect();
    let echoes = echoes(blocks, &texts);
    Matches {
        texts,
        near,
        near_of,
        unmatched,
        repeated,
        echoes,
    }
}

/// Is the block long enough, in words and characters, for its text to mean something?
fn meaningful(b: &TextBlock) -> bool {
    b.chars >= MIN_BLOCK_CHARS && b.words.len() >= 2
}

/// The blocks left out of the comparison whose own text is one of the texts (see
/// `Matches::echoes`), by a binary search on the texts' hashes.
fn echoes(blocks: &[TextBlock], texts: &[Vec<usize>]) -> Vec<(usize, usize)> {
    let mut by_hash: Vec<(u64, usize)> = texts
        .iter()
        .enumerate()
        .map(|(t, members)| (blocks[members[0]].words_hash, t))
        .collect();
    by_hash.sort_unstable();
    blocks
        .iter()
        .enumerate()
        .filter(|(_, b)| !b.comparable && meaningful(b))
        .filter_map(|(i, b)| {
            let at = by_hash.partition_point(|x| x.0 < b.words_hash);
            by_hash
                .get(at)
                .filter(|x| x.0 == b.words_hash)
                .map(|x| (i, x.1))
        })
        .collect()
}

/// Phase C: blocks with the same words in the same order, by sorting on their hash. Only
/// blocks long enough to mean something and that own their subtree's text take part.
fn exact_repeats(blocks: &[TextBlock]) -> Vec<Vec<usize>> {
    let mut by_hash: Vec<(u64, NodeId, usize)> = blocks
        .iter()
        .enumerate()
        .filter(|(_, b)| b.comparable && meaningful(b))
        .map(|(i, b)| (b.words_hash, b.node, i))
        .collect();
    by_hash.sort_unstable();
    let mut texts: Vec<Vec<usize>> = Vec::new();
    for (k, &(h, _, i)) in by_hash.iter().enumerate() {
        if k > 0 && by_hash[k - 1].0 == h {
            texts.last_mut().expect("run has a text").push(i);
        } else {
            texts.push(vec![i]);
        }
    }
    texts
}

/// Phase D's inverted index: for each distinct shingle of the page, the texts holding it
/// (as a linked list in one vector, so a page's tens of thousands of shingles cost no
/// allocation each); and each text's count of distinct shingles.
struct ShingleIndex {
    /// Per distinct shingle: (texts holding it, head of its list in `entries`).
    postings: Vec<(u32, u32)>,
    /// (text, next entry of the same shingle or `NONE`).
    entries: Vec<(u32, u32)>,
    sizes: Vec<usize>,
}

impl ShingleIndex {
    /// `texts` in order: text `t` is the `t`-th word list.
    fn build<'t>(texts: impl ExactSizeIterator<Item = &'t [u32]>) -> ShingleIndex {
        let texts: Vec<&[u32]> = texts.collect();
        let mut sizes = vec![0usize; texts.len()];
        // A filter first: most shingles of a page occur once, and only those that may occur
        // twice need the (larger, cache-missing) hash table. A shingle whose bit in `shared`
        // stays clear occurs exactly once on the page (its second occurrence, in its own text
        // or a later one, would have found its bit set in `seen`); hash collisions only send a
        // few unique shingles the exact way. The filter is sized from the shingle count, so
        // it is filled while the shingles are hashed, in the same pass.
        let count: usize = texts
            .iter()
            .map(|t| words::shingle_count(t, SHINGLE_WORDS))
            .sum();
        let bits = (count * FILTER_BITS_PER_SHINGLE)
            .next_power_of_two()
            .clamp(64, MAX_FILTER_BITS);
        let mask = bits as u32 - 1;
        let at = |h: u32| ((h & mask) as usize / 64, 1u64 << (h & 63));
        let (mut seen, mut shared) = (vec![0u64; bits / 64], vec![0u64; bits / 64]);
        // Every text's shingles in one vector; text `t`'s are `hashes[starts[t]..starts[t + 1]]`.
        let mut hashes: Vec<u32> = Vec::with_capacity(count);
        let mut starts: Vec<usize> = Vec::with_capacity(texts.len() + 1);
        for text in &texts {
            starts.push(hashes.len());
            words::for_each_shingle(text, SHINGLE_WORDS, |h| {
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
        // Per posting, the last text added (texts come in order, so a shingle a text repeats
        // is counted once).
        let mut last: Vec<u32> = Vec::with_capacity(candidates);
        let mut postings: Vec<(u32, u32)> = Vec::with_capacity(candidates);
        let mut entries: Vec<(u32, u32)> = Vec::with_capacity(candidates);
        for t in 0..starts.len() - 1 {
            for &h in &hashes[starts[t]..starts[t + 1]] {
                let (w, m) = at(h);
                if shared[w] & m == 0 {
                    // Occurs once on the page: one distinct shingle of this text, no pairs.
                    sizes[t] += 1;
                    continue;
                }
                let slot = *slot_of.entry(h).or_insert_with(|| {
                    postings.push((0, NONE));
                    last.push(NONE);
                    postings.len() as u32 - 1
                }) as usize;
                if last[slot] != t as u32 {
                    last[slot] = t as u32;
                    sizes[t] += 1;
                    let (count, head) = postings[slot];
                    entries.push((t as u32, head));
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

/// Phase D: pairs of texts sharing most of the smaller one's shingles. Each shingle held by
/// 2 to `MAX_POSTINGS` texts gives its pairs of texts (more are stock phrases, skipped, so
/// the pairs are at most `MAX_POSTINGS` per shingle); sorting the pairs counts each pair's
/// shared shingles. O(s + p log p) for s shingles and p pairs on the page.
fn near_copies(index: &ShingleIndex) -> Vec<NearCopy> {
    let sizes = &index.sizes;
    let mut pairs: Vec<u64> = Vec::new();
    let mut holders: Vec<u32> = Vec::with_capacity(MAX_POSTINGS);
    for &(count, head) in &index.postings {
        if count < 2 || count as usize > MAX_POSTINGS {
            continue;
        }
        holders.clear();
        let mut e = head;
        while e != NONE {
            let (t, next) = index.entries[e as usize];
            holders.push(t);
            e = next;
        }
        // The list runs from the last text added to the first: pairs are (lower, higher).
        for (x, &a) in holders.iter().enumerate() {
            for &b in &holders[..x] {
                pairs.push(u64::from(a) << 32 | u64::from(b));
            }
        }
    }
    pairs.sort_unstable();
    let mut near = Vec::new();
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
            near.push(NearCopy {
                a,
                b,
                overlap,
                similarity,
                near_equal,
            });
        }
        i = j;
    }
    near
}
