//! Runs a batch on all cores, prints results in input order, reports failures.
//!
//! The batch is a stream of jobs: one per page file, one per record of a WARC file (read as
//! the batch goes, so a crawl file of any size is never held whole). Jobs go to the thread
//! pool a chunk at a time and their outputs are printed in order.

use crate::input::Input;
use crate::site_memory::SiteMemory;
use declutter::{
    extract_html, open_warc, Extraction, Format, Options, Source, WarcError, WarcPage,
};
use indicatif::{ProgressBar, ProgressStyle};
use rayon::prelude::*;
use std::io::{IsTerminal, Write};
use std::process::ExitCode;

/// Jobs handed to the thread pool at once per core: enough to keep every core busy while
/// holding only a bounded number of finished outputs in memory before they are printed in order.
const CHUNK_PER_THREAD: usize = 8;

/// One page to process.
enum Job<'a> {
    /// A page file or stdin; `index` is its place among the inputs (for site memory).
    Page { index: usize, input: &'a Input },
    /// A page of a WARC file, or a record of it that could not be read.
    Record {
        file: String,
        record: Result<WarcPage, WarcError>,
    },
    /// A WARC file that could not be opened.
    BadWarc { file: String, message: String },
}

/// What a job gives: where the page came from, and its output or an error message.
struct Outcome {
    source: Source,
    /// For a broken WARC record: its number in the file and how it is named on stderr.
    record: Option<(usize, String)>,
    result: Result<String, String>,
}

/// All jobs in input order; WARC files are opened and read only when the batch reaches them.
fn jobs(inputs: &[Input]) -> impl Iterator<Item = Job<'_>> {
    inputs
        .iter()
        .enumerate()
        .flat_map(|(index, input)| -> Box<dyn Iterator<Item = Job<'_>>> {
            match input {
                Input::Warc(path) => {
                    let file = input.name();
                    match open_warc(path) {
                        Ok(pages) => Box::new(pages.map(move |record| Job::Record {
                            file: file.clone(),
                            record,
                        })),
                        Err(e) => Box::new(std::iter::once(Job::BadWarc {
                            file,
                            message: e.to_string(),
                        })),
                    }
                }
                _ => Box::new(std::iter::once(Job::Page { index, input })),
            }
        })
}

/// Runs the core on one page; a panic in the core becomes an error for this page only.
fn guarded(work: impl FnOnce() -> Result<String, String>) -> Result<String, String> {
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(work))
        .unwrap_or_else(|p| Err(format!("internal error: {}", panic_message(&*p))))
}

/// A page's outcome: its extraction rendered, or what went wrong.
fn extracted(
    source: Source,
    format: Format,
    work: impl FnOnce() -> Result<Extraction, String>,
) -> Outcome {
    let result = guarded(|| work().map(|r| format.render(&source, r)));
    Outcome {
        source,
        record: None,
        result,
    }
}

fn process(job: Job<'_>, opts: &Options, format: Format, memory: &SiteMemory) -> Outcome {
    match job {
        Job::Page { index, input } => {
            let opts = memory.options(index, opts);
            extracted(Source::file(input.name()), format, || {
                extract_html(&input.read()?, &opts).map_err(|e| e.to_string())
            })
        }
        Job::Record {
            file,
            record: Ok(page),
        } => {
            let source = Source {
                file,
                record: Some((page.record_id.clone(), page.url.clone())),
            };
            extracted(source, format, || {
                page.extract(opts).map_err(|e| e.to_string())
            })
        }
        Job::Record {
            file,
            record: Err(e),
        } => Outcome {
            source: Source {
                file,
                record: e.record_id.clone().map(|id| (id, None)),
            },
            record: Some((e.record, e.to_string())),
            result: Err(e.message),
        },
        Job::BadWarc { file, message } => Outcome {
            source: Source::file(file),
            record: None,
            result: Err(message),
        },
    }
}

fn panic_message(p: &(dyn std::any::Any + Send)) -> String {
    p.downcast_ref::<&str>()
        .map(|s| s.to_string())
        .or_else(|| p.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "panic".to_string())
}

fn progress(inputs: &[Input]) -> ProgressBar {
    // A bar only for a person watching: not when stderr is a file or pipe, not for one page.
    let warc = inputs.iter().any(|i| matches!(i, Input::Warc(_)));
    if (inputs.len() < 2 && !warc) || !std::io::stderr().is_terminal() {
        return ProgressBar::hidden();
    }
    // The pages of a WARC file are not known before it is read: a count, no bar.
    let (bar, template) = if warc {
        (ProgressBar::no_length(), "{pos} pages  {per_sec}")
    } else {
        (
            ProgressBar::new(inputs.len() as u64),
            "{bar:40} {pos}/{len} pages  {per_sec}  eta {eta}",
        )
    };
    if let Ok(style) = ProgressStyle::with_template(template) {
        bar.set_style(style);
    }
    bar
}

/// Processes every page; returns failure when any page failed (the rest still run).
pub fn run(inputs: &[Input], opts: &Options, format: Format, memory: &SiteMemory) -> ExitCode {
    let bar = progress(inputs);
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let (mut failed, mut total) = (0usize, 0usize);
    // Text-like formats name each page when there are several.
    let several = inputs.len() > 1 || inputs.iter().any(|i| matches!(i, Input::Warc(_)));
    let headers = several && matches!(format, Format::Text | Format::Markdown | Format::Html);
    let chunk = rayon::current_num_threads().max(1) * CHUNK_PER_THREAD;
    let mut jobs = jobs(inputs).peekable();
    while jobs.peek().is_some() {
        let batch: Vec<Job<'_>> = jobs.by_ref().take(chunk).collect();
        total += batch.len();
        let outcomes: Vec<Outcome> = batch
            .into_par_iter()
            .map(|job| {
                let o = process(job, opts, format, memory);
                bar.inc(1);
                o
            })
            .collect();
        for o in outcomes {
            let written = match o.result {
                Ok(s) if headers => writeln!(out, "{}\n{s}\n", o.source.header()),
                Ok(s) => writeln!(out, "{s}"),
                Err(e) => {
                    failed += 1;
                    let name = &o.source.file;
                    let what = o.record.as_ref().map_or(&e, |(_, said)| said);
                    bar.suspend(|| eprintln!("declutter: {name}: {what}"));
                    match format.render_error(&o.source, o.record.map(|(n, _)| n), &e) {
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
        eprintln!("declutter: {failed} of {total} inputs failed");
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}
