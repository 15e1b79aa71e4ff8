//! The Python package's native module, `declutter._declutter` (PyO3; built by maturin from
//! `pyproject.toml`, Python side in `src/python/declutter/`, stubs in `_declutter.pyi`).
//!
//! Each call copies its input out of Python, releases the GIL while the core runs (so Python
//! threads and Dask workers run alongside), and hands back what the CLI prints for the same
//! page: `output="json"` is the CLI's JSON object (as a dict, without `file`), the other forms
//! the same strings. Batches run on all cores (rayon). A page the core cannot read raises
//! `DeclutterError` with the CLI's message.

use crate::{
    open_warc, Error, Extraction, Format, Options, Source, WarcError, WarcPage, WarcPages,
};
use pyo3::exceptions::{PyException, PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::{PyByteArray, PyBytes, PyString, PyTuple};
use rayon::prelude::*;
use std::collections::VecDeque;
use std::sync::Mutex;

pyo3::create_exception!(
    declutter,
    DeclutterError,
    PyException,
    "A page Declutter could not read; the message says what was wrong with it (the CLI's words)."
);

pyo3::create_exception!(
    declutter,
    DeclutterWarning,
    pyo3::exceptions::PyUserWarning,
    "A record of a WARC file that could not be read and was skipped."
);

/// WARC pages extracted per round when reading a WARC file, per core: enough to keep every
/// core busy, few enough to hold in memory.
const WARC_PAGES_PER_THREAD: usize = 8;

/// A page's HTML, copied out of Python so the core can run without the GIL.
enum Html {
    Text(String),
    Bytes(Vec<u8>),
}

impl<'a, 'py> FromPyObject<'a, 'py> for Html {
    type Error = PyErr;

    fn extract(ob: Borrowed<'a, 'py, PyAny>) -> PyResult<Self> {
        if let Ok(s) = ob.cast::<PyString>() {
            Ok(Html::Text(s.to_cow()?.into_owned()))
        } else if let Ok(b) = ob.cast::<PyBytes>() {
            Ok(Html::Bytes(b.as_bytes().to_vec()))
        } else if let Ok(b) = ob.cast::<PyByteArray>() {
            Ok(Html::Bytes(b.to_vec()))
        } else {
            Err(PyTypeError::new_err(format!(
                "a page is str or bytes, not {}",
                ob.get_type().name()?
            )))
        }
    }
}

/// The output form named by `output=`.
fn format_of(output: &str) -> PyResult<Format> {
    match output {
        "text" => Ok(Format::Text),
        "markdown" => Ok(Format::Markdown),
        "html" => Ok(Format::Html),
        "json" => Ok(Format::Json),
        other => Err(PyValueError::new_err(format!(
            "output must be \"text\", \"markdown\", \"html\" or \"json\", not {other:?}"
        ))),
    }
}

/// Runs the core on one page (as the CLI does: bytes through the charset sniffer); a panic in
/// the core becomes an error for this page only, with the CLI's words.
fn run(html: &Html, options: &Options) -> Result<Extraction, String> {
    let work = || match html {
        Html::Text(s) => crate::extract_html_str(s, options),
        Html::Bytes(b) => crate::extract_html(b, options),
    };
    guarded(|| work().map_err(|e: Error| e.to_string()))
}

fn guarded<T>(work: impl FnOnce() -> Result<T, String>) -> Result<T, String> {
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(work)).unwrap_or_else(|p| {
        let m = p
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| p.downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "panic".to_string());
        Err(format!("internal error: {m}"))
    })
}

/// Python's `json.loads` of a JSON text.
fn json_to_py(py: Python<'_>, json: &str) -> PyResult<Py<PyAny>> {
    Ok(py.import("json")?.call_method1("loads", (json,))?.unbind())
}

/// The result handed to Python: a dict for json, else the CLI's string.
fn to_py(py: Python<'_>, format: Format, r: Extraction) -> PyResult<Py<PyAny>> {
    match format {
        Format::Json | Format::Jsonl => {
            json_to_py(py, &serde_json::to_string(&r).unwrap_or_default())
        }
        _ => Ok(
            PyString::new(py, &format.render(&Source::file(String::new()), r))
                .into_any()
                .unbind(),
        ),
    }
}

fn options(format: Format, url: Option<String>, dedupe: bool) -> Options {
    format.options(Options {
        url,
        dedupe,
        ..Options::default()
    })
}

