"""Type stubs of the native module (src/python.rs)."""

import os
from typing import Any, Iterable, Iterator, Literal, Optional, Tuple, Union, overload

Html = Union[str, bytes, bytearray]
Output = Literal["text", "markdown", "html", "json"]

class DeclutterError(Exception):
    """A page Declutter could not read; the message says what was wrong with it."""

class DeclutterWarning(UserWarning):
    """A record of a WARC file that could not be read and was skipped."""

@overload
def extract(
    html: Html,
    url: Optional[str] = None,
    output: Literal["text", "markdown", "html"] = "text",
    dedupe: bool = True,
) -> str:
    """The article of one page (``str``, or ``bytes`` in any charset), exactly as the CLI
    gives it: ``output="json"`` is the CLI's JSON object as a dict (without ``file``). The
    GIL is released while the core runs. Raises ``DeclutterError`` for a page that cannot be
    read (empty, binary), with the CLI's message."""
@overload
def extract(
    html: Html,
    url: Optional[str],
    output: Literal["json"],
    dedupe: bool = True,
) -> dict[str, Any]: ...
@overload
def extract(
    html: Html,
    url: Optional[str] = None,
    *,
    output: Literal["json"],
    dedupe: bool = True,
) -> dict[str, Any]: ...
def extract_many(
    pages: Iterable[Union[Html, Tuple[Html, Optional[str]]]],
    output: Output = "text",
    dedupe: bool = True,
) -> list[Union[str, dict[str, Any], DeclutterError]]:
    """Extracts every page on all cores (the GIL released). A page is its HTML or an
    ``(html, url)`` pair. The results are in the pages' order; a page that could not be read
    has its ``DeclutterError`` in its place (not raised), so the rest of the batch is kept."""

class WarcPage:
    """One HTML page of a WARC file: a ``response`` record with an HTML content type."""

    @property
    def record_id(self) -> str: ...
    @property
    def url(self) -> Optional[str]:
        """The record's ``WARC-Target-URI``."""
    @property
    def status(self) -> int:
        """The HTTP status code."""
    @property
    def charset(self) -> Optional[str]:
        """The charset the HTTP ``Content-Type`` names."""
    @property
    def body(self) -> bytes:
        """The page's bytes (transfer and content coding undone)."""
    @overload
    def extract(
        self, output: Literal["text", "markdown", "html"] = "text", dedupe: bool = True
    ) -> str: ...
    @overload
    def extract(self, output: Literal["json"], dedupe: bool = True) -> dict[str, Any]: ...

class WarcReader(Iterator[WarcPage]):
    def __iter__(self) -> "WarcReader": ...
    def __next__(self) -> WarcPage: ...

class WarcExtraction(Iterator[dict[str, Any]]):
    def __iter__(self) -> "WarcExtraction": ...
    def __next__(self) -> dict[str, Any]: ...

def read_warc(path: Union[str, os.PathLike[str]]) -> WarcReader:
    """The HTML pages of a WARC file (WARC/1.0 or 1.1; plain, gzip per record or whole), in
    file order. A record that cannot be read is skipped with a ``DeclutterWarning`` naming
    it. Raises ``OSError`` when the file cannot be opened."""

def extract_warc(
    path: Union[str, os.PathLike[str]], dedupe: bool = True, markdown: bool = False
) -> WarcExtraction:
    """Every HTML page of a WARC file extracted on all cores, as the dicts of
    ``declutter extract --format jsonl FILE``: ``file``, ``record_id``, ``url``, then the
    extraction (with ``markdown`` when asked); a record that cannot be read gives
    ``{"file", "record", "record_id"?, "error"}`` in its place."""
