//! The snapshot input: arbitrary bytes decoded into a live-page snapshot.
#![no_main]

#[path = "../cases.rs"]
mod cases;

libfuzzer_sys::fuzz_target!(|data: &[u8]| cases::snapshot_case(data));
