#!/usr/bin/env bash
# Try a built wheel as a new user would: install it into a new virtual environment (with
# its dependencies from the package index), then `roadmap-site --version`, `roadmap-site
# init`, `roadmap-site check` and `mkdocs build --strict` in the scaffolded site, whose
# publish workflow must install the same version.
# Run by the release workflow and by tests/test_release.py.
# Usage: bash .ci/smoke-test.sh DIST_DIR [VERSION]
#   DIST_DIR holds exactly one roadmap_site-*.whl; VERSION (default: the wheel's) is what
#   `--version` must report. $PYTHON (default: python3) makes the environment.
#   $SMOKE_TEST_SITE_PACKAGES: a site-packages folder to take the dependencies from instead
#   of the package index (tests/test_release.py, so that it runs offline and fast).
set -euo pipefail

if [[ $# -lt 1 || $# -gt 2 ]]; then
  echo "usage: bash .ci/smoke-test.sh DIST_DIR [VERSION]" >&2
  exit 2
fi
dist=$(cd "$1" && pwd)
shopt -s nullglob
wheels=("$dist"/roadmap_site-*.whl)
if [[ ${#wheels[@]} -ne 1 ]]; then
  echo "expected one roadmap_site-*.whl in $dist, found ${#wheels[@]}" >&2
  exit 1
fi
wheel=${wheels[0]}
wheel_version=$(basename "$wheel" | cut -d- -f2)
version=${2:-$wheel_version}

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# Nothing from a checkout: the package and its command must come from the wheel.
unset PYTHONPATH PYTHONHOME VIRTUAL_ENV
cd "$work"

step() { printf '\n==> %s\n' "$*"; }

step "install $(basename "$wheel") into a new environment"
"${PYTHON:-python3}" -m venv venv
if [[ -n ${SMOKE_TEST_SITE_PACKAGES:-} ]]; then
  # Without the package index: the wheel alone, its dependencies taken from that folder
  # (a path in a .pth file: the folder's own .pth files, such as an editable install of
  # roadmap-site, are not run). Then each requirement of the wheel must be met; other
  # packages of that folder are not the wheel's business (`pip check` would judge them too).
  venv/bin/python -m pip install --quiet --disable-pip-version-check --no-deps --no-index "$wheel"
  purelib=$(venv/bin/python -c 'import sysconfig; print(sysconfig.get_paths()["purelib"])')
  echo "$SMOKE_TEST_SITE_PACKAGES" >"$purelib/smoke-test-dependencies.pth"
  venv/bin/python - <<'CHECK'
from importlib.metadata import PackageNotFoundError, requires, version

from packaging.requirements import Requirement

unmet = []
for text in requires("roadmap-site") or []:
    requirement = Requirement(text)
    if requirement.marker is not None and not requirement.marker.evaluate({"extra": ""}):
        continue  # an extra's requirement
    try:
        installed = version(requirement.name)
    except PackageNotFoundError:
        unmet.append(f"{requirement.name} is missing")
        continue
    if not requirement.specifier.contains(installed, prereleases=True):
        unmet.append(f"{requirement.name} {installed} is not {requirement.specifier}")
if unmet:
    raise SystemExit("the wheel's requirements are not met: " + "; ".join(unmet))
print("the wheel's requirements are met")
CHECK
else
  venv/bin/python -m pip install --quiet --disable-pip-version-check "$wheel"
fi
PATH="$work/venv/bin:$PATH"
location=$(python -c 'import roadmap_site; print(roadmap_site.__file__)')
if [[ $location != "$work/venv/"* ]]; then
  echo "roadmap_site was imported from $location, not from the new environment" >&2
  exit 1
fi

step "roadmap-site --version"
reported=$(roadmap-site --version)
echo "$reported"
if [[ $reported != "roadmap-site $version" ]]; then
  echo "expected 'roadmap-site $version'" >&2
  exit 1
fi

step "roadmap-site init, then a strict build of the new site"
roadmap-site init site
cd site
pin=$(grep -v '^#' .github/requirements-site.txt | grep .)
echo ".github/requirements-site.txt: $pin"
if [[ $pin != "roadmap-site==$version" ]]; then
  echo "expected the scaffold to install roadmap-site==$version" >&2
  exit 1
fi
roadmap-site check content
python -m mkdocs build --strict
test -f site/index.html
test -f site/roadmaps/my-roadmap/index.html
echo "smoke test passed: roadmap-site $version"
