"""The YAML loader: positions, and every kind of broken file as a positioned problem."""

import tempfile
from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

import roadmap_site.content.load as load_module
from roadmap_site.content.load import LoadError, load_markdown_file, load_yaml_file


def load(tmp_path: Path, text: str | bytes):
    path = tmp_path / "x.yml"
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return load_yaml_file(path, "content/roadmaps/x.yml")


def error_of(tmp_path: Path, text: str | bytes) -> str:
    with pytest.raises(LoadError) as caught:
        load(tmp_path, text)
    return str(caught.value)


def test_positions_of_keys_values_and_items(tmp_path):
    source = load(tmp_path, "title: T\nphases:\n  - title: P\n    milestones:\n      - title: M\n")
    assert source.position_of(("title",)) == (1, 8)
    assert source.position_of(("phases", 0, "title"), key=True) == (3, 5)
    assert source.position_of(("phases", 0, "milestones", 0, "title")) == (5, 16)
    # a missing part points at the nearest parent
    assert source.position_of(("phases", 0, "nothing")) == (3, 5)


def test_scalars_are_plain_python(tmp_path):
    data = load(tmp_path, "a: 2027-06-15\nb: 2027-06\nc: 12\nd: true\ne: ~\nf: '2027'\n").data
    assert str(data["a"]) == "2027-06-15"
    assert data["b"] == "2027-06" and data["c"] == 12 and data["d"] is True and data["e"] is None
    assert data["f"] == "2027"


def test_merge_keys_explicit_keys_win(tmp_path):
    data = load(tmp_path, "base: &b {status: done, title: A}\nm:\n  <<: *b\n  title: B\n").data
    assert data["m"] == {"status": "done", "title": "B"}


@pytest.mark.parametrize(
    ("text", "where", "what"),
    [
        ("title: [x\n", "x.yml:2:1:", "YAML syntax error"),
        ("title: a\ntitle: b\n", "x.yml:2:1:", "given twice"),
        ("title: x\nid: !!python/object:os.system echo\n", "x.yml:2:5:", "!!python/object:os.system"),
        ("title: x\n\tphases: 1\n", "x.yml:2:", "tabs"),
        ("", "x.yml:1:1:", "empty"),
        ("- a\n- b\n", "x.yml:1:1:", "expected a mapping"),
        ("just text\n", "x.yml:1:1:", "expected a mapping"),
        ("? [a, b]\n: c\n", "x.yml:1:", "keys must be plain text"),
    ],
)
def test_broken_files_are_positioned_problems(tmp_path, text, where, what):
    message = error_of(tmp_path, text)
    assert where in message
    assert what in message


def test_not_utf8_names_line_and_column(tmp_path):
    message = error_of(tmp_path, b"title: ok\nsummary: caf\xe9\n")
    assert "x.yml:2:13:" in message and "not UTF-8" in message


def test_byte_order_mark_is_accepted(tmp_path):
    assert load(tmp_path, "\ufefftitle: T\n".encode()).data["title"] == "T"


def test_alias_bomb_is_stopped(tmp_path):
    lines = ["a: &a [x, x, x, x, x, x, x, x, x]"]
    for index, name in enumerate("bcdefghij"):
        prev = "abcdefghij"[index]
        lines.append(f"{name}: &{name} [{', '.join(['*' + prev] * 9)}]")
    assert "aliases expand" in error_of(tmp_path, "\n".join(lines) + "\n")


@pytest.mark.parametrize("depth", [100, 100_000])
def test_deep_nesting_is_an_error_not_a_crash(tmp_path, depth):
    # whichever PyYAML release reads it (some stop deep flow nesting themselves), the
    # problem is told at the bracket that passes the limit
    message = error_of(tmp_path, "title: " + "[" * depth + "]" * depth + "\n")
    assert "x.yml:1:" in message and "nesting is deeper" in message


