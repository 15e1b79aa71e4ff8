//! Renders the article subtree as Markdown (CommonMark plus GFM tables).
//!
//! One forward walk over the arena with an explicit stack (no recursion on DOM depth).
//! Inputs are the same as [`super::text`]/[`super::html`]: the article root and `skip`, the
//! subtrees the pipeline left out (dropped duplicate copies, hidden clutter).

use super::url::{safe_link, safe_media, Base};
use crate::dom::{collapse_whitespace, Doc, NodeData, NodeId};
use crate::Extraction;

/// Tags that end the current paragraph and start a new block.
const BLOCK_TAGS: &[&str] = &[
    "p",
    "div",
    "section",
    "article",
    "main",
    "header",
    "figure",
    "figcaption",
    "dl",
    "dt",
    "dd",
    "address",
    "details",
    "summary",
    "center",
];
/// Tags whose presence inside a table cell marks a layout table (rendered as blocks, not a grid).
const LAYOUT_IN_CELL: &[&str] = &[
    "p",
    "div",
    "table",
    "ul",
    "ol",
    "pre",
    "blockquote",
    "h1",
    "h2",
    "h3",
];
/// Characters escaped in text so prose is not read as Markdown syntax.
const ESCAPE: &[char] = &['\\', '`', '*', '_', '[', ']', '<', '>', '|'];
/// Class prefixes naming a code block's language (`language-rust`, `lang-js`).
const LANG_PREFIXES: &[&str] = &["language-", "lang-"];
/// A fence is at least this many backticks (CommonMark's minimum).
const MIN_FENCE: usize = 3;

/// Block context: what prefixes each line of the current block.
enum Ctx {
    Quote,
    List {
        ordered: bool,
        next: u64,
    },
    /// A list item: its marker until its first line is written, then indentation.
    Item {
        marker: String,
        started: bool,
    },
}

/// What to emit when an element closes.
enum Close {
    Nothing,
    Block,
    Heading(usize),
    Text(&'static str),
    Link(String),
    PopCtx,
    Item,
}

struct Writer {
    out: String,
    inline: String,
    pending_space: bool,
    ctx: Vec<Ctx>,
    code_depth: usize,
    last_was_item: bool,
    /// Quote nesting of the last block written (a blank line between blocks keeps the shared `>`).
    last_quotes: usize,
}

impl Writer {
    fn prefix(&mut self, first_line: bool) -> String {
        let mut p = String::new();
        for c in &mut self.ctx {
            match c {
                Ctx::Quote => p.push_str("> "),
                Ctx::List { .. } => {}
                Ctx::Item { marker, started } => {
                    if !*started && first_line {
                        p.push_str(marker);
                    } else {
                        p.extend(std::iter::repeat_n(' ', marker.len()));
                    }
                }
            }
        }
        p
    }

    fn in_item(&self) -> bool {
        self.ctx.iter().any(|c| matches!(c, Ctx::Item { .. }))
    }

    /// Writes `body` (may hold newlines) as one block with the context's prefixes.
    fn block(&mut self, body: &str) {
        if body.trim().is_empty() {
            return;
        }
        let item = self.in_item();
        if !self.out.is_empty() {
            // Items of one list stay tight; everything else is separated by a blank line
            // (inside a quote the blank line keeps its `>`).
            if !(item && self.last_was_item) {
                let shared = self.quotes().min(self.last_quotes);
                self.out.push_str("> ".repeat(shared).trim_end());
                self.out.push('\n');
            }
        }
        for (i, line) in body.lines().enumerate() {
            let p = self.prefix(i == 0);
            self.out.push_str(&p);
            self.out.push_str(line);
            self.out.push('\n');
        }
        for c in &mut self.ctx {
            if let Ctx::Item { started, .. } = c {
                *started = true;
            }
        }
        self.last_was_item = item;
        self.last_quotes = self.quotes();
    }

    fn quotes(&self) -> usize {
        self.ctx.iter().filter(|c| matches!(c, Ctx::Quote)).count()
    }

