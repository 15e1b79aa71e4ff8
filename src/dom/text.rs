//! Small text helpers shared by the heuristics.

/// Collapses every run of white space to one space and trims the ends.
pub fn collapse_whitespace(s: &str) -> String {
    // `split_whitespace` joined by single spaces, with ASCII read byte by byte (no decoding):
    // this runs over all the text the output renders.
    let mut out = String::with_capacity(s.len());
    let bytes = s.as_bytes();
    // Start of the word being read, if any.
    let mut word: Option<usize> = None;
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        let (space, len) = if b < 0x80 {
            // `char::is_whitespace` on ASCII: tab, line feed, vertical tab, form feed, CR, space.
            (matches!(b, b'\t'..=b'\r' | b' '), 1)
        } else {
            let c = s[i..].chars().next().unwrap_or(' ');
            (c.is_whitespace(), c.len_utf8())
        };
        if space {
            if let Some(start) = word.take() {
                push_word(&mut out, &s[start..i]);
            }
        } else if word.is_none() {
            word = Some(i);
        }
        i += len;
    }
    if let Some(start) = word {
        push_word(&mut out, &s[start..]);
    }
    out
}

fn push_word(out: &mut String, w: &str) {
    if !out.is_empty() {
        out.push(' ');
    }
    out.push_str(w);
}

/// The soft hyphen (U+00AD): an invisible mark where a word may break at a line's end, no
/// character of the word. Text that keeps it no longer matches the word a reader types or
/// searches for (`Donau\u{AD}dampf\u{AD}schiff`), so the plain renderings drop it.
pub const SOFT_HYPHEN: char = '\u{AD}';

/// Removes every soft hyphen from `s` (nothing to do, and no copy, when it holds none).
pub fn drop_soft_hyphens(s: &mut String) {
    if s.contains(SOFT_HYPHEN) {
        s.retain(|c| c != SOFT_HYPHEN);
    }
}

/// True when the string holds nothing but white space.
pub fn is_blank(s: &str) -> bool {
    s.chars().all(char::is_whitespace)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn collapse_matches_split_whitespace() {
        for s in [
            "",
            "  ",
            " a  b\tc\n\x0bd\x0ce\rf ",
            "caf\u{e9}\u{a0}na\u{ef}ve\u{2003}x\u{3000}y\u{85}z\u{1c}w",
            "\u{4eca}\u{65e5} \u{306f}",
        ] {
            let want = s.split_whitespace().collect::<Vec<_>>().join(" ");
            assert_eq!(collapse_whitespace(s), want, "{s:?}");
        }
    }
}
