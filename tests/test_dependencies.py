"""The declared dependency ranges are tested: .ci/lowest-constraints.txt pins every runtime
dependency at the lower bound pyproject.toml declares (`bash .ci/test.sh --lowest`)."""

from __future__ import annotations

import tomllib
from importlib import metadata

from conftest import REPO
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name
from packaging.version import Version

PYPROJECT = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))
CONSTRAINTS = REPO / ".ci" / "lowest-constraints.txt"


def _runtime_requirements() -> list[Requirement]:
    project = PYPROJECT["project"]
    return [Requirement(line) for line in project["dependencies"] + project["optional-dependencies"]["fast"]]


def _pins() -> dict[str, str]:
    pins = {}
    for line in CONSTRAINTS.read_text(encoding="utf-8").splitlines():
        line = line.split("#")[0].strip()
        if line:
            name, _, version = line.partition("==")
            assert version, f"{line!r}: expected NAME==VERSION"
            pins[canonicalize_name(name)] = version
    return pins


def _lower_bound(requirement: Requirement) -> str:
    (bound,) = [spec.version for spec in requirement.specifier if spec.operator == ">="]
    return bound


def test_every_runtime_dependency_has_a_lower_bound():
    for requirement in _runtime_requirements():
        assert requirement.specifier.contains(_lower_bound(requirement)), requirement


def test_the_lowest_constraints_pin_every_lower_bound():
    expected = {canonicalize_name(r.name): _lower_bound(r) for r in _runtime_requirements()}
    pins = _pins()
    assert set(pins) == set(expected)
    for name, bound in expected.items():
        assert Version(pins[name]) == Version(bound), f"{name}: pinned {pins[name]}, pyproject.toml allows >={bound}"


def test_the_installed_versions_are_allowed():
    """What this suite runs on is within the declared ranges (newest or lowest alike)."""
    for requirement in _runtime_requirements():
        installed = metadata.version(requirement.name)
        assert requirement.specifier.contains(installed, prereleases=True), f"{requirement.name} {installed}"
