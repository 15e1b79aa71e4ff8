//! Resolving and vetting URLs: the links and media the clean HTML carries, and the lead image
//! metadata reports (RFC 3986 reference resolution, small enough that the wasm build does not
//! pay for a full URL library with its IDNA tables). The one resolver of the crate.

/// Schemes a link may keep: web pages and the two contact schemes readers expect to work.
pub(crate) const LINK_SCHEMES: &[&str] = &["http", "https", "mailto", "tel"];
/// Schemes media (images, video, frames) may load from, besides the raster `data:` types.
pub(crate) const MEDIA_SCHEMES: &[&str] = &["http", "https"];
/// Raster image types allowed as `data:` URLs (SVG is left out: it can carry script).
pub(crate) const DATA_IMAGE_TYPES: &[&str] = &[
    "data:image/png",
    "data:image/jpeg",
    "data:image/jpg",
    "data:image/gif",
    "data:image/webp",
    "data:image/avif",
];

/// An absolute base URL split into the parts resolution needs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Base {
    scheme: String,
    /// `//host[:port]` including the slashes, or empty for schemes without one.
    authority: String,
    path: String,
    /// `?query` of the base (with the `?`), or empty: a fragment-only reference keeps it.
    query: String,
}

impl Base {
    /// Parses an absolute `scheme://host/path` URL; `None` for anything else.
    pub fn parse(url: &str) -> Option<Base> {
        let url = url.trim();
        let (scheme, rest) = split_scheme(url)?;
        let rest = rest.split('#').next().unwrap_or("");
        let (rest, query) = match rest.find('?') {
            Some(i) => (&rest[..i], rest[i..].to_string()),
            None => (rest, String::new()),
        };
        let (authority, path) = match rest.strip_prefix("//") {
            Some(r) => {
                let end = r.find('/').unwrap_or(r.len());
                (format!("//{}", &r[..end]), r[end..].to_string())
            }
            None => (String::new(), rest.to_string()),
        };
        if authority.len() <= 2 {
            return None;
        }
        Some(Base {
            scheme: scheme.to_ascii_lowercase(),
            authority,
            path: if path.is_empty() { "/".into() } else { path },
            query,
        })
    }

    /// Resolves a reference found in the page against this base.
    pub fn resolve(&self, reference: &str) -> String {
        // Browsers drop tabs and newlines inside URLs before parsing; so do we.
        let cleaned: String = reference
            .trim()
            .chars()
            .filter(|c| !matches!(c, '\t' | '\n' | '\r'))
            .collect();
        let r = cleaned.as_str();
        if split_scheme(r).is_some() {
            return r.to_string();
        }
        if let Some(rest) = r.strip_prefix("//") {
            return format!("{}://{rest}", self.scheme);
        }
        // A fragment-only (or empty) reference is the base document itself, query included.
        if r.starts_with('#') || r.is_empty() {
            let q = &self.query;
            return format!("{}:{}{}{q}{r}", self.scheme, self.authority, self.path);
        }
        if r.starts_with('?') {
            return format!("{}:{}{}{r}", self.scheme, self.authority, self.path);
        }
        let (path_part, suffix) = match r.find(['?', '#']) {
            Some(i) => (&r[..i], &r[i..]),
            None => (r, ""),
        };
        let merged = if path_part.starts_with('/') {
            path_part.to_string()
        } else {
            let dir = &self.path[..self.path.rfind('/').map_or(0, |i| i + 1)];
            format!("{dir}{path_part}")
        };
        format!(
            "{}:{}{}{suffix}",
            self.scheme,
            self.authority,
            remove_dots(&merged)
        )
    }
}

/// Is `s` already absolute (it starts with `scheme:`)?
pub fn is_absolute(s: &str) -> bool {
    split_scheme(s).is_some()
}

