//! Per-node measurements, in two linear passes over the arena (forward for what is inherited,
//! backward for what is summed), and the choice of the article's container from them.

use super::signals::{self, Words};
use crate::dom::{Doc, NodeData, NodeId};
use crate::measure::{weigh, Weight};

/// A block shorter than this (in weighted characters) is a label or a link, not prose.
pub const MIN_PROSE_CHARS: u32 = 25;
/// A block more than this share linked is navigation, whatever its length.
pub const MAX_BLOCK_LINK_DENSITY: f32 = 0.5;
/// Commas mark sentences with clauses, the shape of written prose: each is worth this many chars.
pub const COMMA_BONUS: f32 = 10.0;
/// A block with more than this share of its characters outside words is not prose, however
/// long: prose is mostly words, and even a number-dense sentence or a results line with its
/// team names keeps over a third of its characters in them, while a list of identifiers
/// (`r12345c0`, hex digests), a column of numbers or a code dump keeps almost none.
pub const MAX_LOOSE_SHARE: f32 = 2.0 / 3.0;
/// Prose under a boilerplate-named element (comments, related, sidebar) counts this much
/// toward its ancestors, so the discussion does not pull the choice away from the article.
pub const BOILERPLATE_DISCOUNT: f32 = 0.15;
/// A clutter-named block (or a run of same-class sibling blocks) holding at least this share
/// of the page's prose is the page's content under a layout name, not clutter:
/// `l-sidebar-fixed l-article-body-segment`, `grid-toc-content-sidebar`, `author-article`, a
/// newsletter issue published as the page. Its words are no longer believed, when they are
/// all layout words ([`signals::LAYOUT_WORDS`]): a footer, a promo or a comment thread that
/// outweighs a short story is still what its name says.
pub const LAYOUT_SHARE: f32 = 0.5;
/// ... and at least this much prose (weighted characters), twice an article's minimum: on a
/// page with little prose (a product grid, a shop front) a menu can hold most of it.
pub const LAYOUT_MIN_PROSE: f32 = 1000.0;
/// ... in at least this many prose blocks: an article is paragraphs, where a promo carousel
/// or a stack of notices is one run of short lines.
pub const LAYOUT_MIN_BLOCKS: u32 = 3;
/// Descend into a child while it still holds this share of the current node's prose: the
/// article's container is the smallest element that holds nearly all of it.
pub const DESCEND_SHARE: f32 = 0.85;
/// A prose paragraph of at least this score beside the child the descent would enter keeps
/// the descent where it is: the paragraph belongs to the article (an intro set apart).
pub const INTRO_MIN_PROSE: f32 = 100.0;
/// A semantic article body (`itemprop=articleBody`, `article`) is left only for a child that
/// holds this much of its prose: its header and lead belong to the article.
pub const SEMANTIC_STAY_SHARE: f32 = 0.9;
/// The structured-data body is located as the smallest element holding this share of the prose
/// of the blocks it vouches for.
pub const HINT_DESCEND_SHARE: f32 = 0.9;
/// ... and it is taken only when it holds this share of what the plain descent found (a
/// body that matches one paragraph is a summary, not a map of the article).
pub const HINT_MIN_SHARE: f32 = 0.5;
/// A semantic body inside the chosen container replaces it when it holds this share of the
/// container's prose (the rest is then comments or teasers the markup did not name).
pub const SEMANTIC_TAKE_SHARE: f32 = 0.6;

/// On a listing, linked text counts this much of plain text: an item's linked title is
/// content, but a sidebar's archive of bare links should not outweigh items with blurbs.
pub const LISTING_LINK_WEIGHT: f32 = 0.5;

