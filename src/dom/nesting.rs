//! Caps element nesting before the HTML parser sees the page.
//!
//! html5ever walks its stack of open elements for most start and end tags ("has an element
//! in scope"), so a page nested 100,000 deep costs it ~10^10 steps: a hang. Browsers cap the
//! tree depth instead (Chromium and WebKit at 512 levels: deeper elements become siblings at
//! the cap). This pre-scan does the same on the bytes: start tags beyond the cap are removed
//! with their matching end tags; the text stays, one level up. Pages within the cap (every
//! real page) are returned untouched, without a copy.

use std::borrow::Cow;

/// Deepest nesting kept, the browsers' own limit.
pub const MAX_NESTING: usize = 512;

/// Elements without content (never open a level).
const VOID: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track",
    "wbr", "param", "keygen", "frame", "image",
];
/// Elements whose end tag is optional: the parser closes them implicitly (`<p><p>` are
/// siblings), so counting them as levels would cut ordinary pages.
const IMPLIED_END: &[&str] = &[
    "p", "li", "dt", "dd", "option", "optgroup", "tr", "td", "th", "tbody", "thead", "tfoot",
    "colgroup", "caption", "rb", "rt", "rtc", "rp", "html", "head", "body",
];
/// Elements whose content is text up to their end tag (tags inside are not tags).
const RAW_TEXT: &[&str] = &[
    "script",
    "style",
    "textarea",
    "title",
    "xmp",
    "iframe",
    "noembed",
    "noframes",
    "plaintext",
];

/// Returns `html` with nesting beyond [`MAX_NESTING`] flattened; borrowed when unchanged.
///
/// Depth is tracked the way the parser will see it, closely enough for the cap: a stack of
/// open element names, where an end tag closes everything above its match (so unclosed inline
/// tags do not leak depth) and `/>` closes at once inside SVG and MathML (where it means
/// self-closing; in HTML it does not, so `<div/>` still nests).
pub fn limit(html: &str) -> Cow<'_, str> {
    let b = html.as_bytes();
    // Names of the open elements the cap counts, innermost last (never more than the cap).
    let mut stack: Vec<&str> = Vec::new();
    // How many of the open elements are SVG or MathML roots (foreign content).
    let mut foreign = 0usize;
    // Byte ranges of tags to remove.
    let mut cuts: Vec<(usize, usize)> = Vec::new();
    // End tags still to remove, per element name, for start tags removed above the cap.
    let mut pending: Vec<(String, usize)> = Vec::new();
    let mut pos = 0;
    while let Some(off) = memchr(b'<', &b[pos..]) {
        let start = pos + off;
        let rest = &b[start..];
        if rest.starts_with(b"<!--") {
            pos = find(&b[start + 4..], b"-->").map_or(b.len(), |e| start + 4 + e + 3);
            continue;
        }
        if rest.starts_with(b"<!") || rest.starts_with(b"<?") {
            pos = memchr(b'>', rest).map_or(b.len(), |e| start + e + 1);
            continue;
        }
        let closing = rest.get(1) == Some(&b'/');
        let name_at = start + 1 + usize::from(closing);
        if !b.get(name_at).is_some_and(u8::is_ascii_alphabetic) {
            pos = start + 1;
            continue;
        }
        let name_end = b[name_at..]
            .iter()
            .position(|c| c.is_ascii_whitespace() || *c == b'/' || *c == b'>')
            .map_or(b.len(), |e| name_at + e);
        let name = &html[name_at..name_end];
        let end = tag_end(b, name_end);
        pos = end;
        if closing {
            if let Some(p) = pending
                .iter_mut()
                .find(|(n, c)| n.eq_ignore_ascii_case(name) && *c > 0)
            {
                p.1 -= 1;
                cuts.push((start, end));
            } else if let Some(at) = stack.iter().rposition(|n| n.eq_ignore_ascii_case(name)) {
                // The end tag closes its element and every element left open inside it.
                foreign -= stack[at..].iter().filter(|n| is_foreign_root(n)).count();
                stack.truncate(at);
            }
            continue;
        }
        if is_in(name, RAW_TEXT) {
            pos = raw_text_end(b, end, name);
            continue;
        }
        let self_closing = end >= 2 && b[end - 2] == b'/' && (foreign > 0 || is_foreign_root(name));
        if is_in(name, VOID) || is_in(name, IMPLIED_END) || self_closing {
            continue;
        }
        if stack.len() >= MAX_NESTING {
            cuts.push((start, end));
            match pending
                .iter_mut()
                .find(|(n, _)| n.eq_ignore_ascii_case(name))
            {
                Some(p) => p.1 += 1,
                None => pending.push((name.to_ascii_lowercase(), 1)),
            }
        } else {
            foreign += usize::from(is_foreign_root(name));
            stack.push(name);
        }
    }
    super::rawtext::without_ranges(html, &cuts)
}