/// Resolves `href` against `base`, given as text: an absolute URL, or a root-relative path
/// (`/static/`, what a `<base href>` gives when the page's own URL is unknown). Returns `href`
/// (trimmed) when it is absolute or when there is no usable base.
pub fn resolve(base: Option<&str>, href: &str) -> String {
    let href = href.trim();
    let Some(base) = base.map(str::trim) else {
        return href.to_string();
    };
    if let Some(b) = Base::parse(base) {
        return b.resolve(href);
    }
    // A path-only base can still place a relative path; anything scheme- or host-relative
    // (or a base that is neither absolute nor rooted) is left as the page wrote it.
    if !base.starts_with('/') || is_absolute(href) || href.starts_with("//") {
        return href.to_string();
    }
    let base_path = &base[..base.find(['?', '#']).unwrap_or(base.len())];
    let (path_part, suffix) = match href.find(['?', '#']) {
        Some(i) => (&href[..i], &href[i..]),
        None => (href, ""),
    };
    let merged = if path_part.starts_with('/') {
        path_part.to_string()
    } else {
        let dir = &base_path[..base_path.rfind('/').map_or(0, |i| i + 1)];
        format!("{dir}{path_part}")
    };
    remove_dots(&merged) + suffix
}

/// `scheme:` at the start of a URL (letters, digits, `+-.`, starting with a letter).
fn split_scheme(url: &str) -> Option<(&str, &str)> {
    let colon = url.find(':')?;
    let scheme = &url[..colon];
    let ok = scheme
        .chars()
        .next()
        .is_some_and(|c| c.is_ascii_alphabetic())
        && scheme
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'));
    ok.then(|| (scheme, &url[colon + 1..]))
}

/// RFC 3986 section 5.2.4: removes `.` and `..` segments.
pub(crate) fn remove_dots(path: &str) -> String {
    let mut out: Vec<&str> = Vec::new();
    let segs: Vec<&str> = path.split('/').collect();
    for (i, s) in segs.iter().enumerate() {
        let last = i + 1 == segs.len();
        match *s {
            "." => {
                if last {
                    out.push("");
                }
            }
            ".." => {
                if out.len() > 1 {
                    out.pop();
                }
                if last {
                    out.push("");
                }
            }
            _ => out.push(s),
        }
    }
    let joined = out.join("/");
    if joined.starts_with('/') {
        joined
    } else {
        format!("/{joined}")
    }
}

/// The URL's scheme, lower-cased, ignoring the control characters and spaces browsers skip.
fn scheme_of(url: &str) -> Option<String> {
    let cleaned: String = url
        .chars()
        .filter(|c| !c.is_ascii_control() && !c.is_whitespace())
        .take(32)
        .collect();
    split_scheme(&cleaned).map(|(s, _)| s.to_ascii_lowercase())
}

/// A link target that is safe to keep (`None` drops the attribute).
pub fn safe_link(base: Option<&Base>, href: &str) -> Option<String> {
    let resolved = match base {
        Some(b) => b.resolve(href),
        None => href.trim().to_string(),
    };
    match scheme_of(&resolved) {
        Some(s) if LINK_SCHEMES.contains(&s.as_str()) => Some(resolved),
        Some(_) => None,
        // Still relative (no base known): harmless, the reader resolves it against itself.
        None => Some(resolved),
    }
}

/// A media source that is safe to keep: http(s), relative, or a raster `data:image`.
pub fn safe_media(base: Option<&Base>, src: &str) -> Option<String> {
    let trimmed = src.trim();
    let lower = trimmed.get(..16).unwrap_or(trimmed).to_ascii_lowercase();
    if lower.starts_with("data:") {
        return DATA_IMAGE_TYPES
            .iter()
            .any(|t| lower.starts_with(t))
            .then(|| trimmed.to_string());
    }
    let resolved = match base {
        Some(b) => b.resolve(trimmed),
        None => trimmed.to_string(),
    };
    match scheme_of(&resolved) {
        Some(s) if MEDIA_SCHEMES.contains(&s.as_str()) => Some(resolved),
        Some(_) => None,
        None => Some(resolved),
    }
}