/// What the passes measured; every vector is indexed by node id.
#[derive(Clone)]
pub struct Stats {
    /// In a junk tag, a hidden element or a cookie-consent manager (inherited).
    pub excluded: Vec<bool>,
    /// Hidden from the reader by its own markup, folded panels excepted (see
    /// `signals::Visibility`); not inherited.
    pub hidden: Vec<bool>,
    /// Class/id words per element.
    pub words: Vec<Words>,
    /// Weighted characters of visible text in the subtree.
    pub chars: Vec<u32>,
    /// Of those, characters inside links.
    pub link_chars: Vec<u32>,
    /// Prose score of the subtree, boilerplate counted fully (for pruning decisions).
    pub raw: Vec<f32>,
    /// Prose score of the subtree with boilerplate discounted (for choosing the container).
    pub prose: Vec<f32>,
    /// Prose score of the node's own text (text not inside a child block).
    pub own: Vec<f32>,
    /// Weighted characters of the subtree's visible text, linked text at
    /// [`LISTING_LINK_WEIGHT`], with boilerplate discounted as in `prose`: what a list of items holds (see
    /// [`Reading::Listing`]).
    pub mass: Vec<f32>,
    /// Prose score of the subtree's blocks that the JSON-LD body vouches for.
    pub hinted: Vec<f32>,
    /// How the page was read (see `page_type`).
    pub reading: Reading,
}

/// How a page's blocks are weighed, by the kind of page it is (see `page_type`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Reading {
    /// An article: prose counts, links and short lines do not.
    #[default]
    Article,
    /// A discussion (a forum thread): comment and reply blocks are content.
    Discussion,
    /// A question with its answers (schema.org `QAPage`): the question and every answer are
    /// content, as posts of a discussion are; the comments under them are remarks on a post,
    /// left out as on an article.
    Questions,
    /// A list of items (search results, a shop's category, a section front): the items' text
    /// counts, linked titles included.
    Listing,
    /// One product (a shop's product page): read as an article, but blocks named as reviews
    /// are the customers' reviews under it, clutter (see `signals::REVIEW_WORDS`).
    Product,
}

impl Stats {
    /// `v[id]` as it counts toward the parent: discounted when the node is boilerplate.
    fn discounted(&self, v: &[f32], id: NodeId) -> f32 {
        let i = id as usize;
        if self.words[i].is_boilerplate() {
            v[i] * BOILERPLATE_DISCOUNT
        } else {
            v[i]
        }
    }

    /// What the descent weighs when reading the page as `reading`: prose, or on a listing
    /// the items' whole text.
    fn weighed(&self, reading: Reading) -> &[f32] {
        if reading == Reading::Listing {
            &self.mass
        } else {
            &self.prose
        }
    }
}

/// Is `tag` phrasing content (its text belongs to the block around it)?
pub fn is_inline(tag: &str) -> bool {
    signals::INLINE_TAGS.contains(&tag)
}

/// Measures every node. `weight` is the dedupe weight per node; `weighed` is [`weigh`] of
/// the text nodes dedupe already read (`dedupe::Analysis::text_weights`, empty when dedupe is
/// off); `hint` marks the blocks the JSON-LD body vouches for (empty when there is none).
pub fn measure(doc: &Doc, weight: &[f32], weighed: &[Weight], hint: &[bool]) -> Stats {
    measure_as(doc, weight, weighed, hint, Reading::Article)
}

