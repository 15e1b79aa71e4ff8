"""Declutter: finds a web page's article and the blocks it repeats.

The same core as the ``declutter`` command line and the browser extension, with the GIL
released while it runs:

- ``extract(html, url=None, output="text")``: one page (``str`` or ``bytes`` in any charset);
  ``output`` is ``"text"``, ``"markdown"``, ``"html"`` or ``"json"`` (a dict: the CLI's JSON
  object);
- ``extract_many(pages, output="text")``: many pages on all cores;
- ``read_warc(path)`` and ``extract_warc(path)``: the HTML pages of a WARC file;
- ``declutter.crawl``: an example Dask pipeline from a folder of WARC files to JSON lines or
  Parquet.

A page that cannot be read raises ``DeclutterError`` with the CLI's message.
"""

from ._declutter import (
    DeclutterError,
    DeclutterWarning,
    WarcExtraction,
    WarcPage,
    WarcReader,
    extract,
    extract_many,
    extract_warc,
    read_warc,
)

__all__ = [
    "DeclutterError",
    "DeclutterWarning",
    "WarcExtraction",
    "WarcPage",
    "WarcReader",
    "extract",
    "extract_many",
    "extract_warc",
    "read_warc",
]
