"""The folder-at-a-time resolver gives what Path.resolve gives."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from roadmap_site.speed import realpaths


@pytest.fixture
def tree(tmp_path: Path) -> Path:
    real = tmp_path / "real" / "roadmaps"
    real.mkdir(parents=True)
    (real / "a.yml").write_text("a", encoding="utf-8")
    (real / "b.yml").write_text("b", encoding="utf-8")
    (tmp_path / "linked").symlink_to(tmp_path / "real")  # a folder that is a link
    (real / "c.yml").symlink_to(real / "b.yml")  # a file that is a link
    (real / "d.yml").symlink_to(tmp_path / "nowhere.yml")  # a link to nothing
    return tmp_path


def test_every_kind_of_path_resolves_as_path_resolve_does(tree: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tree / "real")
    paths = [
        tree / "real" / "roadmaps" / "a.yml",
        tree / "linked" / "roadmaps" / "a.yml",
        tree / "linked" / "roadmaps" / "c.yml",
        tree / "real" / "roadmaps" / "d.yml",
        tree / "linked" / "roadmaps" / "missing.yml",
        tree / "linked" / "roadmaps" / ".." / "roadmaps" / "b.yml",
        tree / "linked" / "roadmaps" / "..",
        Path("roadmaps/a.yml"),
        Path("a.yml"),
        Path("."),
        Path(".."),
    ]
    resolve = realpaths.resolver()
    for _ in range(2):  # the second time from what it remembers
        for path in paths:
            assert resolve(path) == path.resolve(), path


def test_each_folder_is_resolved_once(tree: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    resolved: list[Path] = []
    original = Path.resolve

    def counting(self: Path, strict: bool = False) -> Path:
        resolved.append(self)
        return original(self, strict)

    monkeypatch.setattr(Path, "resolve", counting)
    resolve = realpaths.resolver()
    folder = tree / "linked" / "roadmaps"
    found = [resolve(folder / name) for name in ("a.yml", "b.yml", "missing.yml", "a.yml")]
    assert resolved == [folder]
    assert found[0] == tree / "real" / "roadmaps" / "a.yml"
    assert os.path.realpath(folder / "b.yml") == str(found[1])
