//! What to leave out of the article (the skip mask) and what to hide in place on the page.
//! Both are single forward walks that jump over a subtree once it is decided (`i = end`).

use super::score::Stats;
use super::{signals, widgets};
use crate::dom::{collapse_whitespace, Doc, NodeId};
use crate::output;
use std::collections::HashMap;

/// A boilerplate-named block inside the article is kept when it holds more than this share of
/// the article's prose: then the name is a site's quirk, not a comment box.
pub const BOILERPLATE_KEEP_SHARE: f32 = 0.5;
/// A block inside the article that is more than this share links is a link list (related
/// stories, tags), unless it holds real prose.
pub const LINK_LIST_DENSITY: f32 = 0.5;
/// Items of lists and tables are judged with their list or table, not one by one: a kept table
/// of linked names is data, and its rows are not link lists of their own.
pub const LIST_PARTS: &[&str] = &[
    "li", "dt", "dd", "tr", "td", "th", "tbody", "thead", "tfoot", "caption",
];
/// Unlinked characters that make a link-heavy block prose after all.
pub const LINK_LIST_MAX_PLAIN: u32 = 200;
/// A form inside the article is a widget (search, sign-up) unless it holds this share of prose.
pub const FORM_KEEP_SHARE: f32 = 0.5;

/// A group of teaser cards is left out only while it holds less than this share of the
/// article's prose: a page that is nothing but linked sections is a list, not a story with
/// teasers under it.
pub const CARD_GROUP_MAX_SHARE: f32 = 0.5;
/// Sibling cards of one kind (same tag and class) that make a teaser group: one linked
/// heading is a link in the text, a repeated one is a list of other stories.
pub const MIN_CARDS: u32 = 2;

/// Teaser cards inside the article: repeated sibling blocks of one kind (same tag and class)
/// that each hold a heading which is entirely a link. In an article's own text headings are
/// not links; a heading that is one is another story's headline, the card around it its
/// teaser. Returns a mask over `main`'s subtree (index `id - main`). Linear: a backward pass
/// marks blocks holding a linked heading, a map counts them per parent and kind.
fn teaser_cards(doc: &Doc, s: &Stats, main: NodeId) -> Vec<bool> {
    let end = doc.node(main).end;
    let base = main as usize;
    let n = end as usize - base;
    let mut linked = vec![false; n];
    for i in (main..end).rev() {
        let iu = i as usize;
        if s.excluded[iu] {
            continue;
        }
        if is_heading(doc.tag(i))
            && s.chars[iu] > 0
            && s.link_chars[iu] == s.chars[iu]
            && !links_within_page(doc, i)
        {
            linked[iu - base] = true;
        }
        if linked[iu - base] {
            if let Some(p) = doc.parent(i).filter(|&p| p > main) {
                linked[p as usize - base] = true;
            }
        }
    }
    // (parent, tag, class) -> (cards, their prose)
    let mut groups: HashMap<(NodeId, &str, &str), (u32, f32)> = HashMap::new();
    let key = |i: NodeId| {
        let e = doc.element(i)?;
        Some((doc.parent(i)?, &*e.tag, e.attr("class").unwrap_or("")))
    };
    for i in main + 1..end {
        if linked[i as usize - base] && !is_heading(doc.tag(i)) && doc.tag(i) != "a" {
            if let Some(k) = key(i) {
                let g = groups.entry(k).or_default();
                g.0 += 1;
                g.1 += s.raw[i as usize];
            }
        }
    }
    // All groups together stay a minority of the article, else the page is a list of stories
    // (a section front) and the cards are its content.
    let total: f32 = groups
        .values()
        .filter(|g| g.0 >= MIN_CARDS)
        .map(|g| g.1)
        .sum();
    let mut out = vec![false; n];
    if total >= s.raw[base].max(1.0) * CARD_GROUP_MAX_SHARE {
        return out;
    }
    for i in main + 1..end {
        if linked[i as usize - base] {
            if let Some(g) = key(i).and_then(|k| groups.get(&k)) {
                out[i as usize - base] = g.0 >= MIN_CARDS;
            }
        }
    }
    out
}

