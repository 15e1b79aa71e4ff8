//! The kinds of block that are not article text, one classifier each: boilerplate and link
//! lists, teaser cards of other stories, credits and captions, calls to action and box labels,
//! boxes about the author and disclaimers, empty lists, markup printed as text. Each limit is
//! a named constant with its reason; [`super::prune`] walks the article and asks them.

use super::super::score::Stats;
use super::super::signals;
use super::is_heading;
use crate::dom::{Doc, NodeId};
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
/// A teaser is a headline and a line or two: cards holding more prose than this each, on
/// average, are sections of the article under linked headings (a buying guide's picks, a
/// ranked list's entries, each heading linking to the product or place it reviews).
pub const TEASER_MAX_PROSE: f32 = 500.0;

/// Teaser cards inside the article: repeated sibling blocks of one kind (same tag and class)
/// that each hold a heading which is entirely a link. In an article's own text headings are
/// not links; a heading that is one is another story's headline, the card around it its
/// teaser. Returns a mask over `main`'s subtree (index `id - main`). Linear: a backward pass
/// marks blocks holding a linked heading, a map counts them per parent and kind.
pub(super) fn teaser_cards(doc: &Doc, s: &Stats, main: NodeId) -> Vec<bool> {
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
    let is_teasers = |g: &(u32, f32)| g.0 >= MIN_CARDS && g.1 <= TEASER_MAX_PROSE * g.0 as f32;
    let mut out = vec![false; n];
    if total >= s.raw[base].max(1.0) * CARD_GROUP_MAX_SHARE {
        return out;
    }
    for i in main + 1..end {
        if linked[i as usize - base] {
            if let Some(g) = key(i).and_then(|k| groups.get(&k)) {
                out[i as usize - base] = is_teasers(g);
            }
        }
    }
    out
}

