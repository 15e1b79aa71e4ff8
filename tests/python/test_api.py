"""The Python API against the CLI: the same result on every fixture, in every output form;
the same error messages; bad arguments; the GIL released while the core runs."""

from __future__ import annotations

import json
import subprocess
import threading
import time

import pytest

import declutter
from conftest import fixture_pages

PAGES = fixture_pages()


def cli_output(cli, page, fmt: str) -> str:
    out = subprocess.run([str(cli), "extract", "--format", fmt, str(page)],
                         capture_output=True, check=True)
    return out.stdout.decode("utf-8")


def test_there_are_fixtures():
    assert len(PAGES) >= 40


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.name)
def test_every_form_equals_the_cli(cli, page):
    html = page.read_bytes()
    for fmt in ("text", "markdown", "html"):
        # The CLI ends its output with one newline.
        assert declutter.extract(html, output=fmt) + "\n" == cli_output(cli, page, fmt), fmt
    ours = declutter.extract(html, output="json")
    theirs = json.loads(cli_output(cli, page, "jsonl"))
    assert theirs.pop("file") == str(page)
    ours.pop("ms"), theirs.pop("ms")
    assert ours == theirs
    # str in gives the same as bytes in (the fixtures are UTF-8).
    assert declutter.extract(html.decode("utf-8")) == declutter.extract(html)


def test_url_resolves_links_as_the_cli_does(cli, tmp_path):
    page = tmp_path / "p.html"
    page.write_bytes(b"<article><h1>T</h1><p>" + b"Words of a long enough paragraph here. " * 20
                     + b"<a href='/more'>more</a></p><img src='pic.jpg'></article>")
    url = "https://news.example/a/b.html"
    out = subprocess.run([str(cli), "extract", "--format", "markdown", "--url", url, str(page)],
                         capture_output=True, check=True).stdout.decode()
    ours = declutter.extract(page.read_bytes(), url=url, output="markdown")
    assert ours + "\n" == out
    assert "https://news.example/more" in ours


def cli_error(cli, tmp_path, data: bytes) -> str:
    page = tmp_path / "bad.html"
    page.write_bytes(data)
    out = subprocess.run([str(cli), "extract", str(page)], capture_output=True)
    assert out.returncode == 1
    first = out.stderr.decode().splitlines()[0]
    prefix = f"declutter: {page}: "
    assert first.startswith(prefix)
    return first[len(prefix):]


@pytest.mark.parametrize("data", [b"", b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR"], ids=["empty", "binary"])
def test_errors_are_exceptions_with_the_cli_message(cli, tmp_path, data):
    with pytest.raises(declutter.DeclutterError) as e:
        declutter.extract(data)
    assert str(e.value) == cli_error(cli, tmp_path, data)


def test_bad_arguments():
    with pytest.raises(TypeError, match="str or bytes"):
        declutter.extract(42)
    with pytest.raises(ValueError, match="output must be"):
        declutter.extract("<p>x</p>", output="pdf")


def test_extract_many_keeps_order_and_the_rest_of_a_batch():
    pages = [p.read_bytes() for p in PAGES]
    batch = pages[:10] + [b""] + [(pages[11], "https://news.example/x")] + pages[12:]
    got = declutter.extract_many(batch, output="markdown")
    assert len(got) == len(batch)
    for i, item in enumerate(batch):
        if item == b"":
            assert isinstance(got[i], declutter.DeclutterError)
            assert str(got[i]) == "empty input: no HTML to read"
        elif isinstance(item, tuple):
            assert got[i] == declutter.extract(item[0], url=item[1], output="markdown")
        else:
            assert got[i] == declutter.extract(item, output="markdown")


def test_the_gil_is_released_while_the_core_runs():
    # A page large enough that the core works for a good while.
    para = "<p>" + "The harbour master counted the boats again before the storm came in. " * 30 + "</p>"
    big = ("<article>" + para * 1500 + "</article>").encode()
    done = threading.Event()
    ticks = 0

    def work():
        declutter.extract(big)
        done.set()

    t = threading.Thread(target=work)
    started = time.perf_counter()
    t.start()
    # Python code in this thread keeps running only if the extraction does not hold the GIL.
    while not done.is_set():
        ticks += 1
        time.sleep(0.001)
    t.join()
    elapsed = time.perf_counter() - started
    assert elapsed > 0.05, "the page is too small to tell"
    # Holding the GIL, this loop would get at most a tick or two in.
    assert ticks >= 10, (ticks, elapsed)
