//! Page furniture set into the article that no class word names: widgets (a block that holds
//! a button or an input: a newsletter sign-up, a comment box reading "No comments yet", an AI
//! tool's buttons) and the labels of ad slots. `prune` leaves both out.

use super::prune::LIST_PARTS;
use super::score::Stats;
use crate::dom::{Doc, NodeId};

/// A widget is short: at most this many (weighted) characters of text besides its controls.
pub const WIDGET_MAX_CHARS: u32 = 300;
/// ... and a small part of the container's prose (boilerplate discounted): a block holding
/// much of it is the story with its own buttons (a video's description with "save" and
/// "rate"), not a widget set into it.
pub const WIDGET_MAX_SHARE: f32 = 0.1;
/// Tags a reader acts on: a block holding one asks for input, which the story's own text never
/// does (the controls' own text is never read; see `signals::JUNK_TAGS`).
const CONTROL_TAGS: &[&str] = &["button", "input", "select", "textarea"];
/// Where controls belong to the content (a player's buttons under a video, a figure's zoom
/// button), the block is not a widget.
const MEDIA_WITH_CONTROLS: &[&str] = &["figure", "video", "audio"];
/// How many levels above a block its record (a list item, a card of a grid) is looked for.
const MAX_RECORD_DEPTH: usize = 8;

/// Text that alone labels an ad slot, in the languages of the news: a block saying nothing
/// else is the slot's caption, not story text.
pub const AD_LABELS: &[&str] = &[
    "advertisement",
    "advertising",
    "ad",
    "ads",
    "sponsored",
    "anzeige",
    "werbung",
    "publicité",
    "publicidad",
    "pubblicità",
    "publicidade",
    "reklama",
    "reklame",
    "annons",
    "advertentie",
    "mainos",
    "реклама",
];
/// An ad label is short: at most this many (weighted) characters.
pub const AD_LABEL_MAX_CHARS: u32 = 20;

/// Which blocks of the container hold controls, and which hold media those may belong to.
pub struct Widgets {
    main: NodeId,
    /// Per node of `main`'s subtree (index `id - main`).
    control: Vec<bool>,
    media: Vec<bool>,
}

impl Widgets {
    /// One backward pass over the container.
    pub fn new(doc: &Doc, main: NodeId) -> Widgets {
        let end = doc.node(main).end;
        let base = main as usize;
        let n = end as usize - base;
        let (mut control, mut media) = (vec![false; n], vec![false; n]);
        for i in (main..end).rev() {
            let at = i as usize - base;
            let tag = doc.tag(i);
            control[at] |= CONTROL_TAGS.contains(&tag);
            media[at] |= MEDIA_WITH_CONTROLS.contains(&tag);
            if let Some(p) = doc.parent(i).filter(|&p| p >= main) {
                let pa = p as usize - base;
                control[pa] |= control[at];
                media[pa] |= media[at];
            }
        }
        Widgets {
            main,
            control,
            media,
        }
    }

    fn holds_control(&self, id: NodeId) -> bool {
        self.control[(id - self.main) as usize]
    }

    /// A short block of the container that holds a control, no media, and is no record of a
    /// list (see [`Widgets::in_record`]).
    pub fn is_widget(&self, doc: &Doc, s: &Stats, id: NodeId) -> bool {
        let iu = id as usize;
        self.holds_control(id)
            && !self.media[(id - self.main) as usize]
            && s.chars[iu] <= WIDGET_MAX_CHARS
            && s.prose[iu] < s.prose[self.main as usize] * WIDGET_MAX_SHARE
            && !self.in_record(doc, id)
    }

    /// Is `id` inside one of several sibling records that each hold a control (same tag and
    /// class: the cards of a product grid, the posts of a thread, the items of an FAQ), or
    /// inside a list or table? Their buttons belong to a list of records, not to a widget set
    /// into a story.
    fn in_record(&self, doc: &Doc, id: NodeId) -> bool {
        let twin = |x: NodeId| {
            let Some(p) = doc.parent(x) else {
                return false;
            };
            let class = doc.attr(x, "class");
            doc.children(p).any(|c| {
                c != x
                    && self.holds_control(c)
                    && doc.tag(c) == doc.tag(x)
                    && doc.attr(c, "class") == class
            })
        };
        std::iter::once(id)
            .chain(doc.ancestors(id))
            .take_while(|&x| x > self.main)
            .take(MAX_RECORD_DEPTH)
            .any(|x| LIST_PARTS.contains(&doc.tag(x)) || twin(x))
    }
}

/// Is this block's whole text an ad label ([`AD_LABELS`]), give or take its punctuation?
pub fn is_ad_label(doc: &Doc, s: &Stats, id: NodeId) -> bool {
    let iu = id as usize;
    if s.chars[iu] == 0 || s.chars[iu] > AD_LABEL_MAX_CHARS {
        return false;
    }
    let text = doc.subtree_text(id).to_lowercase();
    let t = text.trim_matches(|c: char| !c.is_alphanumeric());
    AD_LABELS.contains(&t)
}
