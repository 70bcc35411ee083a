"""Escaping of user strings for every place they land: Markdown, HTML, URLs, YAML.

Every function returns ``Markup`` so that the template environment (see render.py),
which refuses plain strings, can tell escaped from unescaped text.
"""

from __future__ import annotations

import html
import json
import re
from urllib.parse import quote

from markupsafe import Markup

_UNSAFE_INLINE = re.compile(r"[^\w \u00a0-\U0010ffff]|[\u202a-\u202e\u2066-\u2069]|_", re.ASCII)
_WHITESPACE = re.compile(r"\s+")


_CODE_SPAN = re.compile(r"`([^`]+)`")


def text(value: object) -> Markup:
    """Plain text for inline Markdown: every ASCII punctuation character becomes a
    numeric entity, so no Markdown, HTML, attribute list, snippet marker or shortcode in
    it can take effect. Backtick code spans show as code. Bidi overrides are dropped;
    whitespace runs fold to one space."""
    folded = _WHITESPACE.sub(" ", str(value)).strip()
    parts = _CODE_SPAN.split(folded)
    out = []
    for index, part in enumerate(parts):
        escaped = _UNSAFE_INLINE.sub(_entity, part)
        out.append(f"<code>{escaped}</code>" if index % 2 else escaped)
    return Markup("".join(out))


def _entity(match: re.Match[str]) -> str:
    char = match[0]
    if "\u202a" <= char <= "\u202e" or "\u2066" <= char <= "\u2069":
        return ""
    return f"&#{ord(char)};"


_CODE = re.compile(r"(```.*?```|~~~.*?~~~|`[^`\n]+`)", re.DOTALL)
_SNIPPET = re.compile(r"-{1,}8<-{1,}")


def prose(value: object) -> Markup:
    """Markdown prose from the content: formatting works, raw HTML shows as text,
    attribute lists and snippet includes do not take effect. Code spans and fences are
    left as written (Markdown already shows their content literally)."""
    parts = _CODE.split(str(value).strip())
    out = []
    for index, part in enumerate(parts):
        if index % 2:  # code
            out.append(part)
            continue
        part = part.replace("<", "&lt;").replace(">", "&gt;")
        part = part.replace("{", "&#123;").replace("}", "&#125;")
        part = _SNIPPET.sub(lambda m: m[0].replace("<", "&lt;"), part)
        out.append(part)
    return Markup("".join(out))


def attribute(value: object) -> Markup:
    """A value for a double-quoted HTML attribute."""
    return Markup(html.escape(str(value), quote=True))


def html_text(value: object) -> Markup:
    """Plain text inside raw HTML."""
    return Markup(html.escape(str(value), quote=False))


_URL_SAFE = ":/?#[]@!$&*+,;=%~-._"


def url(value: object) -> Markup:
    """A validated link for a Markdown ``(...)`` target or an HTML attribute: characters
    that could end the target or the attribute are percent-encoded."""
    return Markup(quote(str(value), safe=_URL_SAFE).replace("&", "&amp;"))


def yaml_string(value: object) -> Markup:
    """A YAML double-quoted string (front matter) holding HTML-escaped text, since
    MkDocs themes print page titles without escaping them."""
    return Markup(json.dumps(html.escape(str(value), quote=False), ensure_ascii=False))
