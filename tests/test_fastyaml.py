"""The optional fast reading of YAML (fastyaml.py) against PyYAML's, the reference.

Whenever the fast reading keeps a result, it must be what load.py builds with PyYAML:
the same values of the same types, the same count of values, and positions found
later that are PyYAML's. It must never accept a text that PyYAML rejects.
"""

from __future__ import annotations

import datetime as dt
import os
import sys
from pathlib import Path
from typing import Any

import pytest
from conftest import REPO
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from roadmap_site.content import load
from roadmap_site.speed import fastyaml, resolvers

pytestmark = pytest.mark.skipif(not fastyaml.enabled(), reason="yaml-rs is not installed or is turned off")

EXAMPLES = int(os.environ.get("ROADMAP_SITE_FUZZ_EXAMPLES", "0"))


def reference(text: str) -> tuple[Any, int] | None:
    """What load.py builds with PyYAML alone, and its count of values; None on an error."""
    try:
        return load._parse(text, load.Source(Path("x.yml"), "x.yml"), 1, fast=False)
    except load.LoadError:
        return None


def strict(value: Any) -> Any:
    """``value`` with each scalar's type beside it, so that 1, 1.0 and True differ."""
    if isinstance(value, dict):
        return ("map", {key: strict(item) for key, item in value.items()})
    if isinstance(value, list):
        return ("seq", [strict(item) for item in value])
    return (type(value).__name__, repr(value))


def assert_same_as_pyyaml(text: str) -> bool:
    """Check the fast reading of ``text`` against PyYAML's; True when it was kept."""
    fast = fastyaml.read(text, load.MAX_DEPTH)
    if fast is None:
        return False
    expected = reference(text)
    assert expected is not None, f"the fast reading accepted a text PyYAML rejects:\n{text}"
    assert strict(fast[0]) == strict(expected[0]), text
    assert fast[1] == expected[1], text
    return True


# --- values written both ways -----------------------------------------------------------------------

TRICKY_PLAIN = [
    # booleans and nulls, YAML 1.1 and 1.2
    "yes", "no", "on", "off", "Yes", "NO", "On", "y", "n", "true", "True", "FALSE", "tRue",
    "null", "Null", "~", "nULL",
    # integers
    "0", "7", "-0", "+5", "00", "010", "-010", "08", "0o17", "0x1F", "0X1F", "0b101", "0B1", "1_000", "0_10",
    "1__0", "-1_", "123456789012345678901234567890", "1:30", "190:20:30", "12:30:45",
    # floats
    "1.5", "-1.5", ".5", "-.5", "+.5", "._5", "5.", "1e3", "1E3", "1.0e3", "1.0e+3", "1.e3", "1.5E+3",
    "685.230_15e+03", "1_0.5", ".inf", "-.Inf", "+.INF", ".iNf", ".nan", ".NaN", "NaN", "inf", "Infinity",
    # dates and times
    "2024-01-05", "2024-1-5", "2027-13-01", "2027-02-30", "2024-01-05T10:00:00", "2024-01-05 10:00:00",
    "2024-01-05T10:00", "2024-01-05T10:00:00Z", "2024-01-05t10:00:00+02:00", "2026-08", "2026-Q2",
    # other
    "=", "1.2.3", "v1", "10k", "3D", ".", "+", "0.1", "1,000", "a b", "-x", "x:y", "https://e.org/a#b",
]  # fmt: skip


def quoted(token: str, style: str) -> str:
    if style == "'":
        return "'" + token.replace("'", "''") + "'"
    if style == '"':
        return '"' + token.replace("\\", "\\\\").replace('"', '\\"') + '"'
    return token


@pytest.mark.parametrize(
    "template",
    [
        "k: {v}\n",
        "k:\n  - {v}\n",
        "k: [a, {v}]\n",
        "k: {{a: {v}}}\n",
        'k: {{"a":{v}}}\n',  # left to PyYAML
        "k:\n  {v}\n",
        "k: {v} # note\n",
        "k:\n  - a: {v}\n    b: [{v},{v}]\n",
        "{v}: x\n",
        "k:\n  {v}: x\n",
    ],
)
def test_tricky_values_read_as_pyyaml_reads_them(template):
    kept = 0
    for token in TRICKY_PLAIN:
        for style in ("", "'", '"'):
            kept += assert_same_as_pyyaml(template.format(v=quoted(token, style)))
    assert bool(kept) is ('"a":' not in template)  # the fast reading is used where it may be


