"""Escaping of user strings for every place they land: Markdown, HTML, URLs, YAML.

Every function returns ``Markup`` so that the template environment (see render.py),
which refuses plain strings, can tell escaped from unescaped text. docs/security.md
says which field gets which treatment; the rules, in short:

* Characters that only serve to spoof or break a page are dropped everywhere: bidi
  embeddings, overrides and isolates (U+202A-U+202E, U+2066-U+2069, the "Trojan Source"
  trick), C0 and C1 control characters other than tab and newline, lone surrogates.
* Plain text (:func:`text`, :func:`html_text`) has its ASCII punctuation written as
  numeric entities, so no Markdown, HTML, attribute list, snippet marker, emoji
  shortcode or Jinja tag in it can take effect, in Markdown or in raw HTML alike.
* Prose (:func:`prose`) keeps Markdown formatting but no raw HTML, attribute lists,
  snippet includes, emoji shortcodes or links with unsafe schemes; code spans and fenced
  blocks are written as HTML code elements with escaped content, so that what counts as
  code never depends on how Markdown would have read it.
"""

from __future__ import annotations

import functools
import html
import re
import string
from collections.abc import Callable
from urllib.parse import quote

from markupsafe import Markup

from roadmap_site.content.safe_links import link_problems
from roadmap_site.speed.characters import printable_or

# Markup(string) runs Python code to look for __html__ first; for a str already escaped,
# str.__new__ gives the same object in C (escaping runs for every value of every page)
already_escaped: Callable[[str], Markup] = functools.partial(str.__new__, Markup)
"""``Markup`` of a ``str`` that is escaped already, made faster than ``Markup(text)``."""

# bidi embeddings/overrides/isolates, C0 controls but tab and newline (\r is folded into
# \n first), DEL and C1 controls, lone surrogates
_DROPPED = re.compile("[\u202a-\u202e\u2066-\u2069\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff]")
_WHITESPACE = re.compile(r"\s+")


def clean(value: object) -> str:
    """``value`` as a string with line ends normalised and dropped characters removed."""
    string = str(value)
    # no control, format or surrogate character, and no line break but "\n" (the usual case)
    if string.isprintable() or printable_or(string, "\n\t"):
        return string
    return _DROPPED.sub("", str(value).replace("\r\n", "\n").replace("\r", "\n"))


def _folded(value: object) -> str:
    string = value if type(value) is str else str(value)
    if string.isprintable():  # as in clean, the usual case, without its call
        if "  " not in string:  # its only whitespace is single spaces
            return string.strip()
        return _WHITESPACE.sub(" ", string).strip()
    return _WHITESPACE.sub(" ", clean(string)).strip()


# Which ASCII characters stay as they are; every other ASCII character becomes a numeric
# entity, and characters past ASCII stay. str.translate with a table by code point does
# that in one C call (escaping is a good part of the time pages take to render); a list
# is read several times faster than a dict, and characters past its end are left alone.
_WORDS = string.ascii_letters + string.digits + " "
_KEPT_IN_TEXT = _WORDS
_KEPT_IN_HTML = _WORDS + "-.,"  # harmless mid-line, and needed by icon shortcodes in templates
_KEPT_IN_ATTRIBUTES = _WORDS + "-.,#/"  # ids, anchors and relative paths keep theirs


def _entity_table(kept: str) -> list[str]:
    return [chr(code) if chr(code) in kept else f"&#{code};" for code in range(128)]


_TEXT_TABLE = _entity_table(_KEPT_IN_TEXT)
_HTML_TABLE = _entity_table(_KEPT_IN_HTML)
_ATTRIBUTE_TABLE = _entity_table(_KEPT_IN_ATTRIBUTES)


def _entities(value: str) -> str:
    return value.translate(_TEXT_TABLE)


_CODE_SPAN = re.compile(r"`([^`]+)`")


def text(value: object) -> Markup:
    """Plain text for inline Markdown: every ASCII punctuation character becomes a
    numeric entity, so no Markdown, HTML, attribute list, snippet marker or shortcode in
    it can take effect. Backtick code spans show as code. Whitespace runs fold to one
    space, so the text never starts a new line."""
    folded = _folded(value)
    if "`" not in folded:  # no code span
        return already_escaped(folded.translate(_TEXT_TABLE))
    parts = _CODE_SPAN.split(folded)
    out = []
    for index, part in enumerate(parts):
        escaped = _entities(part)
        out.append(f"<code>{escaped}</code>" if index % 2 else escaped)
    return already_escaped("".join(out))


