#!/usr/bin/env bash
# Set up a fresh Debian/Ubuntu machine for roadmap-site's tests and run all of them:
# ruff (lint + format), mypy and pytest. Safe to re-run; steps already done are skipped.
# Usage: bash .ci/test.sh [--lowest] [pytest arguments...]
#   --lowest: every runtime dependency at the lowest version pyproject.toml allows (the pins
#   in .ci/lowest-constraints.txt), in a virtual environment of its own (.ci/cache/venv-lowest);
#   browser tests aside, as they test the browser, not the dependencies.
set -euo pipefail
cd "$(dirname "$0")/.."

lowest=false
if [[ ${1:-} == --lowest ]]; then
  lowest=true
  shift
fi

step() { printf '\n==> %s\n' "$*"; }
# A fingerprint of the given files (missing ones count as empty), for "already done" stamps.
fingerprint() { for file in "$@"; do echo "== $file"; cat "$file" 2>/dev/null || true; done | sha256sum | cut -d' ' -f1; }

stamps=.ci/cache/stamps
mkdir -p "$stamps"

step "Chromium (browser tests)"
if $lowest; then
  echo "not needed: browser tests do not run with --lowest"
elif [[ -x /usr/bin/chromium ]]; then
  echo "/usr/bin/chromium is present"
else
  sudo=()
  if [[ $(id -u) -ne 0 ]]; then sudo=(sudo); fi
  "${sudo[@]}" apt-get update
  "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y chromium
fi

step "Python package and test tools"
pip_stamp=$stamps/pip
constraints=()
extras=test,engines
if $lowest; then
  # the other engines need newer releases of Markdown and others than roadmap-site's lowest
  extras=test
  venv=.ci/cache/venv-lowest
  if [[ ! -x $venv/bin/python3 ]]; then python3 -m venv "$venv"; fi
  # shellcheck disable=SC1091
  . "$venv/bin/activate"
  pip_stamp=$stamps/pip-lowest
  constraints=(--constraint .ci/lowest-constraints.txt)
fi
pip_key=$(python3 -c 'import sys; print(sys.executable, sys.version)')-$(fingerprint pyproject.toml .ci/lowest-constraints.txt)
# -I: import from site-packages, not from the checkout in the current directory.
if [[ -f "$pip_stamp" && $(cat "$pip_stamp") == "$pip_key" ]] &&
  python3 -I -c 'import pathlib, roadmap_site, pytest, mypy, ruff; assert pathlib.Path(roadmap_site.__file__).resolve().parent == pathlib.Path("roadmap_site").resolve()' 2>/dev/null; then
  echo "up to date"
else
  python3 -m pip install --quiet --disable-pip-version-check "${constraints[@]}" -e ".[$extras]"
  echo "$pip_key" >"$pip_stamp"
fi
if $lowest; then
  python3 -m pip list --disable-pip-version-check 2>/dev/null |
    grep -iE '^(mkdocs|mkdocs-material|pymdown-extensions|PyYAML|Jinja2|Markdown|pydantic|yaml-rs) '
fi

step "npm packages (.ci/node_modules: mermaid, axe-core, jsdom)"
npm_key=$(fingerprint .ci/package.json .ci/package-lock.json)
if [[ -d .ci/node_modules && -f "$stamps/npm" && $(cat "$stamps/npm") == "$npm_key" ]]; then
  echo "up to date"
else
  if [[ -f .ci/package-lock.json ]]; then
    (cd .ci && npm ci --no-audit --no-fund --loglevel=error)
  else
    (cd .ci && npm install --no-audit --no-fund --loglevel=error)
  fi
  fingerprint .ci/package.json .ci/package-lock.json >"$stamps/npm"
fi
export ROADMAP_SITE_NODE_MODULES="$PWD/.ci/node_modules"
# Downloads the tests make (the verified mermaid script) stay in the ignored .ci/cache.
export ROADMAP_SITE_CACHE="${ROADMAP_SITE_CACHE:-$PWD/.ci/cache}"

step "ruff check"
python3 -m ruff check .

step "ruff format --check"
python3 -m ruff format --check .

step "mypy roadmap_site"
python3 -m mypy roadmap_site

step "pytest"
if $lowest; then
  python3 -m pytest -m "not browser and not engines" "$@"
else
  python3 -m pytest "$@"
fi

if [[ $# -eq 0 ]]; then
  # The tests above read YAML with yaml-rs where it may (fastyaml.py); the tests of
  # reading, checking and rendering run again with PyYAML alone, the default install.
  step "pytest, YAML read by PyYAML alone (ROADMAP_SITE_YAML=pyyaml)"
  ROADMAP_SITE_YAML=pyyaml python3 -m pytest -q tests/test_load.py tests/test_hostile.py tests/test_content.py \
    tests/test_accountability.py tests/test_golden.py tests/test_fuzz.py tests/test_skills.py
fi