def test_deep_block_nesting(tmp_path):
    text = "".join("  " * i + "a:\n" for i in range(200))
    assert "nesting is deeper" in error_of(tmp_path, text)


@pytest.mark.parametrize("depth", [100, 100_000])
def test_sequences_nested_on_one_line_are_an_error_not_a_crash(tmp_path, depth):
    # no indentation and no brackets: libyaml's composer recursed until the process crashed
    message = error_of(tmp_path, "title: T\nphases:\n" + "- " * depth + "x\n")
    assert "x.yml:3:" in message and "nesting is deeper" in message


def test_large_file_is_rejected(tmp_path):
    assert "at most" in error_of(tmp_path, "title: x\nsummary: " + "y" * 2_100_000 + "\n")


def test_missing_file(tmp_path):
    with pytest.raises(LoadError, match="cannot read"):
        load_yaml_file(tmp_path / "absent.yml", "absent.yml")


def test_front_matter_positions(tmp_path):
    path = tmp_path / "u.md"
    path.write_text("---\ndate: 2027-01-05\nroadmap: x\n---\nBody text.\n", encoding="utf-8")
    source = load_markdown_file(path, "u.md")
    assert source.position_of(("roadmap",)) == (3, 10)
    assert source.body == "Body text.\n"


def test_markdown_without_front_matter(tmp_path):
    path = tmp_path / "u.md"
    path.write_text("Just text\n", encoding="utf-8")
    with pytest.raises(LoadError, match="front matter"):
        load_markdown_file(path, "u.md")


RESOLVER_SAMPLES = [
    "", "~", "null", "Null", "NULL", "nulls", "true", "True", "yes", "No", "on", "OFF", "y", "n",
    "0", "-0", "+12", "012", "0o12", "0x1F", "0b101", "1_000", "1:30", "190:20:30", "1e3", "1.0e3",
    "6.8523015e+5", ".inf", "-.Inf", ".nan", ".NaN", "3.", ".5", "2026-11-23", "2026-1-2",
    "2026-11-23T10:00:00Z", "2026-11-23 10:00:00.5 +01:00", "<<", "=", "text", "-", "-x", ":x",
    "é", "1 2", "0.", "-.5e-3", "2026-Q4", "v1.0",
]  # fmt: skip


@pytest.mark.parametrize("value", RESOLVER_SAMPLES)
def test_the_short_resolver_agrees_with_pyyaml(value):
    """load._Loader's resolver must tag every plain and quoted scalar as PyYAML's does."""
    for text in (f"k: {value}\n" if value else "k:\n", f"k: '{value}'\n", f"- {value}\n" if value else "-\n"):
        try:
            theirs = yaml.compose(text, Loader=yaml.SafeLoader)
        except yaml.YAMLError:
            continue  # not a scalar there (`k: -` starts a list)
        ours = yaml.compose(text, Loader=load_module._Loader)
        assert [n.tag for n in _nodes(ours)] == [n.tag for n in _nodes(theirs)], text


def _nodes(node):
    yield node
    children = node.value if isinstance(node, yaml.SequenceNode) else []
    if isinstance(node, yaml.MappingNode):
        children = [part for pair in node.value for part in pair]
    for child in children:
        yield from _nodes(child)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from("ab \n\t\r\x00\x1b\x7f\x85\xa0é\u2028\ufeff\ufffe\uffff✓"), max_size=12))
def test_control_characters_are_found_whatever_else_the_text_holds(body):
    # the quick look for printable text must refuse exactly what the pattern finds
    path = Path(tempfile.mkdtemp()) / "x.yml"
    path.write_bytes(("title: T\n# " + body).encode("utf-8", "surrogatepass"))
    found = load_module._CONTROL_CHARACTER.search(path.read_text(encoding="utf-8-sig"))
    try:
        load_module._read_text(path, "x.yml")
    except LoadError as error:
        assert found is not None and "control character" in str(error)
    else:
        assert found is None
