//! Runs a batch on all cores, prints results in input order, reports failures.

use crate::format::{render, render_error, render_json};
use crate::input::Input;
use crate::site_memory::{self, PageMemory};
use crate::Format;
use declutter::{dom, extract_doc, Extraction, Options};
use indicatif::{ProgressBar, ProgressStyle};
use rayon::prelude::*;
use std::io::{IsTerminal, Write};
use std::process::ExitCode;

/// Inputs handed to the thread pool at once per core: enough to keep every core busy while
/// holding only a bounded number of finished outputs in memory before they are printed in order.
const CHUNK_PER_THREAD: usize = 8;

/// Parses and extracts one input, then hands the result and the parsed page to `then`;
/// panics in the core become an error for this input only.
fn process<T>(
    input: &Input,
    opts: &Options,
    then: impl FnOnce(Extraction, &dom::Doc) -> T,
) -> Result<T, String> {
    let bytes = input.read()?;
    let work = || -> Result<T, String> {
        let started = std::time::Instant::now();
        let doc = dom::html::parse_bytes(&bytes).map_err(|e| e.to_string())?;
        let mut r = extract_doc(&doc, opts);
        r.ms = started.elapsed().as_secs_f64() * 1000.0;
        Ok(then(r, &doc))
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

/// Prints results in order; returns the failures, or the exit status when output broke off.
struct Printer<W: Write> {
    out: W,
    headers: bool,
    format: Format,
    failed: usize,
}

impl<W: Write> Printer<W> {
    fn print(
        &mut self,
        bar: &ProgressBar,
        input: &Input,
        result: Result<String, String>,
    ) -> Result<(), ExitCode> {
        let name = input.name();
        let written = match result {
            Ok(s) if self.headers => writeln!(self.out, "==> {name} <==\n{s}\n"),
            Ok(s) => writeln!(self.out, "{s}"),
            Err(e) => {
                self.failed += 1;
                bar.suspend(|| eprintln!("declutter: {name}: {e}"));
                match render_error(self.format, &name, &e) {
                    Some(line) => writeln!(self.out, "{line}"),
                    None => Ok(()),
                }
            }
        };
        written.map_err(|e| {
            // Stdout closed (e.g. piped into `head`): stop quietly, like other tools.
            if e.kind() == std::io::ErrorKind::BrokenPipe {
                ExitCode::SUCCESS
            } else {
                eprintln!("declutter: writing output: {e}");
                ExitCode::FAILURE
            }
        })
    }
}

/// Processes every input; returns failure when any input failed (the rest still run).
///
/// With `site_memory`, blocks seen on several pages of one site are hidden as that site's
/// furniture. That changes only the hidden blocks and duplicate groups, never the article, so
/// only `json`/`jsonl` show it; it needs every page read before any is printed, so those
/// formats then print once the whole batch is read (each page still parsed once).
pub fn run(inputs: &[Input], opts: &Options, format: Format, site_memory: bool) -> ExitCode {
    let bar = progress(inputs.len());
    let stdout = std::io::stdout();
    let mut printer = Printer {
        out: std::io::BufWriter::new(stdout.lock()),
        // Text-like formats name each page when there are several.
        headers: inputs.len() > 1
            && matches!(format, Format::Text | Format::Markdown | Format::Html),
        format,
        failed: 0,
    };
    let with_memory =
        site_memory && inputs.len() > 1 && matches!(format, Format::Json | Format::Jsonl);
    let printed = if with_memory {
        remembering(inputs, opts, format, &bar, &mut printer)
    } else {
        streaming(inputs, opts, format, &bar, &mut printer)
    };
    if let Err(code) = printed {
        return code;
    }
    bar.finish_and_clear();
    if printer.out.flush().is_err() {
        return ExitCode::FAILURE;
    }
    if printer.failed > 0 {
        eprintln!(
            "declutter: {} of {} inputs failed",
            printer.failed,
            inputs.len()
        );
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}

/// Each page rendered as soon as it is extracted, printed in order chunk by chunk.
fn streaming<W: Write>(
    inputs: &[Input],
    opts: &Options,
    format: Format,
    bar: &ProgressBar,
    printer: &mut Printer<W>,
) -> Result<(), ExitCode> {
    let chunk = rayon::current_num_threads().max(1) * CHUNK_PER_THREAD;
    for batch in inputs.chunks(chunk) {
        let results: Vec<Result<String, String>> = batch
            .par_iter()
            .map(|i| {
                let name = i.name();
                let r = process(i, opts, |r, doc| {
                    render(format, &name, &r, doc, opts.url.as_deref())
                });
                bar.inc(1);
                r
            })
            .collect();
        for (input, result) in batch.iter().zip(results) {
            printer.print(bar, input, result)?;
        }
    }
    Ok(())
}

/// Every page extracted once, keeping what site memory needs of it; then the batch's site
/// memory applied to all, and the pages printed in order.
fn remembering<W: Write>(
    inputs: &[Input],
    opts: &Options,
    format: Format,
    bar: &ProgressBar,
    printer: &mut Printer<W>,
) -> Result<(), ExitCode> {
    let results: Vec<Result<(Extraction, PageMemory), String>> = inputs
        .par_iter()
        .map(|i| {
            let r = process(i, opts, |r, doc| {
                let m = PageMemory::of(doc, &r, i);
                (r, m)
            });
            bar.inc(1);
            r
        })
        .collect();
    let mut pages: Vec<Option<(Extraction, PageMemory)>> = Vec::with_capacity(results.len());
    let mut errors: Vec<Option<String>> = Vec::with_capacity(results.len());
    for r in results {
        match r {
            Ok(p) => {
                pages.push(Some(p));
                errors.push(None);
            }
            Err(e) => {
                pages.push(None);
                errors.push(Some(e));
            }
        }
    }
    site_memory::apply(&mut pages);
    for ((input, page), error) in inputs.iter().zip(pages).zip(errors) {
        let result = match (page, error) {
            (Some((r, _)), _) => Ok(render_json(format == Format::Json, &input.name(), &r)),
            (None, e) => Err(e.unwrap_or_default()),
        };
        printer.print(bar, input, result)?;
    }
    Ok(())
}