    fn flush(&mut self) {
        let text = std::mem::take(&mut self.inline);
        self.pending_space = false;
        let text = text.trim();
        if !text.is_empty() {
            // A hard break at the end of a paragraph means nothing.
            let text = text.trim_end_matches('\\').trim_end();
            // Emphasis markers alone (an `em` whose words were left out, open across blocks)
            // are no paragraph: a lone `*` would read as an empty list item.
            if text
                .chars()
                .all(|c| matches!(c, '*' | '`' | '\\' | '\n' | ' '))
            {
                return;
            }
            self.block(&escape_line_starts(text));
        }
    }

    /// Inline markup that opens (a pending space goes before it).
    fn open_mark(&mut self, m: &str) {
        self.space();
        self.inline.push_str(m);
    }

    /// Inline markup that closes (a pending space goes after it).
    fn close_mark(&mut self, m: &str) {
        self.inline.push_str(m);
    }

    fn space(&mut self) {
        if self.pending_space && !self.inline.is_empty() && !self.inline.ends_with([' ', '\n']) {
            self.inline.push(' ');
        }
        self.pending_space = false;
    }

    fn text(&mut self, t: &str) {
        if t.starts_with(char::is_whitespace) {
            self.pending_space = true;
        }
        let mut first = true;
        for word in t.split_whitespace() {
            if !first {
                self.pending_space = true;
            }
            first = false;
            self.space();
            if self.code_depth > 0 {
                self.inline.push_str(word);
            } else {
                for c in word.chars() {
                    if ESCAPE.contains(&c) {
                        self.inline.push('\\');
                    }
                    self.inline.push(c);
                }
            }
        }
        if t.ends_with(char::is_whitespace) && !t.trim().is_empty() {
            self.pending_space = true;
        }
    }
}

/// A paragraph whose lines begin with what Markdown reads as a block marker (a rank "1." or a
/// dash set as text, "# ", "+ ", a "===" underline) gets that marker escaped, so it prints as
/// the text it is instead of an empty list item or a heading.
fn escape_line_starts(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    for (k, line) in text.split('\n').enumerate() {
        if k > 0 {
            out.push('\n');
        }
        let body = line.trim_start();
        out.push_str(&line[..line.len() - body.len()]);
        let digits = body.bytes().take_while(u8::is_ascii_digit).count();
        let after = |n: usize| body[n..].chars().next();
        let ends_marker = |n: usize| after(n).is_none_or(char::is_whitespace);
        if matches!(body.chars().next(), Some('-' | '+' | '#' | '='))
            && (ends_marker(1)
                || body.starts_with("--")
                || body.starts_with("==")
                || body.starts_with('#'))
        {
            out.push('\\');
            out.push_str(body);
        } else if (1..=9).contains(&digits)
            && matches!(after(digits), Some('.' | ')'))
            && ends_marker(digits + 1)
        {
            out.push_str(&body[..digits]);
            out.push('\\');
            out.push_str(&body[digits..]);
        } else {
            out.push_str(body);
        }
    }
    out
}

fn heading_level(tag: &str) -> Option<usize> {
    match tag.as_bytes() {
        [b'h', d @ b'1'..=b'6'] => Some(usize::from(d - b'0')),
        _ => None,
    }
}

/// The article of extraction `r` (made from `doc`) as Markdown: the title as a heading, then
/// the article without the subtrees the pipeline left out (`Extraction::left_out`, the same
/// decision the text and the clean HTML follow). The CLI's `--format markdown` and
/// `Options::markdown` both use it.
pub fn article_markdown(r: &Extraction, doc: &Doc, url: Option<&str>) -> String {
    let Some(main) = r.main else {
        return String::new();
    };
    // The same decision as the text and the clean HTML: the container without the subtrees
    // left out, stopped where a capped rendering (`Options::max_words`) stops.
    let skip = crate::extract::decision::skip_mask(doc, r, true);
    let base = super::base_url(doc, url);
    let mut body = markdown(doc, main, &skip, base.as_ref());
    // As in the text: a soft hyphen is a line-breaking hint, not part of the word.
    crate::dom::drop_soft_hyphens(&mut body);
    if let Some(shown) = r.shown_words {
        body.push_str(&format!(
            "\n\n---\n\n*{}*\n",
            long_article_note(shown, r.words)
        ));
    }
    match &r.title {
        Some(t) if !body.trim_start().starts_with("# ") => format!("# {}\n\n{body}", t.trim()),
        _ => body,
    }
}

/// What a capped rendering says about itself (`Options::max_words`).
pub fn long_article_note(shown: usize, words: usize) -> String {
    format!("This article is long: only its first {shown} of {words} words are included.")
}

/// Renders `root`'s subtree as Markdown, leaving out `skip`ped subtrees and tags no output keeps.
/// Links and images are resolved against `base` and vetted like the clean HTML's
/// ([`super::base_url`]; unsafe schemes such as `javascript:` are dropped).
pub fn markdown(doc: &Doc, root: NodeId, skip: &[bool], base: Option<&Base>) -> String {
    let mut w = Writer {
        out: String::new(),
        inline: String::new(),
        pending_space: false,
        ctx: Vec::new(),
        code_depth: 0,
        last_was_item: false,
        last_quotes: 0,
    };
    let mut open: Vec<(NodeId, Close)> = Vec::new();
    // Subtrees below this id are already handled (skipped, or rendered whole: pre, table).
    let mut skip_until: NodeId = 0;
    for id in std::iter::once(root).chain(doc.descendants(root)) {
        while open.last().is_some_and(|(s, _)| doc.node(*s).end <= id) {
            let (_, c) = open.pop().unwrap_or((0, Close::Nothing));
            close(&mut w, c);
        }
        if id < skip_until {
            continue;
        }
        let end = doc.node(id).end;
        let el = match &doc.node(id).data {
            NodeData::Text(t) => {
                w.text(t);
                continue;
            }
            NodeData::Element(e) => e,
        };
        let tag = &*el.tag;
        if skip.get(id as usize).copied().unwrap_or(false) || super::is_dropped_tag(tag) {
            skip_until = end;
            continue;
        }
        let action = match tag {
            "pre" => {
                w.flush();
                w.block(&fenced(doc, id));
                skip_until = end;
                Close::Nothing
            }
            "table" if is_data_table(doc, id) => {
                w.flush();
                w.block(&table(doc, id, skip));
                skip_until = end;
                Close::Nothing
            }
            "blockquote" => {
                w.flush();
                w.ctx.push(Ctx::Quote);
                w.last_was_item = false;
                Close::PopCtx
            }
            "ul" | "ol" => {
                w.flush();
                let next = doc
                    .attr(id, "start")
                    .and_then(|s| s.trim().parse().ok())
                    .unwrap_or(1);
                w.ctx.push(Ctx::List {
                    ordered: tag == "ol",
                    next,
                });
                Close::PopCtx
            }
            "li" => {
                w.flush();
                let marker = match w.ctx.iter_mut().rev().find_map(|c| match c {
                    Ctx::List { ordered, next } => Some((ordered, next)),
                    _ => None,
                }) {
                    Some((true, next)) => {
                        *next += 1;
                        format!("{}. ", *next - 1)
                    }
                    _ => "- ".to_string(),
                };
                w.ctx.push(Ctx::Item {
                    marker,
                    started: false,
                });
                Close::Item
            }
            "hr" => {
                w.flush();
                w.block("---");
                Close::Nothing
            }
            "br" => {
                w.inline.push_str("\\\n");
                w.pending_space = false;
                Close::Nothing
            }
            "img" => {
                let src = doc.attr(id, "src").unwrap_or("").trim();
                // Inline data images are placeholders or too long to read in Markdown.
                let src = (!src.is_empty() && !src.starts_with("data:"))
                    .then(|| safe_media(base, src))
                    .flatten();
                if let Some(src) = src {
                    let alt = collapse_whitespace(doc.attr(id, "alt").unwrap_or(""));
                    w.open_mark(&format!(
                        "![{}]({})",
                        alt.replace(['[', ']'], ""),
                        link_target(&src)
                    ));
                }
                Close::Nothing
            }
            "a" => match doc.attr(id, "href").map(str::trim) {
                // In-page anchors lead nowhere outside the page.
                Some(h) if !h.is_empty() && !h.starts_with('#') => match safe_link(base, h) {
                    Some(target) => {
                        w.open_mark("[");
                        Close::Link(link_target(&target))
                    }
                    None => Close::Nothing,
                },
                _ => Close::Nothing,
            },
            "strong" | "b" => {
                w.open_mark("**");
                Close::Text("**")
            }
            "em" | "i" => {
                w.open_mark("*");
                Close::Text("*")
            }
            "code" | "kbd" | "samp" | "tt" => {
                w.open_mark("`");
                w.code_depth += 1;
                Close::Text("`")
            }
            _ => {
                if let Some(level) = heading_level(tag) {
                    w.flush();
                    Close::Heading(level)
                } else if BLOCK_TAGS.contains(&tag)
                    || tag == "table"
                    || tag == "tr"
                    || tag == "td"
                    || tag == "th"
                {
                    w.flush();
                    Close::Block
                } else {
                    Close::Nothing
                }
            }
        };
        if !matches!(action, Close::Nothing) {
            open.push((id, action));
        }
    }
    while let Some((_, c)) = open.pop() {
        close(&mut w, c);
    }
    w.flush();
    w.out
}

fn close(w: &mut Writer, c: Close) {
    match c {
        Close::Nothing => {}
        Close::Block => w.flush(),
        Close::Heading(level) => {
            let text = std::mem::take(&mut w.inline);
            w.pending_space = false;
            let text = text.replace("\\\n", " ");
            let text = text.trim();
            if !text.is_empty() {
                w.block(&format!("{} {}", "#".repeat(level), text));
            }
        }
        Close::Text(m) => {
            if m == "`" {
                w.code_depth = w.code_depth.saturating_sub(1);
            }
            // Empty emphasis would print as stray markers: drop the opener instead.
            if w.inline.ends_with(m) {
                w.inline.truncate(w.inline.len() - m.len());
            } else if let Some(before) = w.inline.strip_suffix("\\\n") {
                // A closer after a line break would start the next line, where Markdown
                // reads a lone `*` as an empty list item: close before the break.
                let mut s = before.trim_end().to_string();
                s.push_str(m);
                s.push_str("\\\n");
                w.inline = s;
            } else {
                w.close_mark(m);
            }
        }
        Close::Link(href) => {
            if w.inline.ends_with('[') {
                w.inline.pop();
            } else {
                w.close_mark(&format!("]({href})"));
            }
        }
        Close::PopCtx => {
            w.flush();
            w.ctx.pop();
        }
        Close::Item => {
            w.flush();
            w.ctx.pop();
        }
    }
}

/// A link target usable in `[text](target)`: angle brackets when it holds spaces or parens.
fn link_target(href: &str) -> String {
    if href.contains([' ', '(', ')']) {
        format!("<{}>", href.replace(['<', '>'], ""))
    } else {
        href.to_string()
    }
}

/// A fenced code block, keeping the code's own line breaks and indentation; the fence is longer
/// than any backtick run inside the code.
fn fenced(doc: &Doc, pre: NodeId) -> String {
    let code = doc.subtree_text(pre);
    let code = code.strip_prefix('\n').unwrap_or(&code).trim_end();
    let mut longest = 0;
    let mut run = 0;
    for c in code.chars() {
        run = if c == '`' { run + 1 } else { 0 };
        longest = longest.max(run);
    }
    let fence = "`".repeat((longest + 1).max(MIN_FENCE));
    let lang = std::iter::once(pre)
        .chain(doc.children(pre).filter(|&c| doc.tag(c) == "code"))
        .filter_map(|n| doc.attr(n, "class"))
        .flat_map(str::split_ascii_whitespace)
        .find_map(|c| LANG_PREFIXES.iter().find_map(|p| c.strip_prefix(p)))
        .unwrap_or("");
    format!("{fence}{lang}\n{code}\n{fence}")
}

/// Is this a grid of data (cells of inline content), not a layout table?
fn is_data_table(doc: &Doc, table: NodeId) -> bool {
    let mut rows = 0;
    for d in doc.descendants(table) {
        let tag = doc.tag(d);
        if LAYOUT_IN_CELL.contains(&tag) {
            return false;
        }
        rows += usize::from(tag == "tr");
    }
    rows > 0
}

/// A GFM table; the first row is the header (GFM requires one).
fn table(doc: &Doc, table: NodeId, skip: &[bool]) -> String {
    let mut rows: Vec<Vec<String>> = Vec::new();
    for d in doc.descendants(table) {
        if doc.tag(d) != "tr" || skip.get(d as usize).copied().unwrap_or(false) {
            continue;
        }
        let cells: Vec<String> = doc
            .children(d)
            .filter(|&c| matches!(doc.tag(c), "td" | "th"))
            .map(|c| {
                collapse_whitespace(&doc.subtree_text(c))
                    .replace('\\', "\\\\")
                    .replace('|', "\\|")
            })
            .collect();
        if !cells.is_empty() {
            rows.push(cells);
        }
    }
    let width = rows.iter().map(Vec::len).max().unwrap_or(0);
    let mut out = String::new();
    for (i, row) in rows.iter().enumerate() {
        out.push('|');
        for c in 0..width {
            out.push(' ');
            out.push_str(row.get(c).map_or("", String::as_str));
            out.push_str(" |");
        }
        out.push('\n');
        if i == 0 {
            out.push('|');
            out.push_str(&" --- |".repeat(width));
            out.push('\n');
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::markdown;
    use crate::dom::html::parse_str;

    fn md(html: &str) -> String {
        let doc = parse_str(html).unwrap();
        let body = doc.find_tag("body").unwrap();
        markdown(&doc, body, &[], None)
    }

    #[test]
    fn headings_paragraphs_inline() {
        let out = md("<h2>Tide  tables</h2><p>The <b>moon</b> pulls <a href='/w'>water</a>, <em>twice</em> a day.</p><p>Line<br>two</p>");
        assert_eq!(
            out,
            "## Tide tables\n\nThe **moon** pulls [water](/w), *twice* a day.\n\nLine\\\ntwo\n"
        );
    }

    #[test]
    fn lists_quotes_code_tables() {
        let out = md(
            "<ul><li>one</li><li>two<ol start=3><li>three</li></ol></li></ul>\
            <blockquote><p>Said once.</p><p>Said twice.</p></blockquote>\
            <pre><code class='language-rust'>fn main() {\n    let x = `a`;\n}</code></pre>\
            <table><tr><th>Name</th><th>Age</th></tr><tr><td>Ann | B</td><td>3</td></tr></table>",
        );
        assert_eq!(
            out,
            "- one\n- two\n  3. three\n\n> Said once.\n>\n> Said twice.\n\n```rust\nfn main() {\n    let x = `a`;\n}\n```\n\n| Name | Age |\n| --- | --- |\n| Ann \\| B | 3 |\n"
        );
    }

    #[test]
    fn text_that_reads_as_a_block_marker_stays_text() {
        let out = md(
            "<p>1.</p><p>- dash</p><p>+ plus</p><p># hash</p><p>12) twelve</p><p>In 2024. Fine</p>",
        );
        assert_eq!(
            out,
            "1\\.\n\n\\- dash\n\n\\+ plus\n\n\\# hash\n\n12\\) twelve\n\nIn 2024. Fine\n"
        );
        // An emphasis closed after a line break closes before it; markers alone make no line.
        let out = md("<p><em>Note:<br></em>text</p><p><em><b></b> </em></p><ul><li>x</li></ul>");
        assert_eq!(out, "*Note:*\\\ntext\n\n- x\n");
    }

    #[test]
    fn links_resolved_and_vetted() {
        let doc = parse_str("<body><p><a href='javascript:x()'>run</a> <a href='../b'>read</a> <img src='i.png' alt='pic'></p></body>").unwrap();
        let body = doc.find_tag("body").unwrap();
        let base = crate::output::url::Base::parse("https://h.example/a/c/page");
        assert_eq!(
            markdown(&doc, body, &[], base.as_ref()),
            "run [read](https://h.example/a/b) ![pic](https://h.example/a/c/i.png)\n"
        );
    }

    #[test]
    fn skip_and_escapes() {
        let doc = parse_str("<body><p>a*b_c</p><p>gone</p><script>x</script></body>").unwrap();
        let body = doc.find_tag("body").unwrap();
        let mut skip = vec![false; doc.len()];
        let second_p = (0..doc.len() as u32)
            .filter(|&i| doc.tag(i) == "p")
            .nth(1)
            .unwrap();
        skip[second_p as usize] = true;
        assert_eq!(markdown(&doc, body, &skip, None), "a\\*b\\_c\n");
    }
}
