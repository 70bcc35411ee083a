"""What the hardening tests check a build for: live injection in HTML and mermaid,
positioned errors, duplicate anchors, and content folders left as they were.

Shared by test_fuzz.py, test_hostile.py and test_serve.py.
"""

from __future__ import annotations

import hashlib
import html
import re
from html.parser import HTMLParser
from pathlib import Path

import markdown
import material

from roadmap_site.render import extensions

# --- HTML ---------------------------------------------------------------------------------

THEME_SCRIPT_PARTIALS = ("base.html", "palette.html", "content.html")
"""Material's templates (in ``partials/javascripts/``) of the inline scripts it writes into
every page."""


def _theme_inline_scripts() -> tuple[str, ...]:
    """How the inline scripts of the installed Material for MkDocs start (their text up to
    the first template expression, at most 40 characters), read from its templates: the
    scripts differ between the versions the project allows. Plus the one ``mkdocs serve``
    adds."""
    folder = Path(material.__file__).parent / "templates" / "partials" / "javascripts"
    starts = []
    for name in THEME_SCRIPT_PARTIALS:
        for script in re.findall(r"<script>(.*?)</script>", (folder / name).read_text(encoding="utf-8"), re.DOTALL):
            start = re.split(r"\{[{%]", script.strip(), maxsplit=1)[0][:40]
            assert len(start) >= 10, f"{name}: an inline script that starts with a template expression"
            starts.append(start)
    assert starts, f"no inline script found in Material's {', '.join(THEME_SCRIPT_PARTIALS)}"
    return (*starts, "var livereload = ")


THEME_INLINE_SCRIPTS = _theme_inline_scripts()
"""The inline scripts Material for MkDocs writes into every page (by how they start), and
the one ``mkdocs serve`` adds."""
THEME_SCRIPT_FOLDERS = ("assets/javascripts/", "assets/roadmap-site/")
"""Where the theme's and the plugin's own script files are."""
URL_ATTRIBUTES = ("href", "src", "action", "formaction", "xlink:href", "data", "srcdoc", "poster", "background")
UNSAFE_URL = re.compile(r"^(?:javascript|data|vbscript|file):", re.IGNORECASE)
ACTIVE_ELEMENTS = ("iframe", "object", "embed", "base", "frame", "frameset", "applet", "template")