/// [`measure`] for a kind of page ([`Reading`]).
pub fn measure_as(
    doc: &Doc,
    weight: &[f32],
    weighed: &[Weight],
    hint: &[bool],
    reading: Reading,
) -> Stats {
    let n = doc.len();
    let mut excluded = vec![false; n];
    let mut in_link = vec![false; n];
    let mut owner: Vec<NodeId> = vec![0; n];
    let mut words = vec![Words::default(); n];
    let mut words_memo = signals::WordsMemo::new(signals::WordRules {
        discussion_is_content: reading == Reading::Discussion,
        reviews_are_clutter: reading == Reading::Product,
        posts: matches!(reading, Reading::Discussion | Reading::Questions),
    });
    let mut chars = vec![0u32; n];
    let mut link_chars = vec![0u32; n];
    let mut own_chars = vec![0u32; n];
    let mut own_link = vec![0u32; n];
    let mut own_commas = vec![0u32; n];
    let mut own_loose = vec![0u32; n];
    let visibility = signals::Visibility::of(doc);
    let mut hidden = vec![false; n];
    // Forward: what a node inherits (exclusion, being in a link, its block) and its own text.
    for i in 0..n as NodeId {
        let iu = i as usize;
        let parent = doc.parent(i);
        let (p_ex, p_link, p_owner) = parent.map_or((false, false, 0), |p| {
            (excluded[p as usize], in_link[p as usize], owner[p as usize])
        });
        match &doc.node(i).data {
            NodeData::Element(e) => {
                let tag = &*e.tag;
                hidden[iu] = visibility.is_hidden(doc, i);
                excluded[iu] = p_ex || signals::JUNK_TAGS.contains(&tag) || hidden[iu];
                in_link[iu] = p_link || tag == "a";
                owner[iu] = if signals::INLINE_TAGS.contains(&tag) {
                    p_owner
                } else {
                    i
                };
                if !excluded[iu] {
                    words[iu] = signals::words_with(doc, i, &mut words_memo);
                    // A cookie-consent manager is never content (see `signals::CONSENT_WORDS`);
                    // on the page's root elements the words are the page's state
                    // (`cookie-consent-enabled`), set by the manager's script.
                    excluded[iu] = words[iu].consent && !matches!(tag, "html" | "body");
                }
            }
            NodeData::Text(t) => {
                excluded[iu] = p_ex;
                owner[iu] = p_owner;
                if !p_ex {
                    let w = match weighed.get(iu) {
                        Some(&w) if w.chars != u32::MAX => w,
                        _ => weigh(t),
                    };
                    debug_assert_eq!(w, weigh(t), "text counted by dedupe");
                    let c = w.chars;
                    chars[iu] = c;
                    let o = p_owner as usize;
                    own_chars[o] += c;
                    own_commas[o] += w.commas;
                    own_loose[o] += w.loose;
                    if p_link {
                        link_chars[iu] = c;
                        own_link[o] += c;
                    }
                }
            }
        }
    }
    // Backward: sum each subtree into its parent; children come after parents, so walking the
    // ids downward finishes every child before its parent.
    let mut raw = vec![0f32; n];
    let mut hinted = vec![0f32; if hint.is_empty() { 0 } else { n }];
    let mut own_score = vec![0f32; n];
    // Prose blocks per subtree (blocks whose own text reads as prose).
    let mut blocks = vec![0u32; n];
    for i in (0..n as NodeId).rev() {
        let iu = i as usize;
        if excluded[iu] {
            continue;
        }
        let own = block_score(own_chars[iu], own_link[iu], own_commas[iu], own_loose[iu]);
        own_score[iu] = own;
        blocks[iu] += u32::from(own > 0.0);
        if hint.get(iu).copied().unwrap_or(false) {
            hinted[iu] += own;
        }
        let w = weight.get(iu).copied().unwrap_or(1.0);
        raw[iu] = (raw[iu] + own) * w;
        if let Some(p) = doc.parent(i) {
            let pu = p as usize;
            chars[pu] += chars[iu];
            link_chars[pu] += link_chars[iu];
            raw[pu] += raw[iu];
            blocks[pu] += blocks[iu];
            if let Some(h) = hinted.get(iu).copied() {
                hinted[pu] += h;
            }
        }
    }
    believe_layout_names(doc, &raw, &chars, &link_chars, &blocks, &mut words);
    // Prose and mass: the same sums with boilerplate discounted (once the layout names are
    // settled).
    let mut prose = vec![0f32; n];
    let mut mass = vec![0f32; n];
    for i in (0..n as NodeId).rev() {
        let iu = i as usize;
        if excluded[iu] {
            continue;
        }
        let w = weight.get(iu).copied().unwrap_or(1.0);
        prose[iu] = (prose[iu] + own_score[iu]) * w;
        let own_mass = own_chars[iu] as f32 - own_link[iu] as f32 * (1.0 - LISTING_LINK_WEIGHT);
        mass[iu] = (mass[iu] + own_mass) * w;
        if let Some(p) = doc.parent(i) {
            let discount = if words[iu].is_boilerplate() {
                BOILERPLATE_DISCOUNT
            } else {
                1.0
            };
            prose[p as usize] += prose[iu] * discount;
            mass[p as usize] += mass[iu] * discount;
        }
    }
    Stats {
        excluded,
        hidden,
        words,
        chars,
        link_chars,
        raw,
        prose,
        own: own_score,
        mass,
        hinted,
        reading,
    }
}