/// Resolves each URL of a `srcset` list, dropping unsafe candidates.
pub fn safe_srcset(base: Option<&Base>, srcset: &str) -> Option<String> {
    let parts: Vec<String> = srcset
        .split(", ")
        .filter_map(|cand| {
            let cand = cand.trim();
            let (u, d) = cand.split_once(char::is_whitespace).unwrap_or((cand, ""));
            if u.to_ascii_lowercase().starts_with("data:") {
                return None;
            }
            let u = safe_media(base, u)?;
            Some(if d.is_empty() {
                u
            } else {
                format!("{u} {}", d.trim())
            })
        })
        .collect();
    (!parts.is_empty()).then(|| parts.join(", "))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn resolves_like_rfc_3986() {
        let b = Base::parse("https://ex.test/a/b/c?q=1#f").unwrap();
        assert_eq!(b.resolve("d"), "https://ex.test/a/b/d");
        assert_eq!(b.resolve("../d"), "https://ex.test/a/d");
        assert_eq!(b.resolve("/x/./y/../z"), "https://ex.test/x/z");
        assert_eq!(b.resolve("//cdn.test/i.png"), "https://cdn.test/i.png");
        assert_eq!(b.resolve("#top"), "https://ex.test/a/b/c?q=1#top");
        assert_eq!(b.resolve(""), "https://ex.test/a/b/c?q=1");
        assert_eq!(b.resolve("?r=2"), "https://ex.test/a/b/c?r=2");
        assert_eq!(b.resolve("http://o.test/"), "http://o.test/");
        assert!(Base::parse("not a url").is_none());
    }

    #[test]
    fn resolves_against_a_base_given_as_text() {
        let base = Some("https://news.example/a/b/page.html?x=1#top");
        assert_eq!(resolve(base, "img.jpg"), "https://news.example/a/b/img.jpg");
        assert_eq!(
            resolve(base, "../../../i.jpg"),
            "https://news.example/i.jpg"
        );
        assert_eq!(
            resolve(base, "./c/./d.png"),
            "https://news.example/a/b/c/d.png"
        );
        assert_eq!(
            resolve(base, "//cdn.example/i.png"),
            "https://cdn.example/i.png"
        );
        assert_eq!(
            resolve(base, "http://other.example/x"),
            "http://other.example/x"
        );
        assert_eq!(
            resolve(Some("https://h.example"), "i.png"),
            "https://h.example/i.png"
        );
        assert_eq!(resolve(None, " i.png "), "i.png");
        // Neither absolute nor rooted: nothing to resolve against.
        assert_eq!(resolve(Some("relative/base/"), "i.png"), "i.png");
        // A path-only <base> (page URL unknown) still places relative paths.
        assert_eq!(resolve(Some("/static/"), "img/i.png"), "/static/img/i.png");
        assert_eq!(
            resolve(Some("/static/a/"), "../i.png?v=2"),
            "/static/i.png?v=2"
        );
        assert_eq!(
            resolve(Some("/static/"), "//cdn.example/i.png"),
            "//cdn.example/i.png"
        );
        assert!(is_absolute("https://x.test") && !is_absolute("/x") && !is_absolute("1a:b"));
    }

    #[test]
    fn unsafe_schemes_are_dropped() {
        let b = Base::parse("https://ex.test/").unwrap();
        assert_eq!(safe_link(Some(&b), " JaVa\tscript:alert(1)"), None);
        assert_eq!(safe_link(Some(&b), "data:text/html,x"), None);
        assert_eq!(safe_media(Some(&b), "data:image/svg+xml,<svg>"), None);
        assert!(safe_media(Some(&b), "data:image/png;base64,AAAA").is_some());
        assert_eq!(
            safe_link(None, "mailto:a@b.test").as_deref(),
            Some("mailto:a@b.test")
        );
    }
}