/// Does a heading link within the page (`#anchor`), alone or inside a link? Section headings
/// of long documents link to themselves or to the table of contents; those are no teasers.
fn links_within_page(doc: &Doc, heading: NodeId) -> bool {
    let in_page = |a: NodeId| {
        doc.tag(a) == "a"
            && doc
                .attr(a, "href")
                .is_some_and(|h| h.trim().starts_with('#'))
    };
    doc.descendants(heading).any(in_page)
        || doc.ancestors(heading).take(MAX_LINK_DEPTH).any(in_page)
}

/// How many levels above a heading a link around it is looked for.
const MAX_LINK_DEPTH: usize = 4;

/// A picture credit or source line is short: at most this many (weighted) characters.
pub const CREDIT_MAX_CHARS: u32 = 60;
/// Labels that open a picture credit or source line ("Foto: ...", "Crédits photos : ...",
/// "Image: ..."), in the languages of the news: the line names who made the picture, it is
/// not part of the story.
pub const CREDIT_LABELS: &[&str] = &[
    "foto",
    "fotos",
    "photo",
    "photos",
    "photograph",
    "bild",
    "bilder",
    "bildquelle",
    "quelle",
    "credit",
    "credits",
    "crédit",
    "crédits",
    "image",
    "images",
    "imagen",
    "imagem",
    "kuva",
    "picture",
    "fuente",
    "fonte",
    "source",
    "copyright",
];

/// Is this short block a credit line: `©` first, or a credit label (a word or two of
/// [`CREDIT_LABELS`]) followed by a colon, optionally in parentheses?
fn is_credit_line(doc: &Doc, s: &Stats, id: NodeId) -> bool {
    let iu = id as usize;
    if s.chars[iu] == 0 || s.chars[iu] > CREDIT_MAX_CHARS || s.link_chars[iu] == s.chars[iu] {
        return false;
    }
    let text = doc.subtree_text(id);
    let t = text
        .trim_start()
        .trim_start_matches(['(', '['])
        .trim_start();
    if t.starts_with('©') {
        return true;
    }
    let Some((label, _)) = t.split_once(':') else {
        return false;
    };
    let words: Vec<String> = label.split_whitespace().map(str::to_lowercase).collect();
    !words.is_empty()
        && words.len() <= 2
        && words.iter().all(|w| CREDIT_LABELS.contains(&w.as_str()))
}

/// Class/id words of a picture caption's element (`wp-caption-text`, `imageDescription`).
const CAPTION_WORDS: &[&str] = &["caption", "imagedescription"];
/// Media a caption's element may wrap (a `div.caption` around the picture): such a wrapper is
/// the figure, which stays; only the caption text inside it can go.
const MEDIA_TAGS: &[&str] = &["img", "picture", "video", "audio", "iframe", "svg"];

/// A picture caption: `figcaption`, or an element named a caption by its class/id words, that
/// holds no picture itself.
fn is_caption(doc: &Doc, id: NodeId) -> bool {
    if doc
        .descendants(id)
        .any(|d| MEDIA_TAGS.contains(&doc.tag(d)))
    {
        return false;
    }
    if doc.tag(id) == "figcaption" {
        return true;
    }
    let mut named = false;
    for attr in ["class", "id"] {
        if let Some(v) = doc.attr(id, attr) {
            signals::for_each_word(v, |w| named |= CAPTION_WORDS.contains(&w));
        }
    }
    named
}

/// Does a text hold a picture credit: `©`, or a credit label with its colon ("Foto: ...",
/// "(Quelle: ...)") anywhere in it?
fn carries_credit(text: &str) -> bool {
    if text.contains('©') {
        return true;
    }
    let lower = text.to_lowercase();
    let mut rest = lower.as_str();
    while let Some(p) = rest.find(':') {
        let before = rest[..p].trim_end();
        let word = before
            .rsplit(|c: char| !c.is_alphanumeric())
            .next()
            .unwrap_or("");
        if CREDIT_LABELS.contains(&word) {
            return true;
        }
        rest = &rest[p + 1..];
    }
    false
}

/// A call to action is short: at most this many (weighted) characters.
pub const CALL_TO_ACTION_MAX_CHARS: u32 = 300;
/// ... and stands in the article's second half, where paywall notices and subscription
/// pitches go (an article's opening is its own).
pub const CALL_TO_ACTION_FROM_SHARE: f32 = 0.5;
/// Phrases that address the reader to subscribe, follow, or sign up, in the languages of the
/// news: a short block saying one of them speaks for the publisher, not the story. Whole
/// words only; phrases that a story could say about someone else ("subscribers", "donate",
/// "download the") are left out.
pub const CALL_TO_ACTION_PHRASES: &[&str] = &[
    "subscribe now",
    "please subscribe",
    "subscribe to our",
    "sign up for",
    "download our",
    "our app",
    "our apps",
    "follow us",
    "abonnieren sie",
    "folgen sie uns",
    "registrieren sie sich",
    "lust auf mehr",
    "síguenos",
    "siguenos",
    "suscríbete",
    "suscribirse",
    "abonnez-vous",
    "suivez-nous",
    "inscrivez-vous",
    "subskrypcji",
];

