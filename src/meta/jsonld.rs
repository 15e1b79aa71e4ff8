//! schema.org JSON-LD (`<script type="application/ld+json">`): the publisher's own
//! structured description of the article, so it is the first source consulted.

use serde_json::{Map, Value};

/// schema.org types that describe an article-like page (CreativeWork subtypes used by
/// publishers for the main content). Checked case-sensitively as schema.org names are.
const ARTICLE_TYPES: &[&str] = &[
    "Article",
    "NewsArticle",
    "AnalysisNewsArticle",
    "AskPublicNewsArticle",
    "BackgroundNewsArticle",
    "OpinionNewsArticle",
    "ReportageNewsArticle",
    "ReviewNewsArticle",
    "BlogPosting",
    "LiveBlogPosting",
    "SocialMediaPosting",
    "DiscussionForumPosting",
    "TechArticle",
    "ScholarlyArticle",
    "MedicalScholarlyArticle",
    "SatiricalArticle",
    "AdvertiserContentArticle",
    "Report",
    "Review",
    "Recipe",
    "HowTo",
];
/// Types describing the page as a whole: a weaker source, used only when no article node exists.
const PAGE_TYPES: &[&str] = &["WebPage", "ItemPage", "AboutPage", "ProfilePage", "QAPage"];
/// Types describing the site: its name is the site name.
const SITE_TYPES: &[&str] = &["WebSite"];
/// Cap on nodes visited per document, so a hostile JSON-LD blob cannot cost much.
const MAX_NODES: usize = 10_000;

/// What the JSON-LD says about the article.
#[derive(Debug, Default, Clone, PartialEq)]
pub struct JsonLd {
    pub headline: Option<String>,
    pub name: Option<String>,
    pub authors: Vec<String>,
    pub published: Option<String>,
    pub publisher: Option<String>,
    pub site_name: Option<String>,
    pub description: Option<String>,
    pub image: Option<String>,
    pub language: Option<String>,
    /// Every `articleBody` string anywhere in the page's JSON-LD, as written (not cleaned),
    /// each followed by a line break; empty when there is none. Extraction uses it as a hint
    /// to the article's blocks (`extract::jsonld`), so the scripts are parsed once, here.
    pub article_body: String,
    /// The schema.org types of the page's JSON-LD nodes (local names, each once, in order):
    /// what kind of page the publisher says it is (`Product`, `ItemList`, ...).
    pub types: Vec<String>,
}

/// At most this many distinct types are kept (a page describes itself with a handful).
const MAX_TYPES: usize = 32;

