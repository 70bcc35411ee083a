"""A self-hosted, integrity-checked copy of mermaid for the built site.

Material for MkDocs loads mermaid from a CDN unless ``window.mermaid`` already exists, so a
site that ships its own ``mermaid.min.js`` renders its diagrams offline and makes no
third-party request. This module provides that file.

The first call obtains the npm tarball of the pinned version with ``npm pack`` (which also
reuses npm's own cache), checks the tarball against the integrity the registry publishes for
it (``npm view mermaid@<version> dist.integrity``), extracts only ``dist/mermaid.min.js`` and
keeps it in a cache directory next to a sidecar that records its SHA-256. Later calls
re-verify the cached file against the sidecar and need neither npm nor a network.

The sidecar guards against truncated, corrupted or edited cache files; the trust anchor is
``MERMAID_INTEGRITY`` below, which a version bump must update together with
``MERMAID_VERSION`` (and ``.ci/package.json``).
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import json
import os
import shutil
import subprocess
import tarfile
import tempfile
from pathlib import Path

from roadmap_site.speed.cache import default_cache_dir

__all__ = [
    "MERMAID_INTEGRITY",
    "MERMAID_VERSION",
    "MermaidAssetError",
    "default_cache_dir",
    "mermaid_script",
]

MERMAID_VERSION = "11.17.2"
"""The mermaid release the site ships; keep equal to the pin in ``.ci/package.json``."""

MERMAID_INTEGRITY = "sha512-V6K3C8EBdEsPFZXSKMJe6ppQOENxuHARr9GvHX4hh47lAbhMRD9qf4oEK7LoaRQxULMa80/qt5gHO73aCleBBg=="
"""Subresource-integrity hash of ``mermaid-<MERMAID_VERSION>.tgz`` as the npm registry publishes it."""

NPM_TIMEOUT_SECONDS = 300
"""How long ``npm pack`` may take to download the tarball (about 18 MB)."""

_MEMBER = "package/dist/mermaid.min.js"
_MAX_SCRIPT_BYTES = 64 * 1024 * 1024  # mermaid.min.js is about 3.5 MB; refuse anything absurd
_SIDECAR_SUFFIX = ".sha256.json"
_SRI_ALGORITHMS = ("sha512", "sha384", "sha256")


class MermaidAssetError(RuntimeError):
    """The pinned mermaid script could not be found in the cache nor obtained and verified."""


def mermaid_script(cache_dir: Path | None = None) -> Path:
    """Return the path of a verified ``mermaid.min.js`` of ``MERMAID_VERSION``.

    Uses the cached copy when its checksum still matches; otherwise downloads the tarball
    with npm, verifies it against ``MERMAID_INTEGRITY`` and caches the script.
    """
    version, integrity = MERMAID_VERSION, MERMAID_INTEGRITY
    cache = default_cache_dir() if cache_dir is None else cache_dir
    script = cache / f"mermaid-{version}.min.js"
    sidecar = script.with_name(script.name + _SIDECAR_SUFFIX)
    if _cached_copy_is_valid(script, sidecar, version, integrity):
        return script

    with tempfile.TemporaryDirectory(prefix="roadmap-site-mermaid-") as tmp:
        tarball = _npm_pack(version, Path(tmp))
        _check_integrity(tarball, integrity, version)
        data = _read_script(tarball, version)

    record = {
        "package": f"mermaid@{version}",
        "tarball_integrity": integrity,
        "file": script.name,
        "sha256": hashlib.sha256(data).hexdigest(),
    }
    try:
        cache.mkdir(parents=True, exist_ok=True)
        _write_atomically(script, data)
        _write_atomically(sidecar, (json.dumps(record, indent=2) + "\n").encode())
    except OSError as error:
        raise MermaidAssetError(
            f"cannot write mermaid {version} to the cache directory {cache}: {error}; "
            "set ROADMAP_SITE_CACHE to a writable directory"
        ) from error
    return script


def _cached_copy_is_valid(script: Path, sidecar: Path, version: str, integrity: str) -> bool:
    """True when the cached script and its sidecar agree with each other and with the pins."""
    try:
        record = json.loads(sidecar.read_text(encoding="utf-8"))
        data = script.read_bytes()
    except (OSError, ValueError):
        return False
    if not isinstance(record, dict):
        return False
    expected = record.get("sha256")
    return (
        record.get("package") == f"mermaid@{version}"
        and record.get("tarball_integrity") == integrity
        and isinstance(expected, str)
        and hmac.compare_digest(hashlib.sha256(data).hexdigest(), expected)
    )


def _npm_pack(version: str, destination: Path) -> Path:
    """Download ``mermaid-<version>.tgz`` into ``destination`` with ``npm pack``."""
    npm = shutil.which("npm")
    if npm is None:
        raise MermaidAssetError(
            f"mermaid {version} is not in the cache yet and npm was not found to download it: "
            "install Node.js with npm (or run once on a machine that has it and keep the cache "
            "directory, see ROADMAP_SITE_CACHE)"
        )
    command = [
        npm,
        "pack",
        f"mermaid@{version}",
        "--json",
        "--pack-destination",
        str(destination),
        "--ignore-scripts",
        "--prefer-offline",  # npm's own cache is fine: the tarball is verified below
    ]
    try:
        completed = subprocess.run(
            command,
            cwd=destination,  # away from any project's package.json or .npmrc
            capture_output=True,
            text=True,
            timeout=NPM_TIMEOUT_SECONDS,
            check=False,
        )
    except subprocess.TimeoutExpired as error:
        raise MermaidAssetError(
            f"npm pack mermaid@{version} did not finish within {NPM_TIMEOUT_SECONDS} s; "
            "check the network connection to the npm registry"
        ) from error
    except OSError as error:
        raise MermaidAssetError(f"could not run npm ({npm}): {error}") from error
    if completed.returncode != 0:
        detail = _tail(completed.stderr) or _tail(completed.stdout) or "no output"
        raise MermaidAssetError(
            f"npm could not download mermaid {version} and it is not in the cache "
            f"(offline, or the registry is unreachable?); npm said: {detail}"
        )
    return _packed_tarball(completed.stdout, destination, version)


def _packed_tarball(stdout: str, destination: Path, version: str) -> Path:
    """The tarball ``npm pack --json`` reports having written."""
    filename = f"mermaid-{version}.tgz"
    try:
        report = json.loads(stdout)
        if isinstance(report, list) and report and isinstance(report[0], dict):
            filename = str(report[0].get("filename", filename))
    except ValueError:
        pass  # older npm versions print warnings into stdout; fall back to the usual name
    tarball = destination / Path(filename).name
    if not tarball.is_file():
        raise MermaidAssetError(f"npm pack reported success but {tarball} does not exist")
    return tarball


def _check_integrity(tarball: Path, integrity: str, version: str) -> None:
    """Raise unless the tarball's digest equals the SRI string ``integrity``."""
    algorithm, expected = _parse_sri(integrity)
    digest = hashlib.new(algorithm)
    with tarball.open("rb") as stream:
        for block in iter(lambda: stream.read(1 << 20), b""):
            digest.update(block)
    actual = digest.digest()
    if not hmac.compare_digest(actual, expected):
        found = f"{algorithm}-{base64.b64encode(actual).decode()}"
        raise MermaidAssetError(
            f"the downloaded mermaid does not match the pinned integrity (mermaid@{version}): "
            f"expected {integrity}, got {found}; nothing was cached. If the pin was changed on "
            f"purpose, take the value from `npm view mermaid@{version} dist.integrity`"
        )