/// A box label is short: at most this many (weighted) characters.
pub const BOX_LABEL_MAX_CHARS: u32 = 45;
/// Labels that open the publisher's boxes at the end of an article, in the languages of the
/// news: more stories ("Read more", "Mehr zum Thema"), contact details and source lists. The
/// label is the site's furniture even where the box under it is not recognised.
pub const BOX_LABELS: &[&str] = &[
    "see also",
    "more on this",
    "you may also like",
    "you might also like",
    "recommended for you",
    "mehr zum thema",
    "schon gelesen",
    "das könnte dich",
    "das könnte sie",
    "mehr themen",
    "weitere themen",
    "weitere aktuelle themen",
    "weitere artikel",
    "lesen sie auch",
    "lesen sie mehr",
    "auch interessant",
    "entdecke weitere",
    "lee también",
    "te puede interesar",
    "lire aussi",
    "à lire aussi",
    "voir aussi",
    "czytaj także",
    "czytaj też",
    "zobacz też",
    "contact",
    "kontakt",
    "more information",
    "weitere informationen",
    "más información",
    "sources",
    "quellen",
    "quellenangaben",
];

/// Does a short text open with one of the [`BOX_LABELS`] (as whole words)?
fn is_box_label(text: &str) -> bool {
    let t = text.trim_start().to_lowercase();
    BOX_LABELS.iter().any(|l| {
        t.strip_prefix(l)
            .is_some_and(|rest| !rest.chars().next().is_some_and(char::is_alphanumeric))
    })
}

/// Is this block a short call to action ([`CALL_TO_ACTION_PHRASES`])?
fn is_call_to_action(doc: &Doc, s: &Stats, id: NodeId) -> bool {
    let iu = id as usize;
    if s.chars[iu] == 0 || s.chars[iu] > CALL_TO_ACTION_MAX_CHARS {
        return false;
    }
    let text = doc.subtree_text(id).to_lowercase();
    CALL_TO_ACTION_PHRASES
        .iter()
        .any(|p| contains_words(&text, p))
}

/// Does `text` hold `phrase` as whole words (no letter or digit right before or after it)?
fn contains_words(text: &str, phrase: &str) -> bool {
    let mut from = 0;
    while let Some(p) = text[from..].find(phrase) {
        let start = from + p;
        let end = start + phrase.len();
        let before = text[..start].chars().next_back();
        let after = text[end..].chars().next();
        if !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric) {
            return true;
        }
        from = start + text[start..].chars().next().map_or(1, char::len_utf8);
    }
    false
}

/// One subtree left out of the article, with the reason.
pub struct Pruned {
    pub node: NodeId,
    pub reason: &'static str,
    /// The reason to hide it in place too, when it is visible clutter (not a script or a title).
    pub clutter: Option<&'static str>,
}

/// The schema.org property that marks a block as the article's author.
const AUTHOR_PROP: &str = "author";

/// A block marked as the schema.org author (`itemprop=author`): an author box with photo, name
/// and bio describes the writer, not the story (the byline field carries the name).
fn is_author_box(doc: &Doc, id: NodeId) -> bool {
    doc.attr(id, "itemprop").is_some_and(|p| {
        p.split_whitespace()
            .any(|t| t.eq_ignore_ascii_case(AUTHOR_PROP))
    })
}

/// Is `id` a block holding all the text of the list item it sits in? A furniture word on it
/// (`meta`, `date`: no clutter kind) names how the site styles the item (`<li><div
/// class="lfh_meta">Quiet operation</div></li>` in a list of pros and cons), not what it is:
/// pruning it would leave an empty bullet. (An inline body, `<li><span class="meta">Linux`,
/// is a list of tags, still furniture.)
fn is_list_item_body(doc: &Doc, s: &Stats, id: NodeId) -> bool {
    !signals::INLINE_TAGS.contains(&doc.tag(id))
        && doc.parent(id).is_some_and(|p| {
            doc.tag(p) == "li"
                && s.chars[id as usize] > 0
                && s.chars[p as usize] == s.chars[id as usize]
        })
}

