//! Visibility read off the markup: what a page hides (`hidden`, `aria-hidden`, `popover`,
//! inline styles) and the folded panels a click opens, which stay the page's content.

use rustc_hash::FxHashSet;

use crate::dom::{Doc, NodeId};

/// ARIA roles of the panels of tabs and accordions: a page hides every panel but the open one
/// by markup, yet each is a click away and its text is the page's (an install guide's steps
/// folded by week, a code sample per language), unlike a closed dialog or menu.
const COLLAPSED_PANEL_ROLES: &[&str] = &["tabpanel", "region"];

/// What a page hides from its reader, read once per page: an element hidden by its own markup
/// is not what the reader sees, so it is not the article; a folded panel that a click opens
/// (a tab or accordion panel, or a panel a disclosure control names) is, and does not count as
/// hidden.
pub struct Visibility<'a> {
    /// The ids that the page's disclosure controls name (see [`disclosure_panel_ids`]).
    panel_ids: FxHashSet<&'a str>,
}

impl<'a> Visibility<'a> {
    /// Reads the page's disclosure controls.
    pub fn of(doc: &'a Doc) -> Self {
        Visibility {
            panel_ids: disclosure_panel_ids(doc),
        }
    }

    /// Is the element hidden from the reader: hidden by its markup and not a folded panel?
    pub fn is_hidden(&self, doc: &Doc, id: NodeId) -> bool {
        hidden_by_markup(doc, id) && !is_folded_panel(doc, id, &self.panel_ids)
    }
}

/// Is the element hidden by its own markup (`hidden`, `aria-hidden`, inline `display:none` or
/// `visibility:hidden`, or `popover`: a popover is not drawn until a control opens it, like a
/// menu or an "install the app" card)? A collapsed tab or accordion panel
/// ([`COLLAPSED_PANEL_ROLES`]) is not.
fn hidden_by_markup(doc: &Doc, id: NodeId) -> bool {
    let Some(e) = doc.element(id) else {
        return false;
    };
    if e.attr("role").is_some_and(|r| {
        COLLAPSED_PANEL_ROLES
            .iter()
            .any(|p| r.trim().eq_ignore_ascii_case(p))
    }) {
        return false;
    }
    if e.attr("hidden").is_some() || e.attr("popover").is_some() {
        return true;
    }
    if e.attr("aria-hidden")
        .is_some_and(|v| v.trim().eq_ignore_ascii_case("true"))
    {
        return true;
    }
    if let Some(style) = e.attr("style") {
        let s: String = style
            .chars()
            .filter(|c| !c.is_whitespace())
            .flat_map(char::to_lowercase)
            .collect();
        if s.contains("display:none") || s.contains("visibility:hidden") {
            return true;
        }
    }
    false
}

/// How far below a hidden wrapper the panel a disclosure button names may sit (an animation
/// wrapper around the panel itself is common).
const COLLAPSED_PANEL_DEPTH: usize = 3;

/// The ids that disclosure controls name: `aria-controls` on an element carrying
/// `aria-expanded` (an accordion or "read more" button) or `role=tab`. The panels they open are
/// the page's own content, only folded away until clicked.
fn disclosure_panel_ids(doc: &Doc) -> FxHashSet<&str> {
    let mut ids = FxHashSet::default();
    for i in 0..doc.len() as NodeId {
        let Some(e) = doc.element(i) else {
            continue;
        };
        let Some(controls) = e.attr("aria-controls") else {
            continue;
        };
        let is_disclosure = e.attr("aria-expanded").is_some()
            || e.attr("role")
                .is_some_and(|r| r.trim().eq_ignore_ascii_case("tab"));
        if is_disclosure {
            ids.extend(controls.split_whitespace());
        }
    }
    ids
}

/// Is this hidden element a folded panel (or the wrapper around one, through single-child
/// levels) that a disclosure control opens? Its text is content the reader gets with one click.
fn is_folded_panel(doc: &Doc, id: NodeId, panel_ids: &FxHashSet<&str>) -> bool {
    if panel_ids.is_empty() {
        return false;
    }
    let mut cur = id;
    for _ in 0..=COLLAPSED_PANEL_DEPTH {
        if doc
            .attr(cur, "id")
            .is_some_and(|v| panel_ids.contains(v.trim()))
        {
            return true;
        }
        let mut kids = doc.children(cur).filter(|&c| doc.element(c).is_some());
        match (kids.next(), kids.next()) {
            (Some(only), None) => cur = only,
            _ => return false,
        }
    }
    false
}
