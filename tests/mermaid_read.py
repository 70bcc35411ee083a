"""Reading mermaid source back, for the tests: the text a reader sees in an escaped
label, and the edges of a flowchart."""

from __future__ import annotations

import re

from roadmap_site.render.diagrams import _ZWSP

_ENTITY = re.compile(r"#(\d{1,7}|quot);")  # an entity code as mermaid_text writes it


def mermaid_unescape(label: str) -> str:
    """The text a reader sees for an escaped label: the inverse of :func:`mermaid_text`
    (before any cutting), used by tests and by :func:`parse_edges`."""
    # one pass, so that the text "#quot;" (written as "#35;quot#59;") stays as it is
    decoded = _ENTITY.sub(lambda match: '"' if match[1] == "quot" else chr(int(match[1])), label)
    return decoded.replace(_ZWSP, "")


_NODE = re.compile(
    r"\s*(?P<id>[A-Za-z0-9_]+)"
    r"(?P<shape>\(\[.*?\]\)|\[\[.*?\]\]|\(\(.*?\)\)|\{\{.*?\}\}|\[.*?\]|\{.*?\}|\(.*?\))?\s*"
)
_LINK = re.compile(r"\s*(?P<arrow>-->|---|==>|===|-\.->|-\.-|~~~)\s*(?:\|(?P<label>[^|]*)\|)?\s*")
_SKIP = re.compile(
    r"^(graph|flowchart|subgraph|end$|classDef|class |click |style |linkStyle|direction|accTitle|accDescr|%%)"
)
_INVISIBLE = "~~~"


_DELIMITERS = (("([", "])"), ("[[", "]]"), ("((", "))"), ("{{", "}}"), ("[", "]"), ("{", "}"), ("(", ")"))


def _shape_text(shape: str) -> str:
    """The label inside a node shape such as ``["text"]`` or ``{text}``."""
    for opening, closing in _DELIMITERS:
        if shape.startswith(opening) and shape.endswith(closing):
            shape = shape[len(opening) : -len(closing)]
            break
    return _unquote(shape)


def _unquote(text: str) -> str:
    if len(text) >= 2 and text[0] == text[-1] == '"':
        return text[1:-1]
    return text


def _normalise(label: str) -> str:
    return " ".join(mermaid_unescape(label).split()).lower()


def parse_edges(source: str) -> set[tuple[str, str, str]]:
    """The visible edges of a flowchart as (from label, to label, edge label).

    Labels are unescaped, lower-cased and whitespace-normalised; a node never given a
    label is named by its id. Invisible ``~~~`` links are layout, not edges, and are
    left out. Meant for tests: compare a generated graph with a hand-written one.
    """
    labels: dict[str, str] = {}
    raw: list[tuple[str, str, str]] = []
    for line in source.splitlines():
        line = line.strip()
        if not line or _SKIP.match(line):
            continue
        position = 0
        pending: tuple[str, str, str] | None = None  # (from node, arrow, edge label)
        while True:
            # a statement is node (link node)*; a link with nothing after it is an error
            node = _NODE.match(line, position)
            if node is None:
                raise ValueError(f"cannot read {line[position:]!r} in {line!r}")
            if node["shape"]:
                labels[node["id"]] = _shape_text(node["shape"])
            if pending is not None and pending[1] != _INVISIBLE:
                raw.append((pending[0], node["id"], pending[2]))
            position = node.end()
            if position == len(line):
                break
            link = _LINK.match(line, position)
            if link is None:
                raise ValueError(f"cannot read {line[position:]!r} in {line!r}")
            pending = (node["id"], link["arrow"], _unquote(link["label"] or ""))
            position = link.end()
    return {(_normalise(labels.get(a, a)), _normalise(labels.get(b, b)), _normalise(label)) for a, b, label in raw}