def test_what_yaml_1_2_reads_otherwise_is_turned_down():
    # each of these reads differently in yaml-rs (YAML 1.2) and PyYAML (YAML 1.1)
    for token in ["yes", "off", "010", "08", "0o17", "1e3", "1:30", "12:30:45", "2024-01-05T10:00", "+.5", ".iNf"]:
        assert fastyaml.read(f"k: {token}\n", load.MAX_DEPTH) is None, token
    # and these are kept: they read alike
    for token in ["true", "7", "-1.5", "2024-01-05", "2026-08", "1.2.3", "plain words"]:
        assert fastyaml.read(f"k: {token}\n", load.MAX_DEPTH) is not None, token


def test_keys_are_kept_as_written():
    # load.py keeps `on:` as "on" (YAML 1.1 would make it a boolean), and so does yaml-rs
    assert fastyaml.read("slipped:\n  on: 2026-09-30\n", load.MAX_DEPTH) == (
        {"slipped": {"on": dt.date(2026, 9, 30)}},
        3,
    )
    for text in ["=: x\n", "~: x\n", "null: x\n", ": x\n", "1: x\n", "2024-01-05: x\n"]:
        assert fastyaml.read(text, load.MAX_DEPTH) is None, text


@pytest.mark.parametrize(
    "text",
    [
        "a: &x [1]\nb: *x\n",  # anchors and aliases: load.py counts and limits them
        "a: !!str 010\n",  # tags
        "a: !!int '010'\n",
        "<<: {a: 1}\nb: 2\n",  # merges
        "a: 1\n---\nb: 2\n",  # several documents
        "%YAML 1.1\n---\na: 1\n",
        'a: "\\x41"\n',  # escapes
        "a:\tb\n",  # tabs
        "a: b\r\nc: d\r\n",  # line ends
        "- a\n- b\n",  # not a mapping
        "",
        "a: 1\na: 2\n",  # a key twice
        "a: [1, 2\n",  # an error
    ],
)
def test_what_load_checks_with_positions_is_left_to_pyyaml(text):
    assert fastyaml.read(text, load.MAX_DEPTH) is None


def test_block_scalar_text_is_not_mistaken_for_yaml():
    text = "notes: |\n  - *emphasis* and **bold**\n  !!! note\n  010\nitems:\n  - a: >-\n      &x 0o7\n    b: 7\n"
    assert assert_same_as_pyyaml(text)
    # but what follows a block scalar is looked at again
    assert fastyaml.read(text + "c: 010\n", load.MAX_DEPTH) is None
    assert fastyaml.read("a:\n  - key: |\n      text\n    other: 010\n", load.MAX_DEPTH) is None
    assert fastyaml.read("a:\n  - |\n    text\n  - 010\n", load.MAX_DEPTH) is None


def test_a_block_scalar_starting_with_a_date_is_left_to_pyyaml():
    # yaml-rs makes a date of such a text when its line end is stripped; PyYAML keeps the string
    for text in ["a: |-\n  2024-01-05\n", "a: >-\n  2024-01-05  \nb: x\n", "a:\n  - |-\n    2024-01-05\n"]:
        assert fastyaml.read(text, load.MAX_DEPTH) is None, text
        assert "2024-01-05" in str(reference(text)[0]["a"]), text
    for text in ["a: |\n  2024-01-05\n", "a: >-\n\n  2024-01-05\n", "a:\n  - |\n    2024-01-05\n    more\n"]:
        assert fastyaml.read(text, load.MAX_DEPTH) is None, text  # the same first line: turned down too
    # a date further down, or not alone on its line, is text to both
    for text in ["a: |\n  text\n  2024-01-05\n", "a: |\n  2024-01-05 and on\n", "a: '2024-01-05'\nb: |\n  x\n"]:
        assert assert_same_as_pyyaml(text) is ("'" not in text), text


def nested(levels: int) -> str:
    """A mapping nested ``levels`` deep, the deepest value at depth ``levels``."""
    return "".join(f"{' ' * level}k{level}:\n" for level in range(levels - 1)) + " " * (levels - 1) + "last: x\n"


