//! The wasm glue: two data-only calls (the extension's build has only the snapshot's: it leaves
//! out the feature `html`). Everything else is plain Rust.

use crate::dom::snapshot::{parse_ints, Packed};
use crate::{Error, Options};
use wasm_bindgen::prelude::*;

fn options(v: JsValue) -> Result<Options, JsError> {
    if v.is_undefined() || v.is_null() {
        return Ok(Options::default());
    }
    serde_wasm_bindgen::from_value(v).map_err(|e| JsError::from(Error::Options(e.to_string())))
}

fn to_js<T: serde::Serialize>(v: &T) -> Result<JsValue, JsError> {
    v.serialize(&serde_wasm_bindgen::Serializer::json_compatible())
        .map_err(|e| JsError::new(&e.to_string()))
}

/// Extracts from HTML: a string (already decoded) or a Uint8Array of bytes in any charset.
#[cfg(feature = "html")]
#[wasm_bindgen(js_name = extractHtml)]
pub fn extract_html(input: JsValue, options_value: JsValue) -> Result<JsValue, JsError> {
    let opts = options(options_value)?;
    let r = if let Some(s) = input.as_string() {
        crate::extract_html_str(&s, &opts)
    } else if input.is_instance_of::<js_sys::Uint8Array>() {
        crate::extract_html(&js_sys::Uint8Array::from(input).to_vec(), &opts)
    } else {
        return Err(JsError::new("extractHtml takes a string or a Uint8Array"));
    };
    to_js(&r?)
}

/// Extracts from a live-page snapshot in its compact form (`src/dom/snapshot.rs`, [`Packed`]):
/// all names and texts as one string, and the entries' integers as decimals joined by commas.
/// The page's URL goes in the options (`url`).
#[wasm_bindgen(js_name = extractSnapshot)]
pub fn extract_snapshot(
    text: &str,
    ints: &str,
    options_value: JsValue,
) -> Result<JsValue, JsError> {
    let opts = options(options_value)?;
    let ints = parse_ints(ints)?;
    to_js(&crate::extract_packed(
        &Packed { text, ints: &ints },
        &opts,
    )?)
}

/// The definitions the JavaScript side shares with the core (`src/contracts.rs`); the build
/// writes them into the scripts' shared module.
#[wasm_bindgen]
pub fn contracts() -> Result<JsValue, JsError> {
    to_js(&crate::contracts::contracts())
}
