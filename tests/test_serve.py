"""`mkdocs serve` after a bad save: errors printed (no traceback), the last good site
still served, and the next good save served again. A real server on 127.0.0.1."""

from __future__ import annotations

import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from conftest import subprocess_env, write_tree
from safety import scan_html, tree_digest

pytestmark = pytest.mark.slow

WAIT = 60  # seconds: the longest any step may take on a busy machine

MKDOCS_YML = """
site_name: Serve test
site_url: https://example.org/
docs_dir: content
strict: true
theme:
  name: material
  font: false
plugins:
  - roadmap:
      today: "2026-11-23"
"""


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


class Server:
    """A running ``mkdocs serve`` and what it printed so far."""

    def __init__(self, project: Path) -> None:
        self.port = free_port()
        self.log = project / "serve.log"
        self.output = self.log.open("w", encoding="utf-8")
        self.process = subprocess.Popen(
            [sys.executable, "-m", "mkdocs", "serve", "--dev-addr", f"127.0.0.1:{self.port}"],
            cwd=project,
            env=subprocess_env(),
            stdout=self.output,
            stderr=subprocess.STDOUT,
        )

    def page(self, path: str) -> str | None:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{self.port}/{path}", timeout=10) as response:
                body: bytes = response.read()
                return body.decode("utf-8")
        except (urllib.error.URLError, TimeoutError, ConnectionError):
            return None

    def printed(self) -> str:
        return self.log.read_text(encoding="utf-8")

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait(timeout=10)
        self.output.close()


def wait_for(condition: Callable[[], bool], what: str, server: Server) -> None:
    deadline = time.monotonic() + WAIT
    while time.monotonic() < deadline:
        if condition():
            return
        assert server.process.poll() is None, f"the server stopped:\n{server.printed()}"
        time.sleep(0.3)
    raise AssertionError(f"timed out waiting for {what}:\n{server.printed()}")


@pytest.fixture
def served(tmp_path) -> Iterator[tuple[Path, Server]]:
    write_tree(tmp_path, {"mkdocs.yml": MKDOCS_YML, "content/roadmaps/x.yml": "title: First title\ncadence: none\n"})
    server = Server(tmp_path)
    try:
        yield tmp_path, server
    finally:
        server.stop()


def test_serve_keeps_the_last_good_site_and_recovers(served):
    project, server = served
    roadmap = project / "content" / "roadmaps" / "x.yml"

    def shows(text: str) -> Callable[[], bool]:
        return lambda: text in (server.page("roadmaps/x/") or "")

    wait_for(shows("First title"), "the first build", server)

    roadmap.write_text("title: [broken\nsummary: x\n", encoding="utf-8")
    before = tree_digest(project / "content")
    wait_for(lambda: "still serving the last good version" in server.printed(), "the error report", server)
    printed = server.printed()
    assert "content/roadmaps/x.yml:2:8: YAML syntax error" in printed
    assert "Traceback" not in printed
    wait_for(lambda: server.page("roadmaps/x/") is not None, "the page after the bad save", server)
    page = server.page("roadmaps/x/")
    assert page is not None and "First title" in page, "the last good page is no longer served"
    assert tree_digest(project / "content") == before, "serve changed the content"

    roadmap.write_text("title: Second title\ncadence: none\n", encoding="utf-8")
    wait_for(shows("Second title"), "the page of the good save", server)
    assert "Traceback" not in server.printed()
    assert server.process.poll() is None


def test_a_new_broken_update_is_previewed_inert(served):
    """An update added with broken front matter is not in the last good content; MkDocs
    still renders the file itself, and its raw HTML must stay text in the preview too."""
    project, server = served
    wait_for(lambda: "First title" in (server.page("roadmaps/x/") or ""), "the first build", server)
    update = project / "content" / "updates" / "2026-Q4.md"
    update.parent.mkdir()
    body = "<script>alert(1)</script> <img src=x onerror=alert(2)>\n"
    update.write_text("---\ndate: [broken\ntitle: <b>T</b>\n---\n" + body, encoding="utf-8")
    wait_for(lambda: "content/updates/2026-Q4.md:" in server.printed(), "the error report", server)
    wait_for(lambda: server.page("updates/2026-Q4/") is not None, "the preview of the new update", server)
    page = server.page("updates/2026-Q4/") or ""
    assert "alert(1)" in page, "the text is shown"
    assert scan_html(page, theme=True) == [], scan_html(page, theme=True)
    assert "Traceback" not in server.printed()