/// Parses every JSON-LD script text and reads the first article-typed node (else a page node).
pub fn read<'a>(scripts: impl IntoIterator<Item = &'a str>) -> JsonLd {
    let mut nodes: Vec<Value> = Vec::new();
    let mut article_body = String::new();
    for s in scripts {
        if let Some(v) = parse_lenient(s) {
            collect_article_body(&v, &mut article_body);
            flatten(v, &mut nodes);
        }
    }
    let mut out = JsonLd {
        article_body,
        ..JsonLd::default()
    };
    for o in nodes.iter().filter_map(Value::as_object) {
        for t in o.get("@type").into_iter().flat_map(as_list) {
            let Some(t) = t.as_str() else { continue };
            let local = t.rsplit(['/', ':', '#']).next().unwrap_or(t);
            if out.types.len() < MAX_TYPES && !out.types.iter().any(|x| x == local) {
                out.types.push(local.to_string());
            }
        }
    }
    let by_id = |id: &str| -> Option<&Map<String, Value>> {
        nodes
            .iter()
            .filter_map(Value::as_object)
            .find(|o| o.get("@id").and_then(Value::as_str) == Some(id) && o.len() > 1)
    };
    let article = nodes
        .iter()
        .filter_map(Value::as_object)
        .find(|o| has_type(o, ARTICLE_TYPES))
        .or_else(|| {
            nodes
                .iter()
                .filter_map(Value::as_object)
                .find(|o| has_type(o, PAGE_TYPES))
        });
    if let Some(site) = nodes
        .iter()
        .filter_map(Value::as_object)
        .find(|o| has_type(o, SITE_TYPES))
    {
        out.site_name = string(site.get("name"));
    }
    let Some(a) = article else {
        return out;
    };
    // A reference `{"@id": ...}` points at a full node elsewhere in the graph.
    let deref = |v: &Value| -> Value {
        match v.as_object() {
            Some(o) if o.len() == 1 => o
                .get("@id")
                .and_then(Value::as_str)
                .and_then(by_id)
                .map_or_else(|| v.clone(), |m| Value::Object(m.clone())),
            _ => v.clone(),
        }
    };
    out.headline = string(a.get("headline"));
    out.name = string(a.get("name"));
    out.description = string(a.get("description"));
    out.published = string(a.get("datePublished")).or_else(|| string(a.get("dateCreated")));
    out.language = string(a.get("inLanguage"));
    if let Some(authors) = a.get("author").or_else(|| a.get("creator")) {
        for one in as_list(authors) {
            let one = deref(one);
            let name = match &one {
                Value::String(s) => Some(clean(s)),
                Value::Object(o) => string(o.get("name")),
                _ => None,
            };
            if let Some(n) = name.filter(|n| !n.is_empty() && !out.authors.contains(n)) {
                out.authors.push(n);
            }
        }
    }
    if let Some(p) = a.get("publisher") {
        let p = deref(as_list(p).next().unwrap_or(p));
        out.publisher = match &p {
            Value::String(s) => Some(clean(s)),
            Value::Object(o) => string(o.get("name")),
            _ => None,
        };
    }
    if let Some(img) = a.get("image").or_else(|| a.get("thumbnailUrl")) {
        out.image = image_url(&deref(as_list(img).next().unwrap_or(img)));
    }
    out
}

/// Parses a script's text; tolerates the wrappers pages put around it (CDATA, HTML comments)
/// and trailing junk after the value, which browsers' JSON-LD consumers also shrug off.
fn parse_lenient(s: &str) -> Option<Value> {
    let t = s.trim();
    if let Ok(v) = serde_json::from_str(t) {
        return Some(v);
    }
    let t = t
        .trim_start_matches("<!--")
        .trim_start_matches("//<![CDATA[")
        .trim_start_matches("<![CDATA[")
        .trim_end_matches("-->")
        .trim_end_matches("//]]>")
        .trim_end_matches("]]>")
        .trim()
        .trim_end_matches(';');
    // First complete value only (some pages concatenate several objects).
    let mut de = serde_json::Deserializer::from_str(t).into_iter::<Value>();
    de.next().and_then(Result::ok)
}

/// Appends every `articleBody` string in `v`, at any depth (publishers nest the article in
/// `@graph`, `mainEntity` or `hasPart`), each followed by a line break.
fn collect_article_body(v: &Value, out: &mut String) {
    // An explicit stack: structured data can nest deeply.
    let mut stack = vec![v];
    while let Some(v) = stack.pop() {
        match v {
            Value::Object(m) => {
                for (k, x) in m {
                    match (k.as_str(), x) {
                        ("articleBody", Value::String(t)) => {
                            out.push_str(t);
                            out.push('\n');
                        }
                        ("articleBody", _) => {}
                        _ => stack.push(x),
                    }
                }
            }
            Value::Array(a) => stack.extend(a.iter()),
            _ => {}
        }
    }
}

/// Lists every object: top-level, array items and `@graph` members (one level of nesting
/// plus `mainEntity`, which is where WebPage nodes put their article).
fn flatten(v: Value, out: &mut Vec<Value>) {
    let mut stack = vec![v];
    while let Some(v) = stack.pop() {
        if out.len() >= MAX_NODES {
            return;
        }
        match v {
            Value::Array(items) => stack.extend(items.into_iter().rev()),
            Value::Object(mut o) => {
                let graph = o.remove("@graph");
                let main = o.get("mainEntity").filter(|m| m.is_object()).cloned();
                out.push(Value::Object(o));
                if let Some(m) = main {
                    stack.push(m);
                }
                if let Some(g) = graph {
                    stack.push(g);
                }
            }
            _ => {}
        }
    }
}