/// Takes back the clutter names of blocks that hold most of the page (see [`LAYOUT_SHARE`]):
/// a clutter-named block, or the same-class clutter-named siblings together (an article body
/// cut into segments), holding that share of the page's prose, or for an inline wrapper (whose
/// text counts toward the block around it) of its unlinked characters, in several prose blocks
/// (see [`LAYOUT_MIN_BLOCKS`]). Furniture names and page-chrome tags are kept (see
/// [`Words::furniture`]). One pass over the nodes; the groups are few.
fn believe_layout_names(
    doc: &Doc,
    raw: &[f32],
    chars: &[u32],
    link_chars: &[u32],
    blocks: &[u32],
    words: &mut [Words],
) {
    let body = doc.find_tag("body").unwrap_or(0) as usize;
    let (page_raw, page_plain) = (raw[body], chars[body].saturating_sub(link_chars[body]));
    if page_raw <= 0.0 && page_plain == 0 {
        return;
    }
    let plain = |i: usize| chars[i].saturating_sub(link_chars[i]) as f32;
    // (parent, tag, class) -> (prose, unlinked chars, prose blocks, members)
    type Group = (f32, f32, u32, Vec<NodeId>);
    let mut groups: rustc_hash::FxHashMap<(NodeId, &str, &str), Group> = Default::default();
    for i in 0..doc.len() as NodeId {
        let iu = i as usize;
        let w = words[iu];
        if !w.is_boilerplate() || w.furniture || raw[iu] + plain(iu) <= 0.0 {
            continue;
        }
        let Some(e) = doc.element(i) else { continue };
        let key = (
            doc.parent(i).unwrap_or(i),
            &*e.tag,
            e.attr("class").unwrap_or(""),
        );
        let g = groups.entry(key).or_default();
        g.0 += raw[iu];
        // Only an inline wrapper is judged by its characters: its prose is its owner's.
        if signals::INLINE_TAGS.contains(&&*e.tag) {
            g.1 += plain(iu);
        }
        g.2 += blocks[iu];
        g.3.push(i);
    }
    for (_, (prose, plain_chars, prose_blocks, members)) in groups {
        if prose_blocks < LAYOUT_MIN_BLOCKS {
            continue;
        }
        if (prose >= LAYOUT_MIN_PROSE && prose >= LAYOUT_SHARE * page_raw)
            || (plain_chars >= LAYOUT_MIN_PROSE && plain_chars >= LAYOUT_SHARE * page_plain as f32)
        {
            for m in members {
                words[m as usize] = words[m as usize].without_clutter();
            }
        }
    }
}

/// Prose value of one block's own text: its unlinked characters plus a bonus per comma, or
/// nothing when it is too short, mostly links or mostly outside words (`loose`, see
/// [`MAX_LOOSE_SHARE`]).
pub fn block_score(chars: u32, link: u32, commas: u32, loose: u32) -> f32 {
    if chars < MIN_PROSE_CHARS
        || link as f32 > chars as f32 * MAX_BLOCK_LINK_DENSITY
        || loose as f32 > chars as f32 * MAX_LOOSE_SHARE
    {
        return 0.0;
    }
    (chars - link) as f32 + commas as f32 * COMMA_BONUS
}

/// The smallest element holding nearly all the prose the JSON-LD body vouches for.
fn hint_container(doc: &Doc, s: &Stats, body: NodeId) -> Option<NodeId> {
    let total = *s.hinted.get(body as usize)?;
    if total <= 0.0 {
        return None;
    }
    let mut cur = body;
    loop {
        let best = doc
            .children(cur)
            .max_by(|&a, &b| s.hinted[a as usize].total_cmp(&s.hinted[b as usize]))?;
        if s.hinted[best as usize] >= HINT_DESCEND_SHARE * total && doc.element(best).is_some() {
            cur = best;
        } else {
            return Some(cur);
        }
    }
}

/// A repeated story counts only with at least this much prose (a teaser card with the same
/// markup as the story is no story of its own).
pub const MIN_REPEATED_STORY: f32 = 500.0;

