//! Runs a batch on all cores, prints results in input order, reports failures.

use crate::format::{render, render_error};
use crate::input::Input;
use crate::site_memory::SiteMemory;
use crate::Format;
use declutter::{extract_html, Options};
use indicatif::{ProgressBar, ProgressStyle};
use rayon::prelude::*;
use std::io::{IsTerminal, Write};
use std::process::ExitCode;

/// Inputs handed to the thread pool at once per core: enough to keep every core busy while
/// holding only a bounded number of finished outputs in memory before they are printed in order.
const CHUNK_PER_THREAD: usize = 8;

/// Parses and extracts one input; panics in the core become an error for this input only.
fn process(input: &Input, opts: &Options, format: Format) -> Result<String, String> {
    let bytes = input.read()?;
    let name = input.name();
    let work = || -> Result<String, String> {
        let r = extract_html(&bytes, opts).map_err(|e| e.to_string())?;
        Ok(render(format, &name, r))
    };
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(work))
        .unwrap_or_else(|p| Err(format!("internal error: {}", panic_message(&*p))))
}

fn panic_message(p: &(dyn std::any::Any + Send)) -> String {
    p.downcast_ref::<&str>()
        .map(|s| s.to_string())
        .or_else(|| p.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "panic".to_string())
}

fn progress(len: usize) -> ProgressBar {
    // A bar only for a person watching: not when stderr is a file or pipe, not for one page.
    if len < 2 || !std::io::stderr().is_terminal() {
        return ProgressBar::hidden();
    }
    let bar = ProgressBar::new(len as u64);
    if let Ok(style) =
        ProgressStyle::with_template("{bar:40} {pos}/{len} pages  {per_sec}  eta {eta}")
    {
        bar.set_style(style);
    }
    bar
}

/// Processes every input; returns failure when any input failed (the rest still run).
pub fn run(inputs: &[Input], opts: &Options, format: Format, memory: &SiteMemory) -> ExitCode {
    let bar = progress(inputs.len());
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let mut failed = 0usize;
    // Text-like formats name each page when there are several.
    let headers =
        inputs.len() > 1 && matches!(format, Format::Text | Format::Markdown | Format::Html);
    let chunk = rayon::current_num_threads().max(1) * CHUNK_PER_THREAD;
    for (n, batch) in inputs.chunks(chunk).enumerate() {
        let results: Vec<Result<String, String>> = batch
            .par_iter()
            .enumerate()
            .map(|(k, i)| {
                let r = process(i, &memory.options(n * chunk + k, opts), format);
                bar.inc(1);
                r
            })
            .collect();
        for (input, result) in batch.iter().zip(results) {
            let name = input.name();
            let written = match result {
                Ok(s) if headers => writeln!(out, "==> {name} <==\n{s}\n"),
                Ok(s) => writeln!(out, "{s}"),
                Err(e) => {
                    failed += 1;
                    bar.suspend(|| eprintln!("declutter: {name}: {e}"));
                    match render_error(format, &name, &e) {
                        Some(line) => writeln!(out, "{line}"),
                        None => Ok(()),
                    }
                }
            };
            if let Err(e) = written {
                // Stdout closed (e.g. piped into `head`): stop quietly, like other tools.
                if e.kind() == std::io::ErrorKind::BrokenPipe {
                    return ExitCode::SUCCESS;
                }
                eprintln!("declutter: writing output: {e}");
                return ExitCode::FAILURE;
            }
        }
    }
    bar.finish_and_clear();
    if out.flush().is_err() {
        return ExitCode::FAILURE;
    }
    if failed > 0 {
        eprintln!("declutter: {failed} of {} inputs failed", inputs.len());
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}