def test_nesting_past_the_limit_is_left_to_pyyaml():
    assert assert_same_as_pyyaml(nested(load.MAX_DEPTH))
    too_deep = nested(load.MAX_DEPTH + 1)
    assert fastyaml.read(too_deep, load.MAX_DEPTH) is None and reference(too_deep) is None


# --- generated documents ------------------------------------------------------------------------------

WORDS = st.from_regex(r"[A-Za-z][a-z]{0,6}(?: [a-z0-9.,:/()#'-]{1,6}){0,3}", fullmatch=True)
# values near anything: tricky tokens, words, indicator characters
HOSTILE = st.one_of(
    st.sampled_from(TRICKY_PLAIN),
    WORDS,
    WORDS,
    st.text(alphabet="abc 01-:.#*&!|>'\"[]{},?%@`~=<", min_size=1, max_size=8),
)
# values as content files have them, so that most documents are read fast and compared
TAME = st.one_of(
    WORDS,
    WORDS,
    WORDS,
    st.sampled_from(["7", "0", "-3", "1.5", "2026-08", "2024-01-05", "2026-Q3", "true", "null", "1.2.3", "a: b"]),
    st.sampled_from(TRICKY_PLAIN),
)


@st.composite
def block_scalar(draw: Any, scalars: Any, indent: int) -> str:
    head = draw(st.sampled_from(["|", ">", "|-", ">-", ">+", "|2", "|+"]))
    pad = " " * (indent + 2)
    extra = st.sampled_from(["", " ", "  ", "   "])
    lines = draw(st.lists(st.one_of(scalars, st.just(""), st.just("- *x*"), st.just("k: 010")), max_size=4))
    return head + "".join("\n" + (pad + draw(extra) + line if line else draw(extra)) for line in lines)


@st.composite
def node(draw: Any, scalars: Any, indent: int, depth: int) -> str:
    """A YAML value to write after "key: " (or "- ") at ``indent``."""
    kinds = ["scalar", "scalar", "quoted", "block", "flow", "flow map", "lines"]
    kinds += ["map", "seq"] * 2 if depth < 3 else []
    kind = draw(st.sampled_from(kinds))
    pad = " " * (indent + 2)
    if kind == "scalar":
        return str(draw(scalars))
    if kind == "quoted":
        return quoted(draw(scalars), draw(st.sampled_from(["'", '"'])))
    if kind == "block":
        return str(draw(block_scalar(scalars, indent)))
    if kind == "lines":  # a plain value on several lines
        return f"\n{pad}".join(draw(st.lists(WORDS, min_size=1, max_size=3)))
    if kind == "flow":
        items = draw(st.lists(st.one_of(scalars, scalars.map(lambda v: quoted(v, "'"))), max_size=3))
        return "[" + ", ".join(items) + "]"
    if kind == "flow map":
        pairs = draw(st.lists(st.tuples(st.from_regex(r"[a-z]{1,4}", fullmatch=True), scalars), max_size=3))
        return "{" + ", ".join(f"{key}: {value}" for key, value in pairs) + "}"
    if kind == "map":
        keys = draw(st.lists(st.from_regex(r"[a-z]{1,3}|on|yes|'q'|\"d\"", fullmatch=True), min_size=1, max_size=3))
        return "\n" + "\n".join(f"{pad}{key}: {draw(node(scalars, indent + 2, depth + 1))}" for key in keys)
    items = draw(st.lists(node(scalars, indent + 2, depth + 1), min_size=1, max_size=3))
    return "\n" + "\n".join(f"{pad}- {item}" for item in items)


@st.composite
def document(draw: Any, scalars: Any) -> str:
    keys = draw(st.lists(st.from_regex(r"[a-z]{1,4}", fullmatch=True), min_size=1, max_size=4, unique=True))
    text = "".join(f"{key}: {draw(node(scalars, 0, 0))}\n" for key in keys)
    if draw(st.integers(0, 3)) == 0:  # and a character or two anywhere, for texts near the valid ones
        at = draw(st.integers(0, len(text)))
        inserted = draw(st.sampled_from(["#", ":", "- ", "  ", "'", '"', "|", "*", "&", "!", "\n", "0"]))
        text = text[:at] + inserted + text[at:]
    return text


GENERATED = settings(
    max_examples=EXAMPLES or 500,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much, HealthCheck.data_too_large],
)


@GENERATED
@given(document(HOSTILE))
def test_generated_documents_read_as_pyyaml_reads_them(text):
    kept = assert_same_as_pyyaml(text)
    event("kept" if kept else "turned down")


