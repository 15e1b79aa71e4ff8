//! The HTML input: arbitrary bytes as an HTML page.
#![no_main]

#[path = "../cases.rs"]
mod cases;

libfuzzer_sys::fuzz_target!(|data: &[u8]| cases::html_case(data));
