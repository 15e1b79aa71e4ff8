//! Integration tests of the core, shared by every part of the team: each module under
//! `tests/core/` embeds its fixture pages with `include_str!`, so the same cases run natively
//! (`cargo test`) and under wasm32 (`wasm-bindgen-test-runner`, in a browser).

#[cfg(target_arch = "wasm32")]
wasm_bindgen_test::wasm_bindgen_test_configure!(run_in_browser);

#[path = "core/support.rs"]
mod support;

#[path = "core/extract.rs"]
mod extract;

#[path = "core/budget.rs"]
mod budget;

#[path = "core/markdown_option.rs"]
mod markdown_option;

#[path = "core/articles.rs"]
mod articles;

#[path = "core/decision.rs"]
mod decision;

#[path = "core/reader_blocks.rs"]
mod reader_blocks;

#[path = "core/page_types.rs"]
mod page_types;