@GENERATED
@given(document(TAME))
def test_generated_documents_like_content_files_read_as_pyyaml_reads_them(text):
    kept = assert_same_as_pyyaml(text)
    event("kept" if kept else "turned down")


# --- real files ------------------------------------------------------------------------------------------


def content_texts() -> list[tuple[str, str]]:
    """The YAML of every content file in the project: the example content and the
    hostile corpus (front matter for updates)."""
    texts = []
    for path in sorted([*(REPO / "content").rglob("*"), *(REPO / "tests" / "hostile").rglob("*")]):
        if path.suffix not in (".yml", ".yaml", ".md") or not path.is_file():
            continue
        text = path.read_text(encoding="utf-8", errors="replace")
        if path.suffix == ".md":
            match = load._FRONT_MATTER.match(text)
            if not match:
                continue
            text = match[1]
        texts.append((path.relative_to(REPO).as_posix(), text))
    return texts


def test_every_content_file_reads_as_pyyaml_reads_it():
    kept = {name for name, text in content_texts() if assert_same_as_pyyaml(text)}
    # the fast reading is used, not turned down, for the example content
    examples = {name for name, _ in content_texts() if name.startswith("content/")}
    assert examples and examples <= kept, sorted(examples - kept)


def test_benchmark_content_is_read_fast(tmp_path):
    sys.path.insert(0, str(REPO / "benchmarks"))
    try:
        import run as benchmark
    finally:
        sys.path.remove(str(REPO / "benchmarks"))
    generated = benchmark.generate(tmp_path / "content", 3, 30)
    for path in generated.yaml_files:
        assert assert_same_as_pyyaml(path.read_text(encoding="utf-8")), path


def test_positions_are_pyyaml_s(tmp_path):
    path = tmp_path / "r.yml"
    path.write_text("title: T\nphases:\n  - title: P\n    milestones:\n      - title: M\n        due: 2027-06\n")
    source = load.load_yaml_file(path, "r.yml")
    assert source.text is not None  # read fast, so positions are found later
    assert type(source.data) is dict
    assert source.position_of(("phases", 0, "milestones", 0, "due")) == (6, 14)
    assert source.position_of(("phases", 0, "title"), key=True) == (3, 5)


def test_front_matter_positions_count_from_the_file_s_first_line(tmp_path):
    path = tmp_path / "u.md"
    path.write_text("---\ndate: 2027-01-05\nroadmap: x\n---\nBody.\n", encoding="utf-8")
    source = load.load_markdown_file(path, "u.md")
    assert source.text is not None
    assert source.position_of(("roadmap",)) == (3, 10)


def test_the_fast_reading_can_be_turned_off(monkeypatch, tmp_path):
    path = tmp_path / "r.yml"
    path.write_text("title: T\n")
    assert load.load_yaml_file(path, "r.yml").text is not None
    monkeypatch.setenv("ROADMAP_SITE_YAML", "pyyaml")
    source = load.load_yaml_file(path, "r.yml")
    assert source.text is None and isinstance(source.data, load.Mapping)


def implicit_tag(value: str) -> str | None:
    """The tag PyYAML gives ``value`` written unquoted, None for a string: its own rules."""
    for tag, regexp in resolvers.RESOLVERS.get(value[:1], resolvers.ANY_FIRST):
        if regexp.match(value):
            return str(tag)
    return None


def test_keys_refused_are_those_pyyaml_reads_as_null_value_or_merge():
    refused = {"tag:yaml.org,2002:null", "tag:yaml.org,2002:value", "tag:yaml.org,2002:merge"}
    candidates = [*fastyaml._KEYS_REFUSED, *TRICKY_PLAIN, "NuLL", "==", "<", "<<<", "~~", " ~"]
    for key in candidates:
        assert (implicit_tag(key) in refused) is (key in fastyaml._KEYS_REFUSED), key


def test_one_pattern_per_first_character_reads_as_the_rules():
    for value in [*TRICKY_PLAIN, "Training", "nothing", "Off-by-one", "~x", "2024-01-05x"]:
        pattern = resolvers.NOT_A_STRING.get(value[:1], resolvers.NOT_A_STRING_ANY_FIRST)
        assert (pattern is not None and pattern.match(value) is not None) is (implicit_tag(value) is not None), value
