"""The example Dask pipeline (declutter.crawl) on a real distributed run: a local cluster of
two worker processes on 127.0.0.1, over a folder of WARC files written here; every page
comes out once, broken records as error lines, and a lost task's file is never half written."""

from __future__ import annotations

import json

import pytest

from conftest import http_response, page_html, record_id, warc_record, write_warc

distributed = pytest.importorskip("distributed")
from declutter import crawl  # noqa: E402


def write_crawl(root):
    """Six WARC files in two folders (plain, gzip per record, gzip whole), 40 pages each,
    with requests between them and one broken record in the fifth file."""
    expected = set()
    n = 0
    forms = [None, "record", "whole"]
    for f in range(6):
        records = []
        for _ in range(40):
            n += 1
            uri = f"https://site{f}.example/story/{n}"
            records.append(warc_record("request", 100000 + n, uri, b"GET / HTTP/1.1\r\n\r\n",
                                       content_type="application/http; msgtype=request"))
            records.append(warc_record("response", n, uri, http_response(page_html(n))))
            expected.add(record_id(n))
        if f == 4:
            records.insert(7, b"WARC/1.1\r\nnot a header line\r\n\r\n")
        folder = root / ("a" if f < 3 else "b")
        folder.mkdir(exist_ok=True)
        ext = ".warc" if forms[f % 3] is None else ".warc.gz"
        write_warc(folder / f"crawl-{f}{ext}", records, forms[f % 3])
    (root / "a" / "notes.txt").write_text("not a crawl file")
    return expected


@pytest.fixture(scope="module")
def client():
    from dask.distributed import Client, LocalCluster

    cluster = LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                           host="127.0.0.1", dashboard_address=None,
                           env={"RAYON_NUM_THREADS": "1"})
    c = Client(cluster)
    yield c
    c.close()
    cluster.close()


def test_every_page_comes_out_once(client, tmp_path):
    crawl_dir = tmp_path / "crawl"
    crawl_dir.mkdir()
    expected = write_crawl(crawl_dir)
    assert len(client.scheduler_info()["workers"]) == 2
    out = tmp_path / "out"
    summary = crawl.run(str(crawl_dir), str(out), client)
    assert summary["files"] == 6
    assert summary["pages"] == len(expected) == 240
    assert summary["errors"] == 1
    # Both workers took part.
    assert len({t["worker"] for t in summary["tasks"]}) == 2
    rows = [json.loads(line) for f in sorted(out.glob("*.jsonl")) for line in f.open()]
    assert len(list(out.glob("*.jsonl"))) == 6 and not list(out.glob("*.part"))
    ids = [r["record_id"] for r in rows if "error" not in r]
    assert len(ids) == len(set(ids)) and set(ids) == expected
    errors = [r for r in rows if "error" in r]
    assert errors == [{"file": str(crawl_dir / "b" / "crawl-4.warc.gz"), "record": 8,
                       "error": "malformed WARC header"}]
    by_id = {r["record_id"]: r for r in rows if "error" not in r}
    assert by_id[record_id(57)]["url"] == "https://site1.example/story/57"
    assert by_id[record_id(57)]["title"] == "Story 57 about the ferry"
    assert "Report 57, part 3" in by_id[record_id(57)]["text"]
