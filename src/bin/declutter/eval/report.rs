//! What `declutter eval` prints besides the scorer's figures: the one-decision check, the
//! figures per page type, each page's word F1 (worst first) and the metadata agreement, each
//! per half.

use super::{wcxb_id, Half, Prediction, Truth};
use serde_json::Value;
use std::collections::HashMap;

/// `  one decision: violations=0 ...`: pages whose hidden list covers kept article text or
/// whose renderings are not the container without what was left out (must be 0), with the
/// first few for a look.
pub(super) fn decision_line(preds: &[Prediction]) -> String {
    let bad: Vec<&Prediction> = preds.iter().filter(|p| !p.violations.is_empty()).collect();
    let mut line = format!(
        "  one decision: violations={} pages={} (hidden blocks holding or inside the kept text, renderings off the decision)",
        bad.iter().map(|p| p.violations.len()).sum::<usize>(),
        bad.len()
    );
    for p in bad.iter().take(3) {
        line.push_str(&format!("\n    {}: {}", p.file.display(), p.violations[0]));
    }
    line
}

/// `  article n=793 f1=0.941 A=0.94 B=0.94`, one line per page type.
pub(super) fn per_type_lines(all: &Value, halves: &[Value]) -> Vec<String> {
    let Some(types) = all.get("per_type").and_then(Value::as_object) else {
        return Vec::new();
    };
    types
        .iter()
        .map(|(t, v)| {
            let f = |x: &Value| {
                x.get("per_type")
                    .and_then(|p| p.get(t))
                    .and_then(|p| p.get("f1"))
                    .map_or("-".to_string(), |f| f.to_string())
            };
            format!(
                "  {t:<14} n={:<4} f1={} A.f1={} B.f1={}",
                v.get("n").map_or(0, |n| n.as_u64().unwrap_or(0)),
                v.get("f1").map_or("-".to_string(), |f| f.to_string()),
                f(&halves[0]),
                f(&halves[1])
            )
        })
        .collect()
}

/// Lower-cased words (runs of letters, digits and `_`), as score.py's `\w+` counts them.
fn words(text: &str) -> HashMap<String, u32> {
    let mut out = HashMap::new();
    for w in text
        .split(|c: char| !(c.is_alphanumeric() || c == '_'))
        .filter(|w| !w.is_empty())
    {
        *out.entry(w.to_lowercase()).or_insert(0) += 1;
    }
    out
}

/// Bag-of-words precision, recall and F1 of `pred` against `truth` (the wcxb metric).
pub fn word_prf(truth: &str, pred: &str) -> (f64, f64, f64) {
    let (a, b) = (words(truth), words(pred));
    let na: u32 = a.values().sum();
    let nb: u32 = b.values().sum();
    if na == 0 {
        let v = if nb == 0 { 1.0 } else { 0.0 };
        return (v, v, v);
    }
    if nb == 0 {
        return (0.0, 0.0, 0.0);
    }
    let overlap: u32 = a
        .iter()
        .map(|(w, &n)| n.min(b.get(w).copied().unwrap_or(0)))
        .sum();
    let p = f64::from(overlap) / f64::from(nb);
    let r = f64::from(overlap) / f64::from(na);
    let f = if p + r > 0.0 {
        2.0 * p * r / (p + r)
    } else {
        0.0
    };
    (p, r, f)
}