/// The first element under `within` with the same tag and class as `body` that holds a story
/// of its own (prose, no boilerplate name) and is neither inside nor around it; else `body`.
fn first_of_kind(doc: &Doc, s: &Stats, within: NodeId, body: NodeId) -> NodeId {
    let Some(e) = doc.element(body) else {
        return body;
    };
    let class = e.attr("class");
    let mut i = within + 1;
    while i < body {
        if doc.contains(i, body) {
            i += 1;
            continue;
        }
        let iu = i as usize;
        if doc
            .element(i)
            .is_some_and(|o| o.tag == e.tag && o.attr("class") == class)
            && !s.excluded[iu]
            && !s.words[iu].is_boilerplate()
            && s.prose[iu] >= MIN_REPEATED_STORY
        {
            return i;
        }
        i += 1;
    }
    body
}

/// Siblings of one kind, each holding prose, that make a run of posts: two blocks alike may be
/// a layout's columns or sections (`mb-4 mt-4`), three or more are records.
pub const MIN_POSTS: usize = 3;

/// Is `id` one of at least [`MIN_POSTS`] siblings of the same tag and class that each hold
/// prose (a post among posts)?
fn is_one_of_several(doc: &Doc, s: &Stats, id: NodeId) -> bool {
    let Some(parent) = doc.parent(id) else {
        return false;
    };
    let class = doc.attr(id, "class");
    doc.children(parent)
        .filter(|&c| {
            doc.tag(c) == doc.tag(id) && doc.attr(c, "class") == class && s.prose[c as usize] > 0.0
        })
        .nth(MIN_POSTS - 1)
        .is_some()
}

/// Why the container was chosen, for the debug overlay.
pub struct Choice {
    pub main: NodeId,
    /// The nodes the descent passed through, with their prose.
    pub path: Vec<(NodeId, f32)>,
    pub reason: &'static str,
}

/// Picks the article's container: descend from `<body>` while one child keeps most of the
/// prose, then prefer a semantically marked body that holds most of what was found.
pub fn choose(doc: &Doc, s: &Stats) -> Option<Choice> {
    choose_as(doc, s, s.reading)
}