def html_text(value: object) -> Markup:
    """Plain text inside HTML elements written by a template. Such an element may be a
    raw HTML block or sit inline in Markdown (where Markdown still reads the text between
    tags), so punctuation is written as entities here too; whitespace folds to one space."""
    return already_escaped(_folded(value).translate(_HTML_TABLE))


_DOCS_CODE_SPAN = re.compile(r"(?<!`)(`+)(?!`).+?(?<!`)\1(?!`)", re.DOTALL)


def docs_markdown(value: object) -> Markup:
    """The project's own documentation text (model docstrings in the format reference):
    trusted Markdown, only ``<``, ``>`` and ``&`` escaped, outside code spans (Markdown
    shows a code span's content as written: an entity there would show as typed).
    Never for content."""
    string = str(value)
    out = []
    position = 0
    for match in _DOCS_CODE_SPAN.finditer(string):
        out += [html.escape(string[position : match.start()], quote=False), match[0]]
        position = match.end()
    out.append(html.escape(string[position:], quote=False))
    return already_escaped("".join(out))


def attribute(value: object) -> Markup:
    """A value for a double-quoted HTML attribute. Punctuation is written as entities,
    quotes included: Python-Markdown applies its inline patterns inside the attributes
    of an inline HTML tag (``<span title="![x](y)">`` would get an ``<img>`` with quotes of
    its own), and a template engine that reads the page (mkdocs-macros) finds no tag."""
    return already_escaped(_folded(value).translate(_ATTRIBUTE_TABLE))


def title(value: object) -> Markup:
    """A page title for front matter or ``page.meta``: MkDocs themes print titles
    without escaping them, so the title is given HTML-escaped (braces too, see
    :func:`attribute`). Titles are printed into HTML, never read as Markdown."""
    escaped = html.escape(_folded(value), quote=True)
    return already_escaped(escaped.replace("{", "&#123;").replace("}", "&#125;"))


_URL_SAFE = ":/?#[]@!$&*+,;=%~-._"
# what quote() leaves as it is: ASCII letters and digits, "_.-~" and _URL_SAFE
_URL_UNCHANGED = re.compile(r"[A-Za-z0-9_.\-~:/?#\[\]@!$&*+,;=%]*")


def url(value: object) -> Markup:
    """A validated link for a Markdown ``(...)`` target or an HTML attribute: characters
    that could end the target or the attribute are percent-encoded."""
    string = value if type(value) is str else str(value)
    if not _URL_UNCHANGED.fullmatch(string):  # most links need no encoding
        string = quote(clean(string), safe=_URL_SAFE)
    return already_escaped(string.replace("&", "&amp;"))


def yaml_string(value: object) -> Markup:
    """A YAML double-quoted string (front matter) holding the HTML-escaped title (see
    :func:`title`). Characters YAML would not read back as they are (line breaks such as
    U+2028, non-printable ones) are written as escapes."""
    out = ['"']
    for char in str(title(value)):
        if char in '"\\':
            out.append("\\" + char)
        elif char == " " or (char.isprintable() and char not in "\u2028\u2029\ufeff"):
            out.append(char)
        elif ord(char) <= 0xFF:
            out.append(f"\\x{ord(char):02x}")
        elif ord(char) <= 0xFFFF:
            out.append(f"\\u{ord(char):04x}")
        else:
            out.append(f"\\U{ord(char):08x}")
    out.append('"')
    return already_escaped("".join(out))


# --- prose ------------------------------------------------------------------------------

MAX_NESTING = 8
"""Deepest nesting prose may use (brackets, parentheses, lists and quotes opened on one
line); deeper ones show as typed. Python-Markdown needs time quadratic in the nesting
of brackets and recursion for nested elements, so this keeps every page fast."""
MAX_EMPHASIS_RUNS = 100
"""Runs of ``*``, ``_``, ``~`` or ``^`` that may act as emphasis in one text; later ones
show as typed (nested emphasis recurses in Python-Markdown)."""
MAX_HEADINGS = 100
"""Headings an update's text may have; later ones show as typed."""
_MAX_INDENT = 4 * MAX_NESTING