/// Marks the subtrees inside `main` that are not article text. Returns the pruned roots.
pub fn prune(
    doc: &Doc,
    s: &Stats,
    main: NodeId,
    title: Option<&str>,
    skip: &mut [bool],
) -> Vec<Pruned> {
    let mut out = Vec::new();
    let main_raw = s.raw[main as usize].max(1.0);
    let title_norm = title.map(normalize_title).filter(|t| !t.is_empty());
    let mut title_done = title_norm.is_none();
    let cards = teaser_cards(doc, s, main);
    let widgets = widgets::Widgets::new(doc, main);
    let end = doc.node(main).end;
    // Characters of the article's text passed so far, for where a block stands in it.
    let mut seen = 0u32;
    let tail_from = s.chars[main as usize] as f32 * CALL_TO_ACTION_FROM_SHARE;
    let mut i = main + 1;
    while i < end {
        let iu = i as usize;
        if skip[iu] {
            i = doc.node(i).end;
            continue;
        }
        let Some(e) = doc.element(i) else {
            seen += s.chars[iu];
            i += 1;
            continue;
        };
        let tag = &*e.tag;
        let share = s.raw[iu] / main_raw;
        let w = s.words[iu];
        let verdict: Option<(&'static str, Option<&'static str>)> = if tag == "iframe" {
            // Video players from known hosts are part of the story; other frames are ads/widgets.
            (!output::is_video_embed(e.attr("src").unwrap_or(""))).then_some(("frame", None))
        } else if !signals::INLINE_TAGS.contains(&tag)
            && share < BOILERPLATE_KEEP_SHARE
            && is_author_box(doc, i)
        {
            // The writer's box (photo, name, bio) is about the author, not the story.
            Some(("author box", None))
        } else if s.excluded[iu] {
            Some(if signals::is_hidden(doc, i) {
                ("hidden element", None)
            } else {
                ("not content", None)
            })
        } else if w.is_boilerplate()
            && share < BOILERPLATE_KEEP_SHARE
            && !(w.clutter.is_none() && is_list_item_body(doc, s, i))
        {
            Some((BOILERPLATE_REASON, w.clutter))
        } else if !LIST_PARTS.contains(&tag) && is_credit_line(doc, s, i) {
            Some(("picture credit or source line", None))
        } else if is_caption(doc, i) && carries_credit(&doc.subtree_text(i)) {
            // A caption that names its photographer or agency is picture furniture (the
            // picture itself stays), not story text.
            Some(("caption with a picture credit", None))
        } else if seen as f32 >= tail_from
            && !signals::INLINE_TAGS.contains(&tag)
            && !LIST_PARTS.contains(&tag)
            && is_call_to_action(doc, s, i)
        {
            Some(("call to action (subscribe, follow, sign up)", None))
        } else if seen as f32 >= tail_from
            && s.chars[iu] > 0
            && s.chars[iu] <= BOX_LABEL_MAX_CHARS
            && is_box_label(&doc.subtree_text(i))
        {
            Some(("label of a related-links, contact or sources box", None))
        } else if cards[(i - main) as usize] {
            Some(("teaser card of another story", Some("related links")))
        } else if tag == "form" && share < FORM_KEEP_SHARE {
            Some(("form", None))
        } else if !signals::INLINE_TAGS.contains(&tag)
            && !LIST_PARTS.contains(&tag)
            && widgets.is_widget(doc, s, i)
        {
            Some((
                "widget with a button or input (sign-up, comment box, tools)",
                Some("promo"),
            ))
        } else if !signals::INLINE_TAGS.contains(&tag) && widgets::is_ad_label(doc, s, i) {
            Some(("ad label", Some("ad")))
        } else if !signals::INLINE_TAGS.contains(&tag)
            && !is_heading(tag)
            && !LIST_PARTS.contains(&tag)
            && s.chars[iu] > 0
            && s.link_chars[iu] as f32 > s.chars[iu] as f32 * LINK_LIST_DENSITY
            && s.chars[iu] - s.link_chars[iu] < LINK_LIST_MAX_PLAIN
            && share < BOILERPLATE_KEEP_SHARE
        {
            Some(("link list", None))
        } else if !title_done && matches!(tag, "h1" | "h2") {
            let h = normalize_title(&doc.subtree_text(i));
            let t = title_norm.as_deref().unwrap_or("");
            if !h.is_empty() && (t == h || (t.contains(&h) && h.len() * 2 >= t.len())) {
                title_done = true;
                Some(("title heading (carried in the title field)", None))
            } else {
                None
            }
        } else {
            None
        };
        match verdict {
            Some((reason, clutter)) => {
                skip[iu] = true;
                out.push(Pruned {
                    node: i,
                    reason,
                    clutter,
                });
                i = doc.node(i).end;
            }
            None => i += 1,
        }
    }
    out
}