/// Extracts the article from one page; see `_declutter.pyi`.
#[pyfunction]
#[pyo3(signature = (html, url=None, output="text", dedupe=true))]
fn extract(
    py: Python<'_>,
    html: Html,
    url: Option<String>,
    output: &str,
    dedupe: bool,
) -> PyResult<Py<PyAny>> {
    let format = format_of(output)?;
    let opts = options(format, url, dedupe);
    match py.detach(|| run(&html, &opts)) {
        Ok(r) => to_py(py, format, r),
        Err(e) => Err(DeclutterError::new_err(e)),
    }
}

/// Extracts many pages on all cores; see `_declutter.pyi`.
#[pyfunction]
#[pyo3(signature = (pages, output="text", dedupe=true))]
fn extract_many(
    py: Python<'_>,
    pages: &Bound<'_, PyAny>,
    output: &str,
    dedupe: bool,
) -> PyResult<Vec<Py<PyAny>>> {
    let format = format_of(output)?;
    let mut jobs: Vec<(Html, Options)> = Vec::new();
    for item in pages.try_iter()? {
        let item = item?;
        let (html, url) = match item.cast::<PyTuple>() {
            Ok(t) if t.len() == 2 => (t.get_item(0)?.extract()?, t.get_item(1)?.extract()?),
            Ok(_) => {
                return Err(PyTypeError::new_err(
                    "a page is str or bytes, or a (html, url) pair",
                ))
            }
            Err(_) => (item.extract()?, None),
        };
        jobs.push((html, options(format, url, dedupe)));
    }
    let results: Vec<Result<Extraction, String>> =
        py.detach(|| jobs.par_iter().map(|(h, o)| run(h, o)).collect());
    results
        .into_iter()
        .map(|r| match r {
            Ok(r) => to_py(py, format, r),
            Err(e) => Ok(DeclutterError::new_err(e).into_value(py).into_any()),
        })
        .collect()
}

/// One HTML page of a WARC file; see `_declutter.pyi`.
#[pyclass(name = "WarcPage", module = "declutter", frozen)]
struct PyWarcPage {
    page: WarcPage,
}

#[pymethods]
impl PyWarcPage {
    #[getter]
    fn record_id(&self) -> &str {
        &self.page.record_id
    }
    #[getter]
    fn url(&self) -> Option<&str> {
        self.page.url.as_deref()
    }
    #[getter]
    fn status(&self) -> u16 {
        self.page.status
    }
    #[getter]
    fn charset(&self) -> Option<&str> {
        self.page.charset.as_deref()
    }
    #[getter]
    fn body<'py>(&self, py: Python<'py>) -> Bound<'py, PyBytes> {
        PyBytes::new(py, &self.page.body)
    }

    /// The page's extraction, as `extract` gives it, with the WARC record's URL and charset.
    #[pyo3(signature = (output="text", dedupe=true))]
    fn extract(&self, py: Python<'_>, output: &str, dedupe: bool) -> PyResult<Py<PyAny>> {
        let format = format_of(output)?;
        let opts = options(format, None, dedupe);
        match py.detach(|| guarded(|| self.page.extract(&opts).map_err(|e| e.to_string()))) {
            Ok(r) => to_py(py, format, r),
            Err(e) => Err(DeclutterError::new_err(e)),
        }
    }

    fn __repr__(&self) -> String {
        format!(
            "WarcPage(record_id={:?}, url={:?}, status={}, {} bytes)",
            self.page.record_id,
            self.page.url,
            self.page.status,
            self.page.body.len()
        )
    }
}

/// Warns about a WARC record that could not be read (the CLI's message) and goes on.
fn warn_broken(py: Python<'_>, file: &str, e: &WarcError) -> PyResult<()> {
    let message = std::ffi::CString::new(format!("{file}: {e}")).unwrap_or_default();
    PyErr::warn(py, &py.get_type::<DeclutterWarning>(), &message, 1)
}

/// The pages of a WARC file, read as Python asks for them; see `_declutter.pyi`.
#[pyclass(module = "declutter")]
struct WarcReader {
    file: String,
    /// Behind a lock: a Python object may be reached from several threads.
    pages: Mutex<WarcPages>,
}