/// Index just past the `>` ending a tag whose name ends at `from` (quoted `>` skipped).
fn tag_end(b: &[u8], from: usize) -> usize {
    let mut pos = from;
    // Outside quotes only a quote or `>` matters; inside, only the closing quote.
    while let Some(off) = memchr::memchr3(b'"', b'\'', b'>', &b[pos..]) {
        let at = pos + off;
        if b[at] == b'>' {
            return at + 1;
        }
        match memchr::memchr(b[at], &b[at + 1..]) {
            Some(close) => pos = at + 1 + close + 1,
            None => return b.len(),
        }
    }
    b.len()
}

/// Index just past the raw text element's content (at its end tag, which is then scanned).
fn raw_text_end(b: &[u8], from: usize, name: &str) -> usize {
    let mut pos = from;
    while let Some(off) = memchr(b'<', &b[pos..]) {
        let at = pos + off;
        let after = &b[at..];
        if after.len() >= 2 + name.len()
            && after[1] == b'/'
            && after[2..2 + name.len()].eq_ignore_ascii_case(name.as_bytes())
        {
            return at;
        }
        pos = at + 1;
    }
    b.len()
}

/// `<svg>` and `<math>` start foreign content, where `/>` closes an element at once.
fn is_foreign_root(name: &str) -> bool {
    name.eq_ignore_ascii_case("svg") || name.eq_ignore_ascii_case("math")
}

fn is_in(name: &str, list: &[&str]) -> bool {
    list.iter().any(|t| t.eq_ignore_ascii_case(name))
}

fn memchr(needle: u8, hay: &[u8]) -> Option<usize> {
    memchr::memchr(needle, hay)
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    memchr::memmem::find(hay, needle)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ordinary_pages_are_untouched() {
        let html = "<html><body><p>a<p>b<ul><li>c<li>d</ul><script>if (a<b) '<div>'</script><!-- <div> --><div title='>'>e</div>";
        assert!(matches!(limit(html), Cow::Borrowed(_)));
        let many_p = "<p>x".repeat(5_000);
        assert!(matches!(limit(&many_p), Cow::Borrowed(_)));
    }

    #[test]
    fn deep_nesting_is_flattened_at_the_cap() {
        let n = 2_000;
        let html = format!("{}<b>deep</b>{}", "<div>".repeat(n), "</DIV>".repeat(n));
        let out = limit(&html);
        assert_eq!(out.matches("<div>").count(), MAX_NESTING);
        assert_eq!(out.matches("</DIV>").count(), MAX_NESTING);
        assert!(out.contains(">deep<") && !out.contains("<b>"));
    }

    #[test]
    fn self_closing_svg_tags_and_unclosed_inline_tags_do_not_add_depth() {
        // Thousands of icons whose shapes use `/>`, and inline tags the page never closes:
        // a browser nests none of them, so nothing may be cut.
        let icons =
            "<svg viewBox='0 0 9 9'><path d='M0 0L9 9'/><circle r='1'/></svg>".repeat(3_000);
        let unclosed = "<div><span><b>x</div>".repeat(3_000);
        let html = format!("<body>{icons}{unclosed}<p>The <math><mfrac><mn>1</mn><mn>2</mn></mfrac></math></p></body>");
        assert!(matches!(limit(&html), Cow::Borrowed(_)));
    }

    #[test]
    fn html_self_closing_syntax_still_nests() {
        // `<div/>` opens a div in HTML, so a deep run of them is still capped.
        let html = "<div/>".repeat(2_000);
        assert_eq!(limit(&html).matches("<div/>").count(), MAX_NESTING);
    }
}