_PLACEHOLDER = "\ue000"  # stands for a code span while the text around it is escaped
_FENCE_OPEN = re.compile(r"^(?P<indent>[ \t]*)(?P<fence>`{3,}|~{3,})(?P<info>[^\n]*)$", re.MULTILINE)
# a code span: a run of backticks closed by a run of the same length, not across a blank line
_CODE_RUN = re.compile(r"(?<!`)(`+)(?!`)((?:(?!\n[ \t]*\n).)+?)(?<!`)\1(?!`)", re.DOTALL)
_SHORTCODE_COLON = re.compile(r":(?=[+\-\w]+:)")
_ATX_HEADING = re.compile(r"^([ \t]*)(#)", re.MULTILINE)
_SETEXT_UNDERLINE = re.compile(r"^([ \t]*)([=-])(?=\2*[ \t]*$)", re.MULTILINE)
_ABBREVIATION = re.compile(r"^([ \t]*)\*(?=\[)", re.MULTILINE)
_INDENT = re.compile(r"^[ \t]+", re.MULTILINE)
_CONTAINERS = re.compile(r"^(?:[ \t]*(?:>|[-*+](?=[ \t])|\d{1,9}[.)](?=[ \t])))+", re.MULTILINE)
_CONTAINER = re.compile(r"[ \t]*(?:>|[-*+]|\d{1,9}[.)])")
_BRACKETS = re.compile(r"[\[\]()]")
_CONTAINER_STARTS = frozenset("> \t-*+0123456789")
_EMPHASIS_RUN = re.compile(r"[*_~^]+")


def _code(value: str) -> str:
    return f"<code>{_entities(_WHITESPACE.sub(' ', value).strip())}</code>"


def _code_block(lines: list[str], indent: int) -> str:
    body = "\n".join(line[indent:] if line[:indent].isspace() else line.lstrip() for line in lines)
    return f"\n<pre><code>{_entities(body)}</code></pre>\n"


def _escaped_brackets(value: str) -> set[int]:
    """Positions of brackets and parentheses to show as typed: unmatched ones and
    pairs nested deeper than MAX_NESTING (each kind counted on its own)."""
    escaped: set[int] = set()
    stacks: dict[str, list[int]] = {"[": [], "(": []}
    openers = {"]": "[", ")": "("}
    for match in _BRACKETS.finditer(value):
        index, char = match.start(), match[0]
        backslashes = index - len(value[:index].rstrip("\\")) if index and value[index - 1] == "\\" else 0
        if backslashes % 2:
            continue  # written as \[: Markdown shows it as typed
        if char in stacks:
            stacks[char].append(index)
            continue
        stack = stacks[openers[char]]
        if not stack:
            escaped.add(index)
            continue
        opening = stack.pop()
        if len(stack) >= MAX_NESTING:
            escaped.update((opening, index))
    for stack in stacks.values():
        escaped.update(stack)
    return escaped


def _escaped_emphasis(value: str) -> set[int]:
    """Positions of emphasis characters to show as typed: runs longer than three, and
    every run after the first MAX_EMPHASIS_RUNS."""
    escaped: set[int] = set()
    for count, match in enumerate(_EMPHASIS_RUN.finditer(value), start=1):
        if len(match[0]) > 3 or count > MAX_EMPHASIS_RUNS:
            escaped.update(range(match.start(), match.end()))
    return escaped


def _capped_containers(match: re.Match[str]) -> str:
    markers = _CONTAINER.findall(match[0])
    if len(markers) <= MAX_NESTING:
        return match[0]
    return "".join(markers[:MAX_NESTING]) + _entities("".join(markers[MAX_NESTING:]))


def _capped_indent(match: re.Match[str]) -> str:
    indent = match[0].expandtabs(4)
    return indent if len(indent) <= _MAX_INDENT else " " * _MAX_INDENT