def _parse_sri(integrity: str) -> tuple[str, bytes]:
    """Split ``sha512-<base64>`` into the hashlib name and the raw digest."""
    algorithm, _, encoded = integrity.strip().partition("-")
    if algorithm not in _SRI_ALGORITHMS:
        raise MermaidAssetError(f"unsupported integrity {integrity!r}: expected sha512-<base64>")
    try:
        expected = base64.b64decode(encoded, validate=True)
    except (binascii.Error, ValueError) as error:
        raise MermaidAssetError(f"malformed integrity {integrity!r}: {error}") from error
    if len(expected) != hashlib.new(algorithm).digest_size:
        raise MermaidAssetError(f"malformed integrity {integrity!r}: wrong digest length")
    return algorithm, expected


def _read_script(tarball: Path, version: str) -> bytes:
    """Read only ``package/dist/mermaid.min.js`` from the tarball, never writing members to disk."""
    try:
        with tarfile.open(tarball, mode="r:gz") as archive:
            for member in archive:
                if member.name.removeprefix("./") != _MEMBER:
                    continue
                if not member.isreg():
                    raise MermaidAssetError(f"{_MEMBER} in mermaid {version} is not a regular file")
                if member.size > _MAX_SCRIPT_BYTES:
                    raise MermaidAssetError(f"{_MEMBER} in mermaid {version} is implausibly large")
                stream = archive.extractfile(member)
                if stream is None:
                    break
                with stream:
                    return stream.read()
    except (OSError, tarfile.TarError, EOFError) as error:
        raise MermaidAssetError(f"cannot read the mermaid {version} tarball: {error}") from error
    raise MermaidAssetError(f"the mermaid {version} tarball has no {_MEMBER}")


def _write_atomically(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` so that readers see the old file or the whole new one."""
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        os.chmod(temporary, 0o644)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def _tail(text: str, lines: int = 5) -> str:
    """The last few non-empty lines of a command's output, joined for an error message."""
    kept = [line.strip() for line in text.splitlines() if line.strip()]
    return " | ".join(kept[-lines:])
