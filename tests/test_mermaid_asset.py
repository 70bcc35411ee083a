"""The self-hosted mermaid script: real npm download, offline reuse, tamper and pin checks."""

from __future__ import annotations

import base64
import hashlib
import io
import json
import shutil
import tarfile
from pathlib import Path
from typing import Any

import pytest

from roadmap_site.mkdocs_plugin import mermaid_asset
from roadmap_site.mkdocs_plugin.mermaid_asset import MermaidAssetError, mermaid_script

needs_npm = pytest.mark.skipif(shutil.which("npm") is None, reason="npm is needed to download mermaid")


def _sri(data: bytes) -> str:
    return "sha512-" + base64.b64encode(hashlib.sha512(data).digest()).decode()


@pytest.fixture(scope="module")
def populated_cache(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A cache directory filled by one real `npm pack` of the pinned mermaid."""
    cache = tmp_path_factory.mktemp("mermaid-cache")
    mermaid_script(cache)
    return cache


@pytest.fixture
def cache_copy(populated_cache: Path, tmp_path: Path) -> Path:
    """A private copy of the populated cache that a test may damage."""
    return Path(shutil.copytree(populated_cache, tmp_path / "cache"))


@pytest.fixture
def no_npm(monkeypatch: pytest.MonkeyPatch) -> None:
    """Make npm (and every other program) unfindable, as on a machine without Node."""
    monkeypatch.setenv("PATH", "")
    assert shutil.which("npm") is None


def _sidecar(script: Path) -> dict[str, str]:
    record = json.loads(script.with_name(script.name + ".sha256.json").read_text())
    assert isinstance(record, dict)
    return record


@needs_npm
def test_download_verifies_and_caches_the_pinned_script(populated_cache: Path) -> None:
    script = populated_cache / f"mermaid-{mermaid_asset.MERMAID_VERSION}.min.js"
    assert script.is_file()
    data = script.read_bytes()
    assert len(data) > 1_000_000
    assert b"mermaid" in data
    record = _sidecar(script)
    assert record["sha256"] == hashlib.sha256(data).hexdigest()
    assert record["package"] == f"mermaid@{mermaid_asset.MERMAID_VERSION}"
    assert record["tarball_integrity"] == mermaid_asset.MERMAID_INTEGRITY
    # Only the script and its sidecar land in the cache: no tarball, no temporary files.
    assert sorted(p.name for p in populated_cache.iterdir()) == [script.name, script.name + ".sha256.json"]


@needs_npm
def test_cached_script_is_reused_without_npm(cache_copy: Path, no_npm: None) -> None:
    script = mermaid_script(cache_copy)
    assert script == cache_copy / f"mermaid-{mermaid_asset.MERMAID_VERSION}.min.js"
    assert hashlib.sha256(script.read_bytes()).hexdigest() == _sidecar(script)["sha256"]


@needs_npm
def test_default_cache_dir_comes_from_the_environment(
    cache_copy: Path, no_npm: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("ROADMAP_SITE_CACHE", str(cache_copy))
    assert mermaid_asset.default_cache_dir() == cache_copy
    assert mermaid_script().parent == cache_copy


@needs_npm
def test_tampered_cache_is_fetched_again(cache_copy: Path) -> None:
    script = cache_copy / f"mermaid-{mermaid_asset.MERMAID_VERSION}.min.js"
    good = _sidecar(script)["sha256"]
    script.write_bytes(script.read_bytes() + b"\nalert('injected');\n")
    assert mermaid_script(cache_copy) == script
    assert hashlib.sha256(script.read_bytes()).hexdigest() == good


@needs_npm
def test_tampered_cache_without_npm_is_an_error(cache_copy: Path, no_npm: None) -> None:
    script = cache_copy / f"mermaid-{mermaid_asset.MERMAID_VERSION}.min.js"
    script.write_bytes(b"window.mermaid = {};")
    with pytest.raises(MermaidAssetError, match="npm was not found"):
        mermaid_script(cache_copy)


def test_empty_cache_without_npm_is_an_actionable_error(tmp_path: Path, no_npm: None) -> None:
    with pytest.raises(MermaidAssetError, match=r"not in the cache yet and npm was not found.*install Node\.js"):
        mermaid_script(tmp_path)


@needs_npm
def test_wrong_pinned_integrity_is_rejected(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(mermaid_asset, "MERMAID_INTEGRITY", _sri(b"not the mermaid tarball"))
    with pytest.raises(MermaidAssetError, match="the downloaded mermaid does not match the pinned integrity"):
        mermaid_script(tmp_path / "cache")
    assert not (tmp_path / "cache").exists()


@needs_npm
def test_changing_the_pin_invalidates_the_cache(cache_copy: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(mermaid_asset, "MERMAID_INTEGRITY", _sri(b"another release"))
    with pytest.raises(MermaidAssetError, match="does not match the pinned integrity"):
        mermaid_script(cache_copy)


@pytest.mark.parametrize(
    "integrity", ["md5-AAAA", "sha512-not*base64", "sha512-" + base64.b64encode(b"short").decode()]
)
def test_malformed_pin_is_reported(integrity: str) -> None:
    with pytest.raises(MermaidAssetError, match="integrity"):
        mermaid_asset._parse_sri(integrity)


def _fake_tarball(tmp_path: Path, *, symlink: bool = False, member: str = "package/dist/mermaid.min.js") -> Path:
    tarball = tmp_path / "fake.tgz"
    with tarfile.open(tarball, "w:gz") as archive:
        info = tarfile.TarInfo(member)
        if symlink:
            info.type = tarfile.SYMTYPE
            info.linkname = "/etc/passwd"
            archive.addfile(info)
        else:
            payload = b"/* mermaid */ window.mermaid = {};"
            info.size = len(payload)
            archive.addfile(info, io.BytesIO(payload))
        other = tarfile.TarInfo("../../outside.js")
        other.size = 1
        archive.addfile(other, io.BytesIO(b"x"))
    return tarball


@pytest.mark.parametrize(
    ("options", "message"),
    [({"symlink": True}, "not a regular file"), ({"member": "package/dist/other.js"}, "has no package/dist")],
)
def test_only_a_regular_script_member_is_taken(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, options: dict[str, Any], message: str
) -> None:
    tarball = _fake_tarball(tmp_path, **options)
    monkeypatch.setattr(mermaid_asset, "MERMAID_INTEGRITY", _sri(tarball.read_bytes()))
    monkeypatch.setattr(mermaid_asset, "_npm_pack", lambda version, destination: tarball)
    with pytest.raises(MermaidAssetError, match=message):
        mermaid_script(tmp_path / "cache")
    assert not (tmp_path / "outside.js").exists()


def test_verified_fake_tarball_is_cached_and_nothing_else_is_extracted(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    tarball = _fake_tarball(tmp_path)
    monkeypatch.setattr(mermaid_asset, "MERMAID_INTEGRITY", _sri(tarball.read_bytes()))
    monkeypatch.setattr(mermaid_asset, "_npm_pack", lambda version, destination: tarball)
    script = mermaid_script(tmp_path / "cache")
    assert script.read_bytes() == b"/* mermaid */ window.mermaid = {};"
    assert sorted(p.name for p in (tmp_path / "cache").iterdir()) == [script.name, script.name + ".sha256.json"]
    assert not (tmp_path / "outside.js").exists()


def test_pin_matches_the_ci_packages() -> None:
    """The site's mermaid is the one the browser tests install, with the registry's integrity."""
    ci = Path(__file__).resolve().parent.parent / ".ci"
    package = json.loads((ci / "package.json").read_text(encoding="utf-8"))
    assert package["dependencies"]["mermaid"] == mermaid_asset.MERMAID_VERSION
    lock = json.loads((ci / "package-lock.json").read_text(encoding="utf-8"))
    locked = lock["packages"]["node_modules/mermaid"]
    assert locked["version"] == mermaid_asset.MERMAID_VERSION
    assert locked["integrity"] == mermaid_asset.MERMAID_INTEGRITY