/// Does a heading link within the page (`#anchor`), alone or inside a link? Section headings
/// of long documents link to themselves or to the table of contents; those are no teasers.
pub(super) fn links_within_page(doc: &Doc, heading: NodeId) -> bool {
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
pub(super) const MAX_LINK_DEPTH: usize = 4;

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
pub(super) fn is_credit_line(doc: &Doc, s: &Stats, id: NodeId) -> bool {
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
pub(super) const CAPTION_WORDS: &[&str] = &["caption", "imagedescription"];
/// Media a caption's element may wrap (a `div.caption` around the picture): such a wrapper is
/// the figure, which stays; only the caption text inside it can go.
pub(super) const MEDIA_TAGS: &[&str] = &["img", "picture", "video", "audio", "iframe", "svg"];

/// A picture caption: `figcaption`, or an element named a caption by its class/id words, that
/// holds no picture itself.
pub(super) fn is_caption(doc: &Doc, id: NodeId) -> bool {
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
pub(super) fn carries_credit(text: &str) -> bool {
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
pub(super) fn is_box_label(text: &str) -> bool {
    let t = text.trim_start().to_lowercase();
    BOX_LABELS.iter().any(|l| {
        t.strip_prefix(l)
            .is_some_and(|rest| !rest.chars().next().is_some_and(char::is_alphanumeric))
    })
}

/// Is this block a short call to action ([`CALL_TO_ACTION_PHRASES`])?
pub(super) fn is_call_to_action(doc: &Doc, s: &Stats, id: NodeId) -> bool {
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
pub(super) fn contains_words(text: &str, phrase: &str) -> bool {
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

/// A box about the story's writer or reviewer, or the publisher's disclaimer, is short: at
/// most this many (weighted) characters, its label and section included.
pub const ABOUT_BOX_MAX_CHARS: u32 = 1200;
/// Labels that open a box about the people behind the story ("About the author", "About the
/// reviewer") or the publisher's disclaimer, in the languages of the news: outside the
/// schema.org author markup they describe the writer or the site, not the story.
pub const ABOUT_BOX_LABELS: &[&str] = &[
    "about the author",
    "about the authors",
    "about the writer",
    "about the reviewer",
    "about the reviewers",
    "about the expert",
    "about the contributor",
    "meet the author",
    "über den autor",
    "über die autorin",
    "über die autoren",
    "zum autor",
    "zur autorin",
    "à propos de l'auteur",
    "à propos de l’auteur",
    "à propos de l'autrice",
    "à propos de l’autrice",
    "sobre el autor",
    "sobre la autora",
    "sobre o autor",
    "o autorze",
    "over de auteur",
    "disclaimer",
    "medical disclaimer",
    "affiliate disclosure",
    "editorial disclosure",
    "haftungsausschluss",
    "avertissement",
    "aviso legal",
    "descargo de responsabilidad",
];

/// The first text of a block (its first text node holding more than white space), trimmed and
/// lower-cased: where a box's label stands.
pub(super) fn first_text(doc: &Doc, id: NodeId) -> Option<String> {
    doc.descendants(id)
        .filter_map(|d| doc.text(d))
        .find(|t| !t.trim().is_empty())
        .map(|t| t.trim().to_lowercase())
}

/// Does a block open with one of the [`ABOUT_BOX_LABELS`] (as whole words)?
pub(super) fn opens_with_about_label(doc: &Doc, id: NodeId) -> bool {
    first_text(doc, id).is_some_and(|t| {
        ABOUT_BOX_LABELS.iter().any(|l| {
            t.strip_prefix(l)
                .is_some_and(|rest| !rest.chars().next().is_some_and(char::is_alphanumeric))
        })
    })
}

/// Lists and their items: with no text and no picture in them, they show as bullets with
/// nothing beside them (a pros and cons list whose entries are icons the reader cannot see).
pub(super) const LIST_TAGS: &[&str] = &["ul", "ol", "li", "dl", "dt", "dd"];
/// What a list item may hold instead of text.
pub(super) const LIST_MEDIA: &[&str] = &[
    "img", "picture", "video", "audio", "iframe", "math", "table",
];

/// Is this a list or list item with nothing to read or see in it?
pub(super) fn is_empty_list(doc: &Doc, s: &Stats, id: NodeId, tag: &str) -> bool {
    LIST_TAGS.contains(&tag)
        && s.chars[id as usize] == 0
        && !doc
            .descendants(id)
            .any(|d| LIST_MEDIA.contains(&doc.tag(d)) && !s.excluded[d as usize])
}

/// Markup printed as text is short: at most this many (weighted) characters.
pub const PRINTED_MARKUP_MAX_CHARS: u32 = 1000;

/// Is this text nothing but HTML tags, at least one with attributes (`<img src="..."
/// width="1">`, an embed code `<iframe src=...></iframe>`)? That is markup a page printed by
/// mistake or offers to copy (a tracking pixel escaped by the CMS, an "Embed" box), not
/// words for a reader. Outside `pre` only: a code sample is content.
pub(super) fn is_printed_markup(text: &str) -> bool {
    let mut rest = text.trim();
    let mut with_attrs = false;
    if rest.is_empty() {
        return false;
    }
    while !rest.is_empty() {
        let Some(tag) = rest.strip_prefix('<') else {
            return false;
        };
        let name = tag.strip_prefix('/').unwrap_or(tag);
        if !name.starts_with(|c: char| c.is_ascii_alphabetic()) {
            return false;
        }
        let Some(close) = tag.find('>') else {
            return false;
        };
        let inside = &tag[..close];
        if inside.contains('<') {
            return false;
        }
        with_attrs |= inside.contains('=');
        rest = tag[close + 1..].trim_start();
    }
    with_attrs
}

/// Is this element markup printed as text (see [`is_printed_markup`]), outside `pre`?
pub(super) fn prints_markup(doc: &Doc, s: &Stats, id: NodeId) -> bool {
    let iu = id as usize;
    s.chars[iu] > 0
        && s.chars[iu] <= PRINTED_MARKUP_MAX_CHARS
        && first_text(doc, id).is_some_and(|t| t.starts_with('<'))
        && is_printed_markup(&doc.subtree_text(id))
        && !std::iter::once(id)
            .chain(doc.ancestors(id))
            .any(|a| doc.tag(a) == "pre")
}

/// The schema.org property that marks a block as the article's author.
pub(super) const AUTHOR_PROP: &str = "author";

/// A block marked as the schema.org author (`itemprop=author`): an author box with photo, name
/// and bio describes the writer, not the story (the byline field carries the name).
pub(super) fn is_author_box(doc: &Doc, id: NodeId) -> bool {
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
pub(super) fn is_list_item_body(doc: &Doc, s: &Stats, id: NodeId) -> bool {
    !signals::INLINE_TAGS.contains(&doc.tag(id))
        && doc.parent(id).is_some_and(|p| {
            doc.tag(p) == "li"
                && s.chars[id as usize] > 0
                && s.chars[p as usize] == s.chars[id as usize]
        })
}

/// Does a link-heavy block hold, below it, a post's own words: unlinked text set directly in
/// a block (not in a label's `span`) of mostly unlinked text, inside a block named as content
/// (`message-body`, `post-content`)? A short post's body sits under its linked date and
/// reaction names; then the block's parts are judged one by one. (The member's details beside
/// a post, unnamed or named as furniture, are not looked into.)
pub(super) fn holds_post_text(doc: &Doc, s: &Stats, id: NodeId) -> bool {
    (id + 1..doc.node(id).end).any(|t| {
        if doc.text(t).is_none_or(|x| x.trim().is_empty()) {
            return false;
        }
        let Some(p) = doc.parent(t) else {
            return false;
        };
        let pu = p as usize;
        if signals::INLINE_TAGS.contains(&doc.tag(p))
            || LIST_PARTS.contains(&doc.tag(p))
            || s.link_chars[pu] as f32 > s.chars[pu] as f32 * LINK_LIST_DENSITY
        {
            return false;
        }
        std::iter::once(p)
            .chain(doc.ancestors(p))
            .take_while(|&a| a != id)
            .any(|a| s.words[a as usize].positive && !s.words[a as usize].negative)
    })
}

/// A share bar's own text is a label at most ("Share this article:"): at most this many
/// (weighted) characters; its buttons are icons or short names.
pub const SHARE_BAR_MAX_CHARS: u32 = 80;
/// Links to the share endpoints of social networks that make a share bar: one may be a
/// link in the text, two or more are the bar.
pub const MIN_SHARE_LINKS: usize = 2;
/// Addresses of the share (post this page) endpoints of social networks and messengers, in
/// any language: a link to one shares the page, it is never a source of the story.
pub const SHARE_ENDPOINTS: &[&str] = &[
    "facebook.com/sharer",
    "facebook.com/share.php",
    "twitter.com/intent/",
    "twitter.com/share",
    "x.com/intent/",
    "linkedin.com/sharearticle",
    "linkedin.com/share",
    "pinterest.com/pin/create",
    "reddit.com/submit",
    "api.whatsapp.com/send",
    "wa.me/?",
    "t.me/share",
    "telegram.me/share",
    "xing.com/spi/shares",
    "xing.com/social/share",
    "tumblr.com/share",
    "vk.com/share.php",
    "addtoany.com/add_to",
    "addtoany.com/share",
    "plus.google.com/share",
    "whatsapp://send",
    // A mail link with no address, only a subject: the page sent by e-mail.
    "mailto:?",
];

/// Is this short block a share bar: a label over two or more links to the share endpoints of
/// social networks ([`SHARE_ENDPOINTS`])? Icon buttons carry no text, so the link-list rule
/// does not see them, and the label ("Share this article?") stays behind as text.
pub(super) fn is_share_bar(doc: &Doc, s: &Stats, id: NodeId) -> bool {
    if s.chars[id as usize] > SHARE_BAR_MAX_CHARS {
        return false;
    }
    doc.descendants(id)
        .filter(|&d| doc.tag(d) == "a")
        .filter(|&d| {
            doc.attr(d, "href").is_some_and(|h| {
                let h = h.to_ascii_lowercase();
                SHARE_ENDPOINTS.iter().any(|e| h.contains(e))
            })
        })
        .take(MIN_SHARE_LINKS)
        .count()
        >= MIN_SHARE_LINKS
}