/// [`choose`] as if the page were read as `reading` (the page-type step compares readings).
pub fn choose_as(doc: &Doc, s: &Stats, reading: Reading) -> Option<Choice> {
    let body = doc.find_tag("body").unwrap_or(0);
    let v = s.weighed(reading);
    if v[body as usize] <= 0.0 {
        // No block reads as prose: the page's visible text is the best there is (a reader
        // view of a tiny page beats an empty one; `is_article` says it is none).
        return (s.chars[body as usize] > 0).then_some(Choice {
            main: body,
            path: Vec::new(),
            reason: "no prose anywhere: the whole visible page",
        });
    }
    let mut path = vec![(body, v[body as usize])];
    let mut cur = body;
    loop {
        let total = v[cur as usize];
        // A child's share is what it contributes to this node, boilerplate discounted.
        let best = doc
            .children(cur)
            .filter(|&c| doc.element(c).is_some())
            .max_by(|&a, &b| s.discounted(v, a).total_cmp(&s.discounted(v, b)));
        let Some(best) = best else { break };
        let share = s.discounted(v, best) / total;
        // A semantic body keeps its header and lead unless one child holds almost everything.
        let needed = if signals::semantic_rank(doc, cur) >= 2 {
            SEMANTIC_STAY_SHARE
        } else {
            DESCEND_SHARE
        };
        // A paragraph is part of an article, never its container: stop above a block whose
        // prose is mostly its own text.
        let is_paragraph = s.own[best as usize] * 2.0 >= s.prose[best as usize];
        // Paragraphs beside the child are the article's own (an intro before a recipe card or
        // a body wrapper, a closing note after it): the container holds them too.
        let leaves_paragraphs = doc.children(cur).any(|c| {
            let cu = c as usize;
            c != best
                && doc.element(c).is_some()
                && !s.words[cu].is_boilerplate()
                && s.own[cu] >= INTRO_MIN_PROSE
                && s.own[cu] * 2.0 >= s.prose[cu]
        });
        // On a discussion the posts are the content: one post of several alike (same tag and
        // class, each with prose), however long, is not the page's whole content.
        let one_post_of_several = matches!(reading, Reading::Discussion | Reading::Questions)
            && is_one_of_several(doc, s, best);
        if share >= needed && !is_paragraph && !leaves_paragraphs && !one_post_of_several {
            cur = best;
            path.push((cur, v[cur as usize]));
        } else {
            break;
        }
    }
    let mut reason = "smallest element holding most of the page's prose";
    // On a discussion the posts are the content: a post's own body (marked `text` in its
    // structured data, or an `article`) is one of many, never the page's whole content.
    match reading {
        Reading::Article | Reading::Product => {}
        Reading::Discussion | Reading::Questions => {
            return Some(Choice {
                main: cur,
                path,
                reason: "smallest element holding most of the discussion's posts",
            })
        }
        Reading::Listing => {
            return Some(Choice {
                main: cur,
                path,
                reason: "smallest element holding most of the page's listed items",
            })
        }
    }
    // The structured data's body, located in the page, wins over the plain descent unless it
    // only covers a fragment of what the descent found.
    if let Some(h) = hint_container(doc, s, body) {
        if doc.contains(h, cur) || s.raw[h as usize] >= HINT_MIN_SHARE * s.raw[cur as usize] {
            path.push((h, s.prose[h as usize]));
            return Some(Choice {
                main: h,
                path,
                reason: "holds the text of the page's JSON-LD articleBody",
            });
        }
    }
    // A marked article body inside the choice that holds most of its prose is the article
    // without the unmarked comments or teasers around it.
    let mut best_sem: Option<(u8, NodeId)> = None;
    for d in doc.descendants(cur) {
        let r = signals::semantic_rank(doc, d);
        if r >= 2
            && !s.excluded[d as usize]
            && !s.words[d as usize].is_boilerplate()
            && s.prose[d as usize] >= SEMANTIC_TAKE_SHARE * s.prose[cur as usize]
            && best_sem.is_none_or(|(br, _)| r > br)
        {
            best_sem = Some((r, d));
        }
    }
    if let Some((_, d)) = best_sem {
        // On a page that scrolls on into the next stories, the marked bodies repeat with one
        // markup; the page's own story is the first of them, not the longest.
        let d = first_of_kind(doc, s, cur, d);
        cur = d;
        path.push((cur, s.prose[cur as usize]));
        reason = "semantic article body holding most of the prose";
    }
    Some(Choice {
        main: cur,
        path,
        reason,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Loose characters per text: the share that decides whether a block can be prose.
    fn loose_share(s: &str) -> f32 {
        let w = weigh(s);
        w.loose as f32 / w.chars as f32
    }

    #[test]
    fn codes_and_numbers_are_loose_words_are_not() {
        // Codes: row ids, hex digests, bare numbers.
        for s in [
            "r12345c0 r12345c1 r12345c2 r12345c3",
            "build 5feceb66ffc86f38 d952786c6d696c79 c2dbc239",
            "41,200.50; 38,950.00; 12,010.75; 44,800.25",
        ] {
            assert!(loose_share(s) > MAX_LOOSE_SHARE, "{s:?}: {:?}", weigh(s));
        }
        // Prose in several scripts, number-dense lines among it.
        for s in [
            "The gauge was bolted back into place on Monday, after two years in a workshop.",
            "Kettleby 1-0 Marsh End (Okafor 12'), 3,412 spectators",
            "Orchard Lane Rovers 38 10 11 17 -19 41",
            "\u{8d39}\u{5c14}\u{5fb7}\u{9a6c}\u{514b}\u{6cb3}\u{52a1}\u{5c40}2024\u{5e74}3\u{6708}15\u{65e5}\u{5ba3}\u{5e03}",
            "\u{0e27}\u{0e31}\u{0e19}\u{0e17}\u{0e35}\u{0e48} 15 \u{0e21}\u{0e35}\u{0e19}\u{0e32}\u{0e04}\u{0e21} 2567",
            "\u{0642}\u{0627}\u{0644} \u{0627}\u{0644}\u{0645}\u{062f}\u{064a}\u{0631} \u{0663}\u{0664} \u{0645}\u{0631}\u{0629}",
            "Vi\u{1ec7}t Nam c\u{00f3} 54 d\u{00e2}n t\u{1ed9}c",
        ] {
            assert!(loose_share(s) <= MAX_LOOSE_SHARE, "{s:?}: {:?}", weigh(s));
        }
        // Whole codes are loose, words around them are not.
        assert_eq!(weigh("ab12cd ef").loose, 6);
        assert_eq!(weigh("a b").loose, 2);
    }
}
