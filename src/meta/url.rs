//! Resolving a link against the page's URL (RFC 3986 section 5, for http(s)-like URLs).
//!
//! Small on purpose: metadata needs absolute image URLs, nothing more, and the core stays
//! free of a URL crate in the wasm build.

/// Is `s` already absolute (`scheme:` followed by something)?
pub fn is_absolute(s: &str) -> bool {
    let Some(colon) = s.find(':') else {
        return false;
    };
    let scheme = &s[..colon];
    !scheme.is_empty()
        && scheme.as_bytes()[0].is_ascii_alphabetic()
        && scheme
            .bytes()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, b'+' | b'-' | b'.'))
}

/// Resolves `href` against `base`: an absolute URL, or a root-relative path (`/static/`, what
/// a `<base href>` gives when the page URL is unknown). Returns `href` unchanged when it is
/// absolute or when there is no usable base.
pub fn resolve(base: Option<&str>, href: &str) -> String {
    let href = href.trim();
    if is_absolute(href) {
        return href.to_string();
    }
    let Some(base) = base
        .map(str::trim)
        .filter(|b| is_absolute(b) || b.starts_with('/'))
    else {
        return href.to_string();
    };
    let scheme_end = if is_absolute(base) {
        base.find(':').unwrap_or(0) + 1
    } else {
        0
    };
    let scheme = &base[..scheme_end];
    if let Some(rest) = href.strip_prefix("//") {
        return if scheme.is_empty() {
            href.to_string()
        } else {
            format!("{scheme}//{rest}")
        };
    }
    // Split the base into scheme+authority and path (no query/fragment).
    let after_scheme = &base[scheme_end..];
    let (authority, path) = match after_scheme.strip_prefix("//") {
        Some(rest) if !scheme.is_empty() => {
            let end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
            (format!("{scheme}//{}", &rest[..end]), &rest[end..])
        }
        _ => (scheme.to_string(), after_scheme),
    };
    let path = &path[..path.find(['?', '#']).unwrap_or(path.len())];
    if href.is_empty() {
        return base.to_string();
    }
    if href.starts_with('#') || href.starts_with('?') {
        let cut = if href.starts_with('#') {
            base.find('#')
        } else {
            base.find(['?', '#'])
        };
        return format!("{}{href}", &base[..cut.unwrap_or(base.len())]);
    }
    let joined = if href.starts_with('/') {
        href.to_string()
    } else {
        let dir = &path[..path.rfind('/').map_or(0, |i| i + 1)];
        let dir = if dir.is_empty() { "/" } else { dir };
        format!("{dir}{href}")
    };
    format!("{authority}{}", remove_dot_segments(&joined))
}

/// Removes `.` and `..` segments from the path part (query and fragment kept as they are).
fn remove_dot_segments(path_query: &str) -> String {
    let split = path_query.find(['?', '#']).unwrap_or(path_query.len());
    let (path, tail) = path_query.split_at(split);
    crate::output::url::remove_dots(path) + tail
}

#[cfg(test)]
mod tests {
    use super::resolve;

    #[test]
    fn resolves_like_a_browser() {
        let base = Some("https://news.example/a/b/page.html?x=1#top");
        assert_eq!(resolve(base, "img.jpg"), "https://news.example/a/b/img.jpg");
        assert_eq!(
            resolve(base, "../img.jpg"),
            "https://news.example/a/img.jpg"
        );
        assert_eq!(
            resolve(base, "../../../img.jpg"),
            "https://news.example/img.jpg"
        );
        assert_eq!(resolve(base, "/img.jpg"), "https://news.example/img.jpg");
        assert_eq!(
            resolve(base, "//cdn.example/i.png"),
            "https://cdn.example/i.png"
        );
        assert_eq!(
            resolve(base, "http://other.example/x"),
            "http://other.example/x"
        );
        assert_eq!(
            resolve(base, "./c/./d.png"),
            "https://news.example/a/b/c/d.png"
        );
        assert_eq!(
            resolve(Some("https://h.example"), "i.png"),
            "https://h.example/i.png"
        );
        assert_eq!(resolve(None, "i.png"), "i.png");
        assert_eq!(resolve(Some("relative/base/"), "i.png"), "i.png");
        assert_eq!(resolve(Some("/static/"), "img/i.png"), "/static/img/i.png");
        assert_eq!(
            resolve(Some("/static/"), "//cdn.example/i.png"),
            "//cdn.example/i.png"
        );
    }
}