#[pymethods]
impl WarcReader {
    fn __iter__(slf: PyRef<'_, Self>) -> PyRef<'_, Self> {
        slf
    }

    fn __next__(&mut self, py: Python<'_>) -> PyResult<Option<PyWarcPage>> {
        loop {
            let pages = &self.pages;
            match py.detach(|| {
                pages
                    .lock()
                    .map_err(|_| ())
                    .and_then(|mut p| p.next().ok_or(()))
            }) {
                Err(()) => return Ok(None),
                Ok(Ok(page)) => return Ok(Some(PyWarcPage { page })),
                Ok(Err(e)) => warn_broken(py, &self.file, &e)?,
            }
        }
    }
}

/// Reads the HTML pages of a WARC file; see `_declutter.pyi`.
#[pyfunction]
fn read_warc(py: Python<'_>, path: std::path::PathBuf) -> PyResult<WarcReader> {
    let pages = py.detach(|| open_warc(&path))?;
    Ok(WarcReader {
        file: path.display().to_string(),
        pages: Mutex::new(pages),
    })
}

/// A WARC file's pages extracted on all cores, as the CLI's jsonl lines; see `_declutter.pyi`.
#[pyclass(module = "declutter")]
struct WarcExtraction {
    file: String,
    /// Behind a lock: a Python object may be reached from several threads.
    pages: Mutex<WarcPages>,
    options: Options,
    /// Lines extracted and not yet handed out, in file order.
    ready: VecDeque<String>,
}

impl WarcExtraction {
    /// Reads and extracts the next round of pages (GIL released); false at the end of the file.
    fn fill(&mut self, py: Python<'_>) -> bool {
        let (file, pages, options) = (&self.file, &self.pages, &self.options);
        let lines: Vec<String> = py.detach(|| {
            let round = rayon::current_num_threads().max(1) * WARC_PAGES_PER_THREAD;
            let Ok(mut pages) = pages.lock() else {
                return Vec::new();
            };
            let records: Vec<Result<WarcPage, WarcError>> = pages.by_ref().take(round).collect();
            drop(pages);
            records
                .into_par_iter()
                .map(|record| line(file, record, options))
                .collect()
        });
        let more = !lines.is_empty();
        self.ready.extend(lines);
        more
    }
}

/// The CLI's `--format jsonl` line for one record of a WARC file.
fn line(file: &str, record: Result<WarcPage, WarcError>, options: &Options) -> String {
    let format = Format::Jsonl;
    match record {
        Ok(page) => {
            let source = Source {
                file: file.to_string(),
                record: Some((page.record_id.clone(), page.url.clone())),
            };
            match guarded(|| page.extract(options).map_err(|e| e.to_string())) {
                Ok(r) => format.render(&source, r),
                Err(e) => format.render_error(&source, None, &e).unwrap_or_default(),
            }
        }
        Err(e) => {
            let source = Source {
                file: file.to_string(),
                record: e.record_id.clone().map(|id| (id, None)),
            };
            format
                .render_error(&source, Some(e.record), &e.message)
                .unwrap_or_default()
        }
    }
}

#[pymethods]
impl WarcExtraction {
    fn __iter__(slf: PyRef<'_, Self>) -> PyRef<'_, Self> {
        slf
    }

    fn __next__(&mut self, py: Python<'_>) -> PyResult<Option<Py<PyAny>>> {
        if self.ready.is_empty() && !self.fill(py) {
            return Ok(None);
        }
        match self.ready.pop_front() {
            Some(l) => json_to_py(py, &l).map(Some),
            None => Ok(None),
        }
    }
}

/// Extracts every HTML page of a WARC file on all cores; see `_declutter.pyi`.
#[pyfunction]
#[pyo3(signature = (path, dedupe=true, markdown=false))]
fn extract_warc(
    py: Python<'_>,
    path: std::path::PathBuf,
    dedupe: bool,
    markdown: bool,
) -> PyResult<WarcExtraction> {
    let pages = py.detach(|| open_warc(&path))?;
    let format = if markdown {
        Format::Markdown
    } else {
        Format::Jsonl
    };
    Ok(WarcExtraction {
        file: path.display().to_string(),
        pages: Mutex::new(pages),
        options: options(format, None, dedupe),
        ready: VecDeque::new(),
    })
}

#[pymodule]
fn _declutter(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(extract, m)?)?;
    m.add_function(wrap_pyfunction!(extract_many, m)?)?;
    m.add_function(wrap_pyfunction!(read_warc, m)?)?;
    m.add_function(wrap_pyfunction!(extract_warc, m)?)?;
    m.add_class::<PyWarcPage>()?;
    m.add_class::<WarcReader>()?;
    m.add_class::<WarcExtraction>()?;
    m.add("DeclutterError", m.py().get_type::<DeclutterError>())?;
    m.add("DeclutterWarning", m.py().get_type::<DeclutterWarning>())?;
    Ok(())
}
