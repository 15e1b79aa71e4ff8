//! What to leave out of the article (the skip mask) and what to hide in place on the page.
//! Both are single forward walks that jump over a subtree once it is decided (`i = end`).

use super::score::Stats;
use super::{signals, widgets};
use crate::dom::{collapse_whitespace, Doc, NodeId};
use crate::output;

mod kinds;
pub(super) use kinds::LIST_PARTS;
use kinds::*;

/// One subtree left out of the article, with the reason.
pub struct Pruned {
    pub node: NodeId,
    pub reason: &'static str,
    /// The reason to hide it in place too, when it is visible clutter (not a script or a title).
    pub clutter: Option<&'static str>,
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
    // On a listing the items are the content: their linked titles are no teasers or link lists.
    let listing = s.reading == super::score::Reading::Listing;
    // On a page of posts a post's body is content however short: a block around one (its
    // linked header, reactions and quote links outweighing a one-line reply) is looked into.
    let posts = matches!(
        s.reading,
        super::score::Reading::Discussion | super::score::Reading::Questions
    );
    let cards = if listing {
        vec![false; (doc.node(main).end - main) as usize]
    } else {
        teaser_cards(doc, s, main)
    };
    let widgets = widgets::Widgets::new(doc, main);
    let end = doc.node(main).end;
    // Characters of the article's text passed so far, for where a block stands in it.
    let mut seen = 0u32;
    let tail_from = s.chars[main as usize] as f32 * CALL_TO_ACTION_FROM_SHARE;
    // The section under an "About the author" heading: its parent, and the characters it may
    // still take.
    let mut about_section: Option<(NodeId, u32)> = None;
    let mut i = main + 1;
    while i < end {
        let iu = i as usize;
        if skip[iu] {
            // Left out already, it still stands before what follows: the tail is where a
            // block stands in the container, the same measure `tail_from` is taken in.
            seen += s.chars[iu];
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
        // A sibling after an "About the author" heading, up to the next heading, is its box.
        let in_about_section = match about_section {
            Some((parent, left)) if doc.parent(i) == Some(parent) => {
                if is_heading(tag) || s.chars[iu] > left {
                    about_section = None;
                    false
                } else {
                    about_section = Some((parent, left - s.chars[iu]));
                    true
                }
            }
            _ => false,
        };
        let verdict: Option<(&'static str, Option<&'static str>)> = if in_about_section {
            Some(("about-the-author or disclaimer box", None))
        } else if tag == "iframe" {
            // Video players from known hosts are part of the story; other frames are ads/widgets.
            (!output::is_video_embed(e.attr("src").unwrap_or(""))).then_some(("frame", None))
        } else if !signals::INLINE_TAGS.contains(&tag)
            && share < BOILERPLATE_KEEP_SHARE
            && is_author_box(doc, i)
        {
            // The writer's box (photo, name, bio) is about the author, not the story.
            Some(("author box", None))
        } else if is_empty_list(doc, s, i, tag) {
            Some(("list without text (bullets over icons)", None))
        } else if prints_markup(doc, s, i) {
            Some(("markup printed as text", None))
        } else if is_site_footer(doc, i) {
            // The page's footer landmark (legal notes, footnotes, links) is the site's, however
            // much prose it holds: the share rule below would keep it when it outweighs a
            // short description.
            Some(("site footer (contentinfo landmark)", None))
        } else if s.excluded[iu] {
            Some(if s.hidden[iu] {
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
            && !signals::INLINE_TAGS.contains(&tag)
            && !LIST_PARTS.contains(&tag)
            && s.chars[iu] > 0
            && s.chars[iu] <= ABOUT_BOX_MAX_CHARS
            && share < BOILERPLATE_KEEP_SHARE
            && opens_with_about_label(doc, i)
        {
            // A heading labels the box that follows it; any other block is the box itself.
            if is_heading(tag) {
                if let Some(p) = doc.parent(i) {
                    about_section = Some((p, ABOUT_BOX_MAX_CHARS.saturating_sub(s.chars[iu])));
                }
            }
            Some(("about-the-author or disclaimer box", None))
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
        } else if !signals::INLINE_TAGS.contains(&tag)
            && !LIST_PARTS.contains(&tag)
            && s.chars[iu] > 0
            && is_share_bar(doc, s, i)
        {
            Some((
                "share bar (links to social networks' share endpoints)",
                Some("share bar"),
            ))
        } else if !signals::INLINE_TAGS.contains(&tag) && widgets::is_ad_label(doc, s, i) {
            Some(("ad label", Some("ad")))
        } else if !listing
            && !signals::INLINE_TAGS.contains(&tag)
            && !is_heading(tag)
            && !LIST_PARTS.contains(&tag)
            && s.chars[iu] > 0
            && s.link_chars[iu] as f32 > s.chars[iu] as f32 * LINK_LIST_DENSITY
            && s.chars[iu] - s.link_chars[iu] < LINK_LIST_MAX_PLAIN
            && share < BOILERPLATE_KEEP_SHARE
            && !(posts && holds_post_text(doc, s, i))
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
                seen += s.chars[iu];
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

/// Is the element the page's footer landmark (ARIA `role="contentinfo"`)? Unlike a bare
/// `footer` tag (some sites wrap a story in one), the role names the site's own footer.
fn is_site_footer(doc: &Doc, id: NodeId) -> bool {
    doc.attr(id, "role")
        .is_some_and(|r| r.trim().eq_ignore_ascii_case("contentinfo"))
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
    // When `body` is the article's container, only what was pruned inside it is clutter (the
    // walk below would otherwise judge every block of the article by its name alone).
    let mut i = if main == Some(start) {
        start
    } else {
        start + 1
    };
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
        if s.hidden[iu] || matches!(&*e.tag, "script" | "style" | "noscript") {
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