fn has_type(o: &Map<String, Value>, types: &[&str]) -> bool {
    o.get("@type").is_some_and(|t| {
        as_list(t).any(|t| {
            t.as_str().is_some_and(|t| {
                // Accept full IRIs ("http://schema.org/NewsArticle") and prefixed names.
                let local = t.rsplit(['/', ':', '#']).next().unwrap_or(t);
                types.contains(&local)
            })
        })
    })
}

fn as_list(v: &Value) -> Box<dyn Iterator<Item = &Value> + '_> {
    match v {
        Value::Array(items) => Box::new(items.iter()),
        other => Box::new(std::iter::once(other)),
    }
}

/// A text value: a string, the first string of an array, or an object's `@value`/`name`.
fn string(v: Option<&Value>) -> Option<String> {
    let s = match v? {
        Value::String(s) => clean(s),
        Value::Array(items) => return items.iter().find_map(|i| string(Some(i))),
        Value::Object(o) => return string(o.get("@value").or_else(|| o.get("name"))),
        Value::Number(n) => n.to_string(),
        _ => return None,
    };
    (!s.is_empty()).then_some(s)
}

fn image_url(v: &Value) -> Option<String> {
    match v {
        Value::String(s) => Some(s.trim().to_string()).filter(|s| !s.is_empty()),
        Value::Object(o) => o
            .get("url")
            .or_else(|| o.get("contentUrl"))
            .or_else(|| o.get("@id"))
            .and_then(|u| image_url(as_list(u).next().unwrap_or(u))),
        _ => None,
    }
}

/// JSON-LD strings are plain text but pages often HTML-escape them twice; decode entities
/// and collapse white space.
fn clean(s: &str) -> String {
    crate::dom::collapse_whitespace(&super::entities::decode(s))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn graph_references_and_author_shapes() {
        let ld = r##"{"@context":"https://schema.org","@graph":[
            {"@type":"WebSite","@id":"#site","name":"The Example Times"},
            {"@type":"Person","@id":"#p1","name":"Ada Quill"},
            {"@type":["NewsArticle"],"headline":"Owls &amp; Larks","author":[{"@id":"#p1"},"Ben Ort",{"@type":"Person","name":"Ada Quill"}],
             "datePublished":"2020-02-02T10:00:00Z","publisher":{"@id":"#org"},"image":[{"url":"/i/a.jpg"}]},
            {"@type":"Organization","@id":"#org","name":"Example Media"}]}"##;
        let r = read([ld]);
        assert_eq!(r.headline.as_deref(), Some("Owls & Larks"));
        assert_eq!(r.authors, vec!["Ada Quill", "Ben Ort"]);
        assert_eq!(r.publisher.as_deref(), Some("Example Media"));
        assert_eq!(r.site_name.as_deref(), Some("The Example Times"));
        assert_eq!(r.image.as_deref(), Some("/i/a.jpg"));
    }

    #[test]
    fn arrays_wrappers_and_junk() {
        let r = read([
            "not json at all",
            "<!-- [{\"@type\":\"Organization\",\"name\":\"X\"},{\"@type\":\"BlogPosting\",\"name\":\"Post\",\"author\":\"Cy Dee\"}] -->",
        ]);
        assert_eq!(r.name.as_deref(), Some("Post"));
        assert_eq!(r.authors, vec!["Cy Dee"]);
        // A node that is not an article gives no metadata; only its type is noted.
        let thing = read(["{\"@type\":\"Thing\"}"]);
        assert_eq!(thing.types, vec!["Thing"]);
        assert_eq!(
            thing,
            JsonLd {
                types: vec!["Thing".to_string()],
                ..JsonLd::default()
            }
        );
    }

    #[test]
    fn article_body_is_read_through_wrappers() {
        let body = "The quay was rebuilt over the winter.";
        let strict = format!("{{\"@type\":\"NewsArticle\",\"articleBody\":\"{body}\"}}");
        let wrapped = format!("//<![CDATA[\n{{\"@graph\":[{{\"@type\":\"WebPage\",\"hasPart\":{{\"articleBody\":\"{body}\"}}}}]}}\n//]]>");
        for s in [strict, wrapped] {
            assert_eq!(read([s.as_str()]).article_body, format!("{body}\n"), "{s}");
        }
    }
}