/// When pruning by class/id words left less than this share of the container's prose, the
/// words were wrong for this page: a forum thread or a comment-only page names its content
/// "comment", and what is left is the frame around it.
pub const EMPTIED_SHARE: f32 = 0.1;
/// The reason [`prune`] gives for a block left out for its class/id words.
const BOILERPLATE_REASON: &str = "boilerplate class/id";

/// Takes back the blocks left out for their class/id words when they were nearly all of the
/// container's prose (see [`EMPTIED_SHARE`]). One walk over the container.
pub fn restore_if_emptied(
    doc: &Doc,
    s: &Stats,
    main: NodeId,
    pruned: &mut Vec<Pruned>,
    skip: &mut [bool],
) {
    let total = s.raw[main as usize];
    if total <= 0.0 || !pruned.iter().any(|p| p.reason == BOILERPLATE_REASON) {
        return;
    }
    let end = doc.node(main).end;
    let mut kept = 0.0;
    let mut i = main;
    while i < end {
        if i != main && skip[i as usize] {
            i = doc.node(i).end;
            continue;
        }
        kept += s.own[i as usize];
        i += 1;
    }
    if kept >= total * EMPTIED_SHARE {
        return;
    }
    pruned.retain(|p| {
        let words = p.reason == BOILERPLATE_REASON;
        if words {
            skip[p.node as usize] = false;
        }
        !words
    });
}

fn is_heading(tag: &str) -> bool {
    matches!(tag, "h1" | "h2" | "h3" | "h4" | "h5" | "h6")
}

/// Headings over nothing but what was left out: the label of a pruned box ("Related posts"
/// over a link list, "Comments" over a comment form). A heading's section is its following
/// siblings up to the next heading; each child is looked at once.
pub fn orphan_headings(doc: &Doc, s: &Stats, main: NodeId, skip: &mut [bool]) -> Vec<Pruned> {
    let mut found = Vec::new();
    let end = doc.node(main).end;
    // Characters still kept per subtree: a box whose items were all left out (a wrapper of
    // pruned cards) counts as left out, though the wrapper itself was not pruned. Children
    // come after parents, so one backward walk sums them.
    let base = main as usize;
    let mut kept = vec![0u32; end as usize - base];
    for i in (main..end).rev() {
        let iu = i as usize;
        if skip[iu] {
            continue;
        }
        if doc.text(i).is_some() {
            kept[iu - base] += s.chars[iu];
        }
        if let Some(p) = doc.parent(i).filter(|&p| p >= main) {
            kept[p as usize - base] += kept[iu - base];
        }
    }
    let mut i = main;
    while i < end {
        if skip[i as usize] {
            i = doc.node(i).end;
            continue;
        }
        if doc.element(i).is_some() {
            // (heading, section has kept text, section had something left out)
            let mut cur: Option<(NodeId, bool, bool)> = None;
            for c in doc.children(i) {
                let cu = c as usize;
                if is_heading(doc.tag(c)) && !skip[cu] {
                    if let Some((h, false, true)) = cur {
                        found.push(h);
                    }
                    cur = Some((c, false, false));
                } else if let Some((_, has_kept, dropped)) = cur.as_mut() {
                    let k = if skip[cu] { 0 } else { kept[cu - base] };
                    if k > 0 {
                        *has_kept = true;
                    } else if s.chars[cu] > 0 || skip[cu] {
                        *dropped = true;
                    }
                }
            }
            if let Some((h, false, true)) = cur {
                found.push(h);
            }
        }
        i += 1;
    }
    found
        .into_iter()
        // A heading longer than a label is a paragraph set as a heading (a standfirst in
        // `h2`), text of its own rather than the title of what was left out.
        .filter(|&h| s.chars[h as usize] <= LABEL_MAX_CHARS)
        .map(|h| {
            skip[h as usize] = true;
            Pruned {
                node: h,
                reason: "heading of a block that was left out",
                clutter: None,
            }
        })
        .collect()
}

