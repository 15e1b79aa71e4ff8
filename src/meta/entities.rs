//! HTML character references inside strings that the HTML parser did not see (JSON-LD).

/// Named references pages actually leave in JSON-LD text (punctuation and the basics).
const NAMED: &[(&str, char)] = &[
    ("amp", '&'),
    ("lt", '<'),
    ("gt", '>'),
    ("quot", '"'),
    ("apos", '\''),
    ("nbsp", '\u{a0}'),
    ("ndash", '\u{2013}'),
    ("mdash", '\u{2014}'),
    ("lsquo", '\u{2018}'),
    ("rsquo", '\u{2019}'),
    ("ldquo", '\u{201c}'),
    ("rdquo", '\u{201d}'),
    ("hellip", '\u{2026}'),
    ("copy", '\u{a9}'),
];
/// Longest reference name considered (`&hellip;` plus room for numeric forms).
const MAX_REF_LEN: usize = 10;

/// Decodes `&name;`, `&#N;` and `&#xH;`; anything unrecognised stays as written.
pub fn decode(s: &str) -> String {
    if !s.contains('&') {
        return s.to_string();
    }
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        let after = &rest[amp + 1..];
        let semi = after
            .char_indices()
            .take(MAX_REF_LEN + 1)
            .find(|&(_, c)| c == ';')
            .map(|(i, _)| i);
        let decoded = semi.and_then(|i| reference(&after[..i]).map(|c| (c, i)));
        match decoded {
            Some((c, i)) => {
                out.push(c);
                rest = &after[i + 1..];
            }
            None => {
                out.push('&');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

fn reference(name: &str) -> Option<char> {
    if let Some(num) = name.strip_prefix('#') {
        let code = match num.strip_prefix(['x', 'X']) {
            Some(hex) => u32::from_str_radix(hex, 16).ok()?,
            None => num.parse().ok()?,
        };
        // NUL and surrogates are not characters; the HTML standard maps them to U+FFFD.
        return Some(
            char::from_u32(code)
                .filter(|&c| c != '\0')
                .unwrap_or('\u{fffd}'),
        );
    }
    NAMED.iter().find(|(n, _)| *n == name).map(|&(_, c)| c)
}

#[cfg(test)]
mod tests {
    #[test]
    fn decodes_known_and_keeps_unknown() {
        assert_eq!(
            super::decode("Tom &amp; Jerry&#39;s &#x1F600; &bogus; & done"),
            "Tom & Jerry's \u{1F600} &bogus; & done"
        );
        assert_eq!(super::decode("&#xD800;"), "\u{fffd}");
    }
}
