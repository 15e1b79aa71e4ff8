//! Phase A: the page's text blocks and their words, in one forward pass over the arena.

use crate::dom::{Doc, NodeData, NodeId};
use crate::measure::words::Tokenizer;
use crate::measure::{weigh_counted, Weight};

/// Share of a subtree's text a block must own itself to be compared (see
/// [`TextBlock::comparable`]).
const OWN_TEXT_SHARE: f32 = 0.8;

/// Marks a node with no block (and a text node `measure::weigh` was not run on).
pub(super) const NONE: u32 = u32::MAX;

/// Tags whose text belongs to the enclosing block (they do not start a block of their own).
/// (A `match`, not a list: it runs for every element of the page.)
pub(super) fn is_inline(tag: &str) -> bool {
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

/// A block: the nearest non-inline element that owns text, with that text's words.
pub(super) struct TextBlock {
    pub node: NodeId,
    /// Non-space characters of the block's own text.
    pub chars: u32,
    /// Its words, as hashes (`measure::words`).
    pub words: Vec<u32>,
    /// Hash of the word sequence (`measure::words::seq_hash`), kept up by the tokenizer: the
    /// exact matching sorts on it and site memory's fingerprint is its folded form.
    pub words_hash: u64,
    /// Is the block's own text most of its subtree's? Only such blocks are compared: an
    /// element that owns a stray line of text but holds the article below it must never be
    /// taken (and hidden) as a copy of that line.
    pub comparable: bool,
}

/// Every text node goes to its block (the nearest ancestor that is not inline); blocks come
/// out in document order.
///
/// With `weighed`, each text node read gets `measure::weigh`'s result there, from the same
/// pass (see `Analysis::text_weights`).
pub(super) fn collect(doc: &Doc, mut weighed: Option<&mut Vec<Weight>>) -> Vec<TextBlock> {
    let n = doc.len();
    let mut owner = vec![NONE; n];
    let mut skipped = vec![false; n];
    let mut block_of = vec![NONE; n];
    let mut blocks: Vec<TextBlock> = Vec::new();
    let mut tokenizers: Vec<Tokenizer> = Vec::new();
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
                        tokenizers[block_of[o as usize] as usize].flush();
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
                    blocks.push(TextBlock {
                        node: o,
                        chars: 0,
                        words: Vec::new(),
                        words_hash: 0,
                        comparable: false,
                    });
                    tokenizers.push(Tokenizer::default());
                    blocks.len() as u32 - 1
                } else {
                    block_of[o as usize]
                };
                // Text of a nested block came in between: the word before it has ended.
                if last_fed != b {
                    tokenizers[b as usize].flush();
                }
                last_fed = b;
                let counts = tokenizers[b as usize].feed(t);
                if let Some(w) = weighed.as_deref_mut() {
                    w[id] = weigh_counted(counts);
                }
            }
        }
    }
    for (b, mut t) in blocks.iter_mut().zip(tokenizers) {
        t.flush();
        b.chars = t.chars;
        b.words_hash = t.seq;
        b.words = t.tokens;
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
        b.comparable = b.chars as f32 >= OWN_TEXT_SHARE * below[b.node as usize] as f32;
    }
    blocks
}

/// A block whose words are at least this share of the page title's words (and the other way
/// round) is the headline.
const TITLE_MATCH: f32 = 0.8;

/// The page's title, to recognise the headline among the blocks. (A heading tag alone is not
/// enough: some pages put a photo caption in their h1.)
pub(super) struct Title {
    /// The title's distinct words, sorted.
    words: Vec<u32>,
}

impl Title {
    pub(super) fn new(title: Option<&str>) -> Title {
        Title {
            words: crate::measure::words::title_tokens(title.unwrap_or("")),
        }
    }

    /// Does the block read as the page title?
    pub(super) fn is_headline(&self, b: &TextBlock) -> bool {
        crate::measure::words::title_like(&b.words, &self.words, TITLE_MATCH)
    }

    /// Does this text read as the page title?
    pub(super) fn reads_as(&self, text: &str) -> bool {
        crate::measure::words::title_like(
            &crate::measure::words::tokens(text),
            &self.words,
            TITLE_MATCH,
        )
    }
}
