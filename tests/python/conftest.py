"""Shared helpers of the Python package's tests: the repository, the CLI to compare with, and
WARC files written by the tests themselves."""

from __future__ import annotations

import gzip
import os
import subprocess
from pathlib import Path
from typing import List, Optional

import pytest

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = ROOT / "tests" / "fixtures"


def cli_path() -> Path:
    """The `declutter` binary to compare with: $DECLUTTER_BIN, else a debug build (built here
    when missing)."""
    env = os.environ.get("DECLUTTER_BIN")
    if env:
        return Path(env)
    path = ROOT / "target" / "debug" / "declutter"
    if not path.exists():
        subprocess.run(["cargo", "build", "--bin", "declutter"], cwd=ROOT, check=True)
    return path


@pytest.fixture(scope="session")
def cli() -> Path:
    return cli_path()


def fixture_pages() -> List[Path]:
    return sorted(FIXTURES.rglob("*.html"))


def record_id(n: int) -> str:
    return f"<urn:uuid:00000000-0000-4000-8000-{n:012d}>"


def warc_record(kind: str, n: int, uri: str, block: bytes, version: str = "1.1",
                content_type: str = "application/http; msgtype=response") -> bytes:
    head = (
        f"WARC/{version}\r\nWARC-Type: {kind}\r\nWARC-Record-ID: {record_id(n)}\r\n"
        f"WARC-Date: 2024-05-01T10:00:00Z\r\nWARC-Target-URI: {uri}\r\n"
        f"Content-Type: {content_type}\r\nContent-Length: {len(block)}\r\n\r\n"
    ).encode()
    return head + block + b"\r\n\r\n"


def http_response(body: bytes, content_type: str = "text/html; charset=utf-8",
                  extra: str = "") -> bytes:
    return f"HTTP/1.1 200 OK\r\nContent-Type: {content_type}\r\n{extra}\r\n".encode() + body


def page_html(n: int, site: str = "news.example") -> bytes:
    """An invented article page, different for each n."""
    words = ["harbour", "ferry", "orchard", "lantern", "meadow", "bakery", "choir", "mill"]
    w = words[n % len(words)]
    paras = "".join(
        f"<p>Report {n}, part {k}: the {w} committee of {site} met on a quiet evening and "
        f"agreed after a long debate that the {w} stays open every weekday until the autumn "
        f"fair, when the village decides again how to share the work fairly.</p>"
        for k in range(4)
    )
    return (f"<html><head><title>Story {n} about the {w}</title></head><body>"
            f"<nav><a href='/'>Home</a></nav><article><h1>Story {n} about the {w}</h1>{paras}"
            f"</article><footer>Invented site {site}</footer></body></html>").encode()


def write_warc(path: Path, records: List[bytes], compress: Optional[str] = None) -> Path:
    """Writes records as a WARC file: plain, gzip per record ('record') or whole ('whole')."""
    if compress == "record":
        data = b"".join(gzip.compress(r) for r in records)
    elif compress == "whole":
        data = gzip.compress(b"".join(records))
    else:
        data = b"".join(records)
    path.write_bytes(data)
    return path