/// One tab-separated row per wcxb page, worst F1 first: id, type, half, F1, precision,
/// recall, words expected, words found, url.
pub(super) fn page_table(
    preds: &[Prediction],
    truth: &Truth,
    half: impl Fn(&Prediction) -> Half,
) -> Vec<String> {
    let mut rows: Vec<(f64, String)> = preds
        .iter()
        .filter_map(|p| {
            let id = wcxb_id(&p.file);
            let g = truth.wcxb.get(&id)?;
            let gt = g.get("main_content").and_then(Value::as_str).unwrap_or("");
            let (pr, rc, f) = word_prf(gt, &p.text);
            let s = |k: &str| g.get(k).and_then(Value::as_str).unwrap_or("").to_string();
            Some((
                f,
                format!(
                    "{id}\t{}\t{:?}\t{f:.3}\t{pr:.3}\t{rc:.3}\t{}\t{}\t{}",
                    s("page_type"),
                    half(p),
                    gt.split_whitespace().count(),
                    p.text.split_whitespace().count(),
                    s("url")
                ),
            ))
        })
        .collect();
    rows.sort_by(|a, b| a.0.total_cmp(&b.0));
    let mut out =
        vec!["id\ttype\thalf\tf1\tprecision\trecall\twords_expected\twords_found\turl".to_string()];
    out.extend(rows.into_iter().map(|r| r.1));
    out
}

/// Collapses white space and lower-cases, for comparing metadata values.
fn norm(s: &str) -> String {
    s.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

/// A byline without a leading "by" and without punctuation around names.
fn norm_author(s: &str) -> String {
    let n = norm(s);
    let n = n.strip_prefix("by ").unwrap_or(&n);
    n.chars()
        .map(|c| if c.is_alphanumeric() { c } else { ' ' })
        .collect::<String>()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// Metadata agreement with wcxb's title, author and publish_date, over the pages whose ground
/// truth has a value: exact (after white space and case) and lenient (titles: one holds the
/// other, as a site name we cut or kept; authors: one holds the other; dates: the same day).
pub(super) fn meta_lines(
    preds: &[Prediction],
    truth: &Truth,
    half: impl Fn(&Prediction) -> Half,
) -> Vec<String> {
    type Pick = fn(&Prediction) -> Option<&String>;
    let fields: [(&str, &str, Pick); 3] = [
        ("title", "title", |p| p.title.as_ref()),
        ("author", "author", |p| p.byline.as_ref()),
        ("date", "publish_date", |p| p.published.as_ref()),
    ];
    let mut out = Vec::new();
    for (label, key, ours) in fields {
        // [all, A, B] x (cases, exact, lenient); extra: we give a value where truth has none.
        let mut c = [[0usize; 3]; 3];
        let mut extra = 0usize;
        for p in preds {
            let Some(g) = truth.wcxb.get(&wcxb_id(&p.file)) else {
                continue;
            };
            let expected = g
                .get(key)
                .and_then(Value::as_str)
                .filter(|s| !s.trim().is_empty());
            let got = ours(p).filter(|s| !s.trim().is_empty());
            let Some(e) = expected else {
                extra += usize::from(got.is_some());
                continue;
            };
            let (exact, lenient) = match got {
                None => (false, false),
                Some(o) => match label {
                    "date" => {
                        let day = |s: &str| s.trim().chars().take(10).collect::<String>();
                        (day(o) == day(e), day(o) == day(e))
                    }
                    "author" => {
                        let (a, b) = (norm_author(e), norm_author(o));
                        (
                            a == b,
                            !a.is_empty() && !b.is_empty() && (a.contains(&b) || b.contains(&a)),
                        )
                    }
                    _ => {
                        let (a, b) = (norm(e), norm(o));
                        (a == b, !b.is_empty() && (a.contains(&b) || b.contains(&a)))
                    }
                },
            };
            let h = 1 + usize::from(half(p) == Half::B);
            for row in [0, h] {
                c[row][0] += 1;
                c[row][1] += usize::from(exact);
                c[row][2] += usize::from(exact || lenient);
            }
        }
        let pct = |r: [usize; 3], i: usize| {
            if r[0] == 0 {
                "-".to_string()
            } else {
                format!("{:.3}", r[i] as f64 / r[0] as f64)
            }
        };
        out.push(format!(
            "  meta {label:<7} n={:<4} exact={} lenient={} A.exact={} B.exact={} extra={extra}",
            c[0][0],
            pct(c[0], 1),
            pct(c[0], 2),
            pct(c[1], 1),
            pct(c[2], 1),
        ));
    }
    out
}