class _Scanner(HTMLParser):
    def __init__(self, theme: bool) -> None:
        super().__init__(convert_charrefs=True)
        self.theme = theme
        self.findings: list[str] = []
        self.ids: dict[str, int] = {}
        self.script_attrs: dict[str, str | None] | None = None
        self.in_mermaid = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._element(tag, attrs)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._element(tag, attrs)

    def _element(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if name.startswith("on"):
                self.findings.append(f"event handler <{tag} {name}={value!r}>")
            if name in URL_ATTRIBUTES and value is not None:
                # what a browser reads: tabs and line breaks dropped, leading spaces ignored
                seen = re.sub(r"[\t\n\r]", "", value).lstrip("\x00 \x0c")
                if UNSAFE_URL.match(seen):
                    self.findings.append(f"unsafe link <{tag} {name}={value!r}>")
            if name == "id" and value is not None:
                self.ids[value] = self.ids.get(value, 0) + 1
            if name == "http-equiv":
                self.findings.append(f"<{tag} http-equiv={value!r}>")
        if tag in ACTIVE_ELEMENTS:
            self.findings.append(f"active element <{tag}>")
        if tag == "script":
            script = dict(attrs)
            src = script.get("src")
            if src is not None:
                if not (self.theme and any(folder in src for folder in THEME_SCRIPT_FOLDERS)):
                    self.findings.append(f"script from {src!r}")
            elif not (self.theme and script.get("type") == "application/json" and script.get("id") == "__config"):
                self.script_attrs = script  # judged by its text
            else:
                self.script_attrs = None
        if tag == "style" and not self.theme:
            self.findings.append("style element")

    def handle_data(self, data: str) -> None:
        if self.script_attrs is not None:
            if not (self.theme and data.strip().startswith(THEME_INLINE_SCRIPTS)):
                self.findings.append(f"inline script {data[:80]!r}")
            self.script_attrs = None

    def handle_endtag(self, tag: str) -> None:
        if tag == "script" and self.script_attrs is not None:
            self.findings.append("empty inline script")
            self.script_attrs = None


def scan_html(page: str, *, theme: bool = False) -> list[str]:
    """Live injection in an HTML page or fragment: event-handler attributes, links and
    sources with unsafe schemes, active elements, scripts other than the theme's (with
    ``theme``: a page built by MkDocs), duplicate ``id`` attributes, unsafe mermaid."""
    scanner = _Scanner(theme)
    scanner.feed(page)
    scanner.close()
    findings = list(scanner.findings)
    findings += [f"duplicate id {name!r} ({count} times)" for name, count in scanner.ids.items() if count > 1]
    for block in re.findall(r'<pre class="mermaid"><code>(.*?)</code></pre>', page, flags=re.DOTALL):
        findings += [f"mermaid: {problem}" for problem in mermaid_problems(html.unescape(block))]
    return findings


def live_parts(page: str) -> str:
    """Tag names, attribute names and script text of a page: where a canary string from
    hostile content must never show up (its text content may hold it, as text)."""
    tags = " ".join(
        part for tag in re.findall(r"<[a-zA-Z][^>]*>?", page) for part in re.findall(r"^<[^\s>/]*|\s[a-zA-Z-]+=", tag)
    )
    scripts = " ".join(re.findall(r"<script\b[^>]*>(.*?)</script>", page, flags=re.DOTALL))
    return tags + scripts


# --- mermaid ----------------------------------------------------------------------------------

# a label as diagrams.mermaid_text writes it: letters and digits of any script, space, '.',
# ',' and entity codes #<n>; (no quote, bracket, pipe, colon, semicolon or percent sign)
_SAFE = r"(?:[^\W_]|[ .,]|#\d{1,7};)*"
_ID = r"[a-z]+\d*"
_SLUG = r"[a-z0-9]+(?:-[a-z0-9]+)*"
MERMAID_LINES = [
    re.compile(pattern)
    for pattern in (
        r"(?:flowchart|graph) (?:TB|TD|BT|LR|RL)",
        r"gantt",
        rf"\s+acc(?:Title|Descr): {_SAFE}",
        rf'\s+subgraph {_ID} \["{_SAFE}"\]',
        r"\s+end",
        r"\s+direction (?:TB|TD|BT|LR|RL)",
        rf'\s+{_ID}(?:\["{_SAFE}"\]|\{{"{_SAFE}"\}}|\("{_SAFE}"\)|\(\["{_SAFE}"\]\)|\[\["{_SAFE}"\]\])',
        rf'\s+{_ID} (?:-->|---|~~~|==>|-\.->)(?:\|"{_SAFE}"\|)? {_ID}',
        r"\s+classDef [a-z]+ [a-z0-9:#,.\- ]+",
        rf"\s+class {_ID}(?:,{_ID})* [a-z]+",
        rf'\s+click {_ID} href "#{_SLUG}"',
        r"\s+dateFormat YYYY-MM-DD",
        r"\s+axisFormat %b %Y",
        rf"\s+section {_SAFE}",
        rf"\s+#\d{{1,7}};{_SAFE} :[a-z0-9, -]+",
        r"\s*",
    )
]
"""Every kind of line the generated diagrams have: user text appears only where
``_SAFE`` stands, so a line that matches none of these is an injected statement."""


def mermaid_problems(source: str) -> list[str]:
    """Lines of a mermaid diagram that the generator does not write: injected statements,
    directives (``%%{init}%%``), ``click`` callbacks, unescaped label text."""
    problems = []
    if "%%" in source:
        problems.append("a %% comment or directive")
    for line in source.splitlines():
        if not any(pattern.fullmatch(line) for pattern in MERMAID_LINES):
            problems.append(f"unexpected line {line[:120]!r}")
    return problems


# --- Markdown as MkDocs converts it ------------------------------------------------------------


class Converter:
    """Python-Markdown with the extensions an example site uses (mkdocs.yml) plus the ones
    the plugin registers, as MkDocs would run it on a generated page; one instance is
    reused, since creating one (the emoji index) is slow."""

    EXTRA = ("abbr", "footnotes", "def_list", "pymdownx.snippets")
    """Extensions a site owner might add, that read more syntax from text."""

    def __init__(self, snippets_base: Path | None = None) -> None:
        names = [
            "attr_list",
            "md_in_html",
            "admonition",
            "tables",
            "toc",
            "pymdownx.details",
            "pymdownx.superfences",
            "pymdownx.tasklist",
            *self.EXTRA,
        ]
        configs: dict[str, dict[str, object]] = {"toc": {"permalink": True}}
        if snippets_base is not None:
            configs["pymdownx.snippets"] = {"base_path": [str(snippets_base)], "check_paths": False}
        extensions.register(names, configs)
        self.md = markdown.Markdown(extensions=names, extension_configs=configs)

    def convert(self, text: str) -> str:
        self.md.reset()
        return self.md.convert(_without_front_matter(text))


def _without_front_matter(text: str) -> str:
    match = re.match(r"\A---\n.*?\n---\n", text, flags=re.DOTALL)
    return text[match.end() :] if match else text


# --- errors and folders -----------------------------------------------------------------------

POSITIONED = re.compile(r"^(?:warning: )?\S[^:\n]*:\d+:\d+: \S")
SUMMARY = re.compile(r"^\d+ errors? in roadmap content$")


def unpositioned_lines(report: str) -> list[str]:
    """Lines of an error report that are neither ``path:line:column: message`` nor the
    closing count."""
    return [
        line for line in report.splitlines() if line.strip() and not (POSITIONED.match(line) or SUMMARY.match(line))
    ]


def tree_digest(folder: Path) -> dict[str, str]:
    """Every file under ``folder`` (links not followed) with the SHA-256 of its bytes;
    folders and links are listed too, so that a new or removed one shows."""
    digest = {}
    for path in sorted(folder.rglob("*")):
        relative = path.relative_to(folder).as_posix()
        if path.is_symlink():
            digest[relative] = "link -> " + str(path.readlink())
        elif path.is_dir():
            digest[relative + "/"] = "folder"
        else:
            digest[relative] = hashlib.sha256(path.read_bytes()).hexdigest()
    return digest