def _headings(value: str, document: bool) -> str:
    """Prose in a YAML field has no headings (the page's own headings give it its
    structure); an update's text may have MAX_HEADINGS."""
    if not document:
        value = _ATX_HEADING.sub(r"\1&#35;", value)
        return _SETEXT_UNDERLINE.sub(lambda m: f"{m[1]}&#{ord(m[2])};", value)
    count = 0

    def limit(match: re.Match[str]) -> str:
        nonlocal count
        count += 1
        return match[0] if count <= MAX_HEADINGS else f"{match[1]}&#{ord(match[2])};"

    value = _ATX_HEADING.sub(limit, value)
    return _SETEXT_UNDERLINE.sub(limit, value)


def _prose_text(value: str, document: bool) -> str:
    """Markdown text with its code spans replaced by placeholders: unsafe link targets
    lead to ``#``; nesting, emphasis and headings are bounded; ``<``, braces, leftover
    backticks, footnote and abbreviation markers and the colon opening an emoji
    shortcode become entities."""
    # Each step runs only when the text has a character its pattern needs: most prose
    # has few of them, and prose is escaped for every milestone of every page.
    if "]" in value:
        for start, end, _, _ in reversed(link_problems(value)):
            value = value[:start] + "#" + value[end:]
    if "#" in value or "=" in value or "-" in value:
        value = _headings(value, document)
    if "\n" in value or value[:1] in (" ", "\t"):
        value = _INDENT.sub(_capped_indent, value)
        value = _CONTAINERS.sub(_capped_containers, value)
    elif value[:1] in _CONTAINER_STARTS:  # one line: only its start can hold markers
        value = _CONTAINERS.sub(_capped_containers, value)
    if "*" in value:
        value = _ABBREVIATION.sub(r"\1&#42;", value)
    if "[^" in value:
        value = value.replace("[^", "[&#94;")
    # (a character looked for with "in" is found much faster than with a pattern)
    brackets = "[" in value or "]" in value or "(" in value or ")" in value
    escaped = _escaped_brackets(value) if brackets else set()
    if "*" in value or "_" in value or "~" in value or "^" in value:
        escaped |= _escaped_emphasis(value)
    if escaped:
        value = "".join(f"&#{ord(char)};" if index in escaped else char for index, char in enumerate(value))
    value = value.replace("<", "&lt;").replace("{", "&#123;").replace("}", "&#125;").replace("`", "&#96;")
    return _SHORTCODE_COLON.sub("&#58;", value) if ":" in value else value


def _prose_inline(value: str, document: bool) -> str:
    if "`" not in value:  # no code span
        return _prose_text(value, document)
    codes: list[str] = []

    def stash(match: re.Match[str]) -> str:
        codes.append(_code(match[2]))
        return _PLACEHOLDER

    text_part = _prose_text(_CODE_RUN.sub(stash, value), document)
    spans = iter(codes)
    return re.sub(_PLACEHOLDER, lambda _: next(spans), text_part)


def prose(value: object, *, document: bool = False) -> Markup:
    """Markdown prose from the content: formatting works; raw HTML, autolinks, attribute
    lists, snippet includes, emoji shortcodes, footnotes, abbreviations and template tags
    show as typed; links with unsafe schemes lead nowhere (``#``; the loader rejects them
    before that); nesting and emphasis are bounded. Code spans and fenced blocks become
    ``<code>`` and ``<pre><code>`` with escaped content.

    Prose in a YAML field has no headings; an update's text (``document``) may have some.
    """
    source = clean(value).replace(_PLACEHOLDER, "").strip()
    out = []
    position = 0
    search_from = 0
    while "```" in source or "~~~" in source:  # (a fence needs three)
        opening = _FENCE_OPEN.search(source, search_from)
        if opening is None:
            break
        fence = opening["fence"]
        if fence[0] == "`" and "`" in opening["info"]:
            search_from = opening.end()  # not a fence: backticks in its info string
            continue
        closing = re.compile(rf"^[ \t]*{re.escape(fence[0])}{{{len(fence)},}}[ \t]*$", re.MULTILINE)
        body_start = opening.end() + 1
        close = closing.search(source, body_start) if body_start <= len(source) else None
        body_end = close.start() if close else len(source)
        lines = source[body_start:body_end].split("\n")
        if lines and lines[-1] == "":
            lines.pop()
        out.append(_prose_inline(source[position : opening.start()], document))
        out.append(_code_block(lines, len(opening["indent"])))
        position = search_from = close.end() if close else len(source)
    out.append(_prose_inline(source[position:], document))
    return already_escaped("".join(out))
