//! The definitions the JavaScript side needs, in one value for the build: `npm run build` asks
//! the wasm core for them (`contracts()`) and writes them into the module the extension's and
//! the playground's scripts import (extension/build/contracts.mjs). Nothing here is a copy:
//! each field is the constant the core itself uses.

use serde::Serialize;

/// The file name endings read as HTML pages when a folder is walked (case-insensitive), each
/// also with `.gz` after it: the CLI's and the browser command's.
pub const HTML_FILE_EXTENSIONS: &[&str] = &["html", "htm"];

/// Everything a script outside the core must agree on with it.
#[derive(Debug, Clone, Serialize)]
pub struct Contracts {
    /// The attributes the core reads; the page walks send only these ([`crate::dom::READ_ATTRS`]).
    pub read_attrs: &'static [&'static str],
    /// Elements whose text the walks leave out, each with the `type` that makes an exception
    /// ([`crate::dom::UNREAD_TEXT`]).
    pub unread_text: &'static [(&'static str, Option<&'static str>)],
    /// The packed snapshot's layout ([`crate::dom::snapshot::Packed`]).
    pub packed: PackedFormat,
    /// Characters of a repeated block's text a duplicate group reports.
    pub report_chars: usize,
    /// Site memory: how many other pages of a site must share a block ([`crate::MIN_OTHER_PAGES`]).
    pub min_other_pages: u32,
    /// What the clean article HTML may hold: the reader view's filter applies exactly this.
    pub clean_html: CleanHtml,
    /// The file name endings of HTML pages in a walked folder ([`HTML_FILE_EXTENSIONS`]).
    pub html_file_extensions: &'static [&'static str],
}

/// The head of a packed entry is `kinds * (parent + 1) + kind`; integers joined by `separator`.
#[derive(Debug, Clone, Serialize)]
pub struct PackedFormat {
    pub element: i32,
    pub text: i32,
    pub kinds: i32,
    pub separator: char,
}

/// The allowlist of the clean HTML (`output/allowlist.rs`).
#[derive(Debug, Clone, Serialize)]
pub struct CleanHtml {
    /// HTML elements written as they are (sectioning elements become `div`, which is among them).
    pub tags: Vec<&'static str>,
    /// Attributes kept with their value.
    pub attrs: &'static [&'static str],
    /// Attributes holding URLs, kept when the URL is safe.
    pub url_attrs: &'static [&'static str],
    /// The URL attributes that name a link (the others load media; `srcset` is a list).
    pub link_attrs: &'static [&'static str],
    /// Schemes a link may have.
    pub link_schemes: &'static [&'static str],
    /// Schemes media may load from (besides the raster `data:` types).
    pub media_schemes: &'static [&'static str],
    /// `data:` URL prefixes allowed as media.
    pub data_image_types: &'static [&'static str],
    /// The hosts whose `https` players an `iframe` may show.
    pub video_hosts: &'static [&'static str],
    /// Class prefixes kept on `code` and `pre`.
    pub code_class_prefixes: &'static [&'static str],
    /// MathML elements kept inside `math`, and their attributes.
    pub math_tags: &'static [&'static str],
    pub math_attrs: &'static [&'static str],
}

/// The contracts, as the core defines them.
pub fn contracts() -> Contracts {
    use crate::dom::snapshot::{PACKED_ELEMENT, PACKED_KINDS, PACKED_SEPARATOR, PACKED_TEXT};
    use crate::output::allowlist as h;
    use crate::output::url as u;
    let mut tags = h::KEEP_TAGS.to_vec();
    // Containers are written as `div`, notes as `aside`, posts as `article`.
    tags.extend(["div", "aside", "article"]);
    Contracts {
        read_attrs: crate::dom::READ_ATTRS,
        unread_text: crate::dom::UNREAD_TEXT,
        packed: PackedFormat {
            element: PACKED_ELEMENT,
            text: PACKED_TEXT,
            kinds: PACKED_KINDS,
            separator: PACKED_SEPARATOR,
        },
        report_chars: crate::dedupe::REPORT_CHARS,
        min_other_pages: crate::MIN_OTHER_PAGES,
        clean_html: CleanHtml {
            tags,
            attrs: h::KEEP_ATTRS,
            url_attrs: h::URL_ATTRS,
            link_attrs: h::LINK_ATTRS,
            link_schemes: u::LINK_SCHEMES,
            media_schemes: u::MEDIA_SCHEMES,
            data_image_types: u::DATA_IMAGE_TYPES,
            video_hosts: h::VIDEO_HOSTS,
            code_class_prefixes: h::CODE_CLASS_PREFIXES,
            math_tags: h::MATH_TAGS,
            math_attrs: h::MATH_ATTRS,
        },
        html_file_extensions: HTML_FILE_EXTENSIONS,
    }
}
