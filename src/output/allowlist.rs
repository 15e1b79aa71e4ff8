//! The clean HTML's allowlist: the tags, attributes, URL attributes, lazy-image sources, video
//! hosts and MathML the reader may show. One definition: the renderer in `html.rs` writes only
//! these, and the extension's reader filter is generated from them (`crate::contracts`).

/// Tags kept as they are: text structure, media, tables, and inline phrasing.
pub(crate) const KEEP_TAGS: &[&str] = &[
    "p",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "ul",
    "ol",
    "li",
    "dl",
    "dt",
    "dd",
    "blockquote",
    "pre",
    "code",
    "figure",
    "figcaption",
    "img",
    "picture",
    "source",
    "video",
    "audio",
    "track",
    "table",
    "caption",
    "thead",
    "tbody",
    "tfoot",
    "tr",
    "th",
    "td",
    "colgroup",
    "col",
    "a",
    "em",
    "strong",
    "b",
    "i",
    "u",
    "s",
    "sub",
    "sup",
    "small",
    "mark",
    "q",
    "cite",
    "abbr",
    "time",
    "br",
    "hr",
    "del",
    "ins",
    "kbd",
    "samp",
    "var",
    "dfn",
    "span",
    "details",
    "summary",
    "address",
    "math",
    "iframe",
];
/// Sectioning tags: their grouping matters for layout, their semantics do not; they become `div`.
pub(crate) const CONTAINER_TAGS: &[&str] = &[
    "div", "section", "article", "main", "header", "center", "aside", "footer", "nav", "hgroup",
];
/// Attributes kept (URLs are vetted separately); handlers, styles, ids and classes go.
pub(crate) const KEEP_ATTRS: &[&str] = &[
    "alt",
    "title",
    "colspan",
    "rowspan",
    "headers",
    "scope",
    "lang",
    "dir",
    "datetime",
    "cite",
    "start",
    "reversed",
    "type",
    "width",
    "height",
    "controls",
    "poster",
    "media",
    "sizes",
    "allowfullscreen",
    "open",
    "kind",
    "srclang",
    "label",
];
/// Attributes holding a URL, vetted and resolved.
pub(crate) const URL_ATTRS: &[&str] = &["href", "src", "srcset", "poster", "cite"];
/// The URL attributes that name a link target (any of the link schemes); the others load
/// media (http(s) or a raster `data:` image); `srcset` holds a list of media URLs.
pub(crate) const LINK_ATTRS: &[&str] = &["href", "cite"];
/// Where lazy-loading scripts keep the real image until it scrolls into view, most specific
/// first.
pub(crate) const LAZY_SRC_ATTRS: &[&str] = &[
    "data-src",
    "data-lazy-src",
    "data-original",
    "data-lazy",
    "data-url",
    "data-hi-res-src",
];
/// Where lazy-loading scripts keep the real `srcset`.
pub(crate) const LAZY_SRCSET_ATTRS: &[&str] = &["data-srcset", "data-lazy-srcset"];
/// The classes kept on `code` and `pre`: language hints (`language-rust`) for highlighting.
pub(crate) const CODE_CLASS_PREFIXES: &[&str] = &["language-", "lang-"];
/// An image this small on both sides (in declared pixels) is a tracking pixel.
pub(crate) const TRACKER_MAX_PX: u32 = 2;
/// Video hosts whose embedded players are kept: these serve a player and nothing else, and the
/// reader expects the story's video where the article had it. Anything else framed is dropped.
pub(crate) const VIDEO_HOSTS: &[&str] = &[
    "youtube.com",
    "youtube-nocookie.com",
    "player.vimeo.com",
    "dailymotion.com",
];
/// HTML elements that end a formula. The HTML parser closes `<math>` at these tags, except
/// inside a token element (`<mi>`, `<mtext>`) the page left open, where they become the
/// formula's content and the rest of the article with them; the clean HTML closes the
/// formula there as the parser does elsewhere, so the paragraphs after it stay paragraphs.
/// (The parser's list, less the phrasing tags a token may hold, plus the sectioning tags.)
pub(crate) const MATH_BREAKOUT_TAGS: &[&str] = &[
    "p",
    "div",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "ul",
    "ol",
    "li",
    "dl",
    "dt",
    "dd",
    "blockquote",
    "pre",
    "table",
    "hr",
    "br",
    "img",
    "figure",
    "figcaption",
    "picture",
    "video",
    "audio",
    "iframe",
    "details",
    "address",
    "center",
    "listing",
    "menu",
    "section",
    "article",
    "main",
    "header",
    "footer",
    "aside",
    "nav",
    "hgroup",
];
/// Class/id words (and the ARIA role) of a note set off from the text: a tip, a warning, a
/// documentation admonition. Such a container is written as `<aside>`, which the reader draws
/// as a box; the site's own `<aside>` inside the article (a fact box) is kept as one too.
pub(crate) const NOTE_WORDS: &[&str] = &[
    "note",
    "tip",
    "hint",
    "warning",
    "caution",
    "important",
    "danger",
    "admonition",
    "callout",
];
/// MathML's presentation tags, kept inside `<math>` (anything else there becomes `mrow`).
pub(crate) const MATH_TAGS: &[&str] = &[
    "math",
    "mi",
    "mn",
    "mo",
    "ms",
    "mtext",
    "mspace",
    "mrow",
    "mfrac",
    "msqrt",
    "mroot",
    "mstyle",
    "merror",
    "mpadded",
    "mphantom",
    "mfenced",
    "menclose",
    "msub",
    "msup",
    "msubsup",
    "munder",
    "mover",
    "munderover",
    "mmultiscripts",
    "mprescripts",
    "none",
    "mtable",
    "mtr",
    "mtd",
    "mlabeledtr",
    "semantics",
    "annotation",
    "maligngroup",
    "malignmark",
];
/// The attributes kept on MathML elements.
pub(crate) const MATH_ATTRS: &[&str] = &[
    "display",
    "mathvariant",
    "xmlns",
    "encoding",
    "stretchy",
    "fence",
    "separator",
    "lspace",
    "rspace",
    "accent",
    "accentunder",
    "linethickness",
    "columnalign",
    "rowalign",
    "mathsize",
    "scriptlevel",
    "displaystyle",
    "notation",
    "open",
    "close",
    "separators",
    "largeop",
    "movablelimits",
    "symmetric",
    "minsize",
    "maxsize",
    "form",
    "width",
    "height",
    "depth",
    "voffset",
    "columnspan",
    "rowspan",
];

/// Is this `src` an https player on one of the [`VIDEO_HOSTS`]?
pub fn is_video_embed(src: &str) -> bool {
    let s = src.trim();
    let rest = if let Some(r) = s.strip_prefix("https://") {
        r
    } else if let Some(r) = s.strip_prefix("//") {
        r
    } else {
        return false;
    };
    let host = rest
        .split(['/', '?', '#'])
        .next()
        .unwrap_or("")
        .to_ascii_lowercase();
    let host = host.rsplit('@').next().unwrap_or("");
    let host = host.split(':').next().unwrap_or("");
    VIDEO_HOSTS
        .iter()
        .any(|h| host == *h || host.strip_suffix(h).is_some_and(|p| p.ends_with('.')))
}