/// A heading longer than this is no label: broken markup can leave a whole article inside
/// one unclosed heading.
pub const LABEL_MAX_CHARS: u32 = 120;

/// Elements that are article content without text of their own: a heading over them labels
/// something that is there.
const CONTENT_WITHOUT_TEXT: &[&str] = &["img", "picture", "video", "audio", "math", "table"];

/// Headings after the article's last kept text: a heading that closes the article labels
/// something that is not there (a related-stories box loaded by script, a pruned list). One
/// forward walk over what is kept.
pub fn trailing_headings(doc: &Doc, s: &Stats, main: NodeId, skip: &mut [bool]) -> Vec<Pruned> {
    let end = doc.node(main).end;
    let mut headings: Vec<NodeId> = Vec::new();
    // Text after the last heading seen, outside headings: the headings before it are kept.
    let mut heading_end = 0;
    let mut seen_text = false;
    let mut i = main + 1;
    while i < end {
        if skip[i as usize]
            || doc
                .element(i)
                .is_some_and(|e| output::is_dropped_tag(&e.tag))
        {
            i = doc.node(i).end;
            continue;
        }
        if is_heading(doc.tag(i)) && s.chars[i as usize] <= LABEL_MAX_CHARS {
            headings.push(i);
            heading_end = doc.node(i).end;
        } else if i >= heading_end
            && (doc.text(i).is_some_and(|t| !t.trim().is_empty())
                || CONTENT_WITHOUT_TEXT.contains(&doc.tag(i)))
        {
            headings.clear();
            seen_text = true;
        }
        i += 1;
    }
    // A page of headings alone (captions over pictures) keeps them.
    if !seen_text {
        return Vec::new();
    }
    headings
        .into_iter()
        .map(|h| {
            skip[h as usize] = true;
            Pruned {
                node: h,
                reason: "heading with no article text after it",
                clutter: None,
            }
        })
        .collect()
}

/// Lower-case words of a title, for comparing headings with it.
fn normalize_title(s: &str) -> String {
    collapse_whitespace(
        &s.chars()
            .map(|c| {
                if c.is_alphanumeric() {
                    c.to_lowercase().next().unwrap_or(c)
                } else {
                    ' '
                }
            })
            .collect::<String>(),
    )
}

/// Blocks to hide in place: clutter-named blocks, `aside`s and foreign frames outside the
/// article (never an ancestor of it), plus the clutter pruned inside it. Site header, menus and
/// footer stay: they are the page's own look and way around, not noise in the reading.
pub fn hidden(
    doc: &Doc,
    s: &Stats,
    main: Option<NodeId>,
    inside: &[Pruned],
) -> Vec<(NodeId, &'static str)> {
    let mut out = Vec::new();
    let start = doc.find_tag("body").unwrap_or(0);
    let end = doc.node(start).end;
    let mut i = start + 1;
    while i < end {
        let iu = i as usize;
        if Some(i) == main {
            out.extend(inside.iter().filter_map(|p| p.clutter.map(|c| (p.node, c))));
            i = doc.node(i).end;
            continue;
        }
        let Some(e) = doc.element(i) else {
            i += 1;
            continue;
        };
        if main.is_some_and(|m| doc.contains(i, m)) {
            i += 1;
            continue;
        }
        if signals::is_hidden(doc, i) || matches!(&*e.tag, "script" | "style" | "noscript") {
            // Already invisible: nothing to hide.
            i = doc.node(i).end;
            continue;
        }
        let w = s.words[iu];
        // A boilerplate block without a clutter word of its own (an `aside` is boilerplate by
        // tag) falls through to the tag rules below instead of staying visible.
        let reason = if w.is_boilerplate() && w.clutter.is_some() {
            w.clutter
        } else if &*e.tag == "aside" {
            Some("sidebar")
        } else if &*e.tag == "iframe" && !output::is_video_embed(e.attr("src").unwrap_or("")) {
            Some("embedded frame")
        } else {
            None
        };
        match reason {
            Some(r) => {
                out.push((i, r));
                i = doc.node(i).end;
            }
            None => i += 1,
        }
    }
    out.sort_unstable_by_key(|p| p.0);
    out
}
