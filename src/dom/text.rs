//! Small text helpers shared by the heuristics.

/// Collapses every run of white space to one space and trims the ends.
pub fn collapse_whitespace(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for w in s.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(w);
    }
    out
}

/// True when the string holds nothing but white space.
pub fn is_blank(s: &str) -> bool {
    s.chars().all(char::is_whitespace)
}
