"""WARC input from Python: the same pages and the same lines as `declutter extract FILE.warc`,
WARC/1.0 and 1.1, plain and gzip, the HTTP charset honoured, broken records reported and
skipped while the rest of the file is read."""

from __future__ import annotations

import json
import subprocess
import warnings

import pytest

import declutter
from conftest import http_response, page_html, record_id, warc_record, write_warc

KOI8_TEXT = "Жители деревни у реки построили новый мост из дуба, и дети ходят в школу через луг."


def crawl_records(version: str):
    koi8 = ("<html><head><title>Новый мост</title></head><body><article><h1>Новый мост</h1>"
            + f"<p>{KOI8_TEXT}</p>" * 3 + "</article></body></html>").encode("koi8_r")
    return [
        warc_record("warcinfo", 1, "", b"software: test\r\n", version, "application/warc-fields"),
        warc_record("response", 2, "https://news.example/a", http_response(page_html(2)), version),
        warc_record("request", 3, "https://news.example/a", b"GET /a HTTP/1.1\r\n\r\n", version,
                    "application/http; msgtype=request"),
        # A header that is not WARC at all: reported, then reading goes on.
        b"WARC/1.0\r\nthis line is no header\r\n\r\n",
        warc_record("response", 5, "https://news.example/logo.png",
                    http_response(b"\x89PNG\r\n", "image/png"), version),
        warc_record("response", 6, "https://news.example/b",
                    http_response(koi8, "text/html; charset=KOI8-R"), version),
        warc_record("response", 7, "https://news.example/c", http_response(page_html(7)), version),
    ]


FORMS = [("1.0", None, "plain.warc"), ("1.1", "record", "per-record.warc.gz"),
         ("1.1", "whole", "whole.warc.gz")]


@pytest.mark.parametrize("version,compress,name", FORMS)
def test_read_warc_gives_the_html_pages_and_warns_about_the_broken_record(tmp_path, version,
                                                                          compress, name):
    path = write_warc(tmp_path / name, crawl_records(version), compress)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        pages = list(declutter.read_warc(path))
    assert [p.record_id for p in pages] == [record_id(2), record_id(6), record_id(7)]
    assert [p.url for p in pages] == ["https://news.example/a", "https://news.example/b",
                                      "https://news.example/c"]
    assert pages[1].charset == "KOI8-R" and pages[0].status == 200
    assert pages[0].body == page_html(2)
    assert KOI8_TEXT in pages[1].extract()
    # The page knows its URL: the JSON says so through the resolved links' base.
    assert pages[0].extract(output="json")["title"] == "Story 2 about the orchard"
    messages = [str(w.message) for w in caught if issubclass(w.category, declutter.DeclutterWarning)]
    assert messages == [f"{path}: record 4: malformed WARC header"]


@pytest.mark.parametrize("version,compress,name", FORMS)
def test_extract_warc_gives_the_cli_lines(cli, tmp_path, version, compress, name):
    path = write_warc(tmp_path / name, crawl_records(version), compress)
    ours = list(declutter.extract_warc(path))
    out = subprocess.run([str(cli), "extract", "--format", "jsonl", str(path)], capture_output=True)
    assert out.returncode == 1  # one record failed
    theirs = [json.loads(line) for line in out.stdout.decode().splitlines()]
    for row in ours + theirs:
        row.pop("ms", None)
    assert ours == theirs
    assert [r.get("record_id") for r in ours] == [record_id(2), None, record_id(6), record_id(7)]
    assert ours[1] == {"file": str(path), "record": 4, "error": "malformed WARC header"}
    assert KOI8_TEXT in ours[2]["text"]


def test_extract_warc_many_pages_in_order(tmp_path):
    # More pages than one round of the thread pool, so several rounds are read and kept in order.
    records = [warc_record("response", n, f"https://news.example/{n}", http_response(page_html(n)))
               for n in range(1, 301)]
    path = write_warc(tmp_path / "many.warc.gz", records, "record")
    rows = list(declutter.extract_warc(path, markdown=True))
    assert [r["record_id"] for r in rows] == [record_id(n) for n in range(1, 301)]
    assert all(r["markdown"].startswith("# Story") for r in rows)


def test_a_missing_file_raises(tmp_path):
    with pytest.raises(OSError):
        declutter.read_warc(tmp_path / "none.warc")
    with pytest.raises(OSError):
        declutter.extract_warc(tmp_path / "none.warc")
