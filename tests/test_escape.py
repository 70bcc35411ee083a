"""The escaping functions and link checks, on the inputs that once got through.

Each case here is a hole found while hardening (docs/security.md); test_fuzz.py looks for
new ones.
"""

from __future__ import annotations

import re
import time

import pytest
from conftest import REPO
from pydantic import ValidationError
from safety import Converter, scan_html

from roadmap_site.content import anchors, folder, safe_links
from roadmap_site.content.fields import check_url
from roadmap_site.content.model import Resource, SkillMap
from roadmap_site.render import charts, escape

md = Converter()


def html_of(markdown_text: str) -> str:
    return md.convert(markdown_text)


@pytest.mark.parametrize(
    "value",
    [
        "\\`<img src=x onerror=alert(1)>`",  # an escaped backtick is no code span for Markdown
        "~~~<img src=x onerror=alert(1)>~~~",  # nor are tildes on one line
        "```\n<img src=x onerror=alert(1)>\n```",
        "<script>alert(1)</script>",
        '<div markdown="1" onclick="alert(1)">*x*</div>',
        "{: onclick=alert(1) }",
        "```mermaid\ngraph TD\nclick A call alert(1)\n```",
    ],
)
@pytest.mark.parametrize("context", ["{}", "- [ ] item — {}", '!!! note "x"\n    {}'])
def test_prose_never_becomes_live_html(value, context):
    page = html_of(context.format(str(escape.prose(value))))
    assert scan_html(page) == [], page
    assert "<img" not in page and '<pre class="mermaid"' not in page


def test_prose_keeps_markdown_and_code():
    page = html_of(str(escape.prose("Use [`kubectl` docs](https://k8s.io), **bold**, `a < b`.\n\n- one\n- two")))
    assert '<a href="https://k8s.io"><code>kubectl</code> docs</a>' in page
    assert "<strong>bold</strong>" in page and "<li>one</li>" in page
    assert "<code>a &#60; b</code>" in page


@pytest.mark.parametrize(
    "shortcut",
    [":smile:", "*[HTML]: Hyper Text", "[^1]: footnote", "--8<-- 'file.txt'", "{{ config }}", "# Heading"],
)
def test_prose_shows_extension_syntax_as_typed(shortcut):
    page = html_of(str(escape.prose(shortcut)))
    assert "<img" not in page and "<abbr" not in page and "footnote-ref" not in page and "<h1" not in page


@pytest.mark.parametrize(
    "note",
    [
        "[x](javascript:alert(1))",
        "[x]\n\n[x]: javascript:alert(1)",
        "[x](javascript&#58;alert(1))",  # Markdown keeps the entity; the browser decodes it
        "[x](java\nscript:alert(1))",  # Markdown keeps the line break; the browser drops it
        "[x](&#106;avascript:alert(1))",
        "[x](<JAVASCRIPT:alert(1)>)",
        "![x](data:text/html,<script>alert(1)</script>)",
        "[x](vbscript:msgbox)",
        "[x](//evil.example/)",
    ],
)
def test_unsafe_links_in_prose_are_errors_naming_the_allowed_schemes(note):
    with pytest.raises(ValidationError) as caught:
        Resource(title="R", note=note)
    message = str(caught.value)
    assert "http, https, mailto" in message or "leaves the site" in message
    rendered = html_of(str(escape.prose(note)))
    assert scan_html(rendered) == [] and "evil.example" not in re.findall(r'href="([^"]*)"', rendered)


@pytest.mark.parametrize("link", ["https://example.org/a:b", "mailto:me@example.org", "../x.md#top", "#top", "a b:c"])
def test_safe_links_in_prose_are_kept(link):
    assert Resource(title="R", note=f"[x]({link})").note == f"[x]({link})"


@pytest.mark.parametrize("target", ["javascript:x", "JAVAscript:x", "data:x", "//x", "java\tscript:x", "file:x"])
def test_one_link_policy_for_link_fields_and_prose(target):
    assert safe_links.link_problem(target) is not None
    with pytest.raises(ValueError):
        check_url(target)


def test_attribute_values_are_inert_in_inline_html():
    """Python-Markdown applies inline patterns inside an inline tag's attributes."""
    value = "![onmouseover=alert(1) x](https://example.org/) :smile: *a*"
    page = html_of(f'Text <span title="{escape.attribute(value)}">x</span>')
    assert scan_html(page) == [] and "<img" not in page and "<em>" not in page


def test_front_matter_title_reads_back_html_escaped():
    import yaml

    value = 'A "quoted" <b>title</b> {{ x }}\u2028next\u202e'
    assert (
        yaml.safe_load(str(escape.yaml_string(value)))
        == "A &quot;quoted&quot; &lt;b&gt;title&lt;/b&gt; &#123;&#123; x &#125;&#125; next"
    )


def test_chart_titles_are_inert_inside_the_markdown_figure():
    skill_map = SkillMap.model_validate(
        {"title": "[x](javascript:alert(1))", "areas": [{"id": "a", "title": ":smile: *b* [c](d)", "level": 1}]}
    )
    svg = charts.t_profile_svg(skill_map)
    assert svg is not None
    page = html_of(f'<figure class="rs-tprofile" markdown>\n{svg}\n</figure>\n')
    assert scan_html(page) == [] and "<img" not in page and "<a " not in page and "<em>" not in page


@pytest.mark.parametrize(
    "value",
    [
        "[" * 19000,
        "](" * 9500,
        "[a](" * 4750,
        "**a " * 2000 + " b**" * 2000,
        "*" * 5000 + "a" + "*" * 5000,
        "[*" * 4000 + "x" + "*]" * 4000,
        "> - " * 4000,
        "# a\n" * 4000,
        "[^1] " * 3800,
        "".join("    " * i + "- a\n" for i in range(100)),
        "[x](" + "&#10;" * 3500 + "javascript:x)",
    ],
    ids=lambda value: repr(value[:12]),
)
def test_pathological_prose_renders_quickly(value):
    """Python-Markdown alone needs minutes, or crashes, on some of these."""
    started = time.monotonic()
    html_of(str(escape.prose(value)))
    html_of(str(escape.prose(value, document=True)))
    assert time.monotonic() - started < 15


def test_every_anchor_a_template_writes_is_reserved():
    templates = REPO / "roadmap_site" / "render" / "templates"
    pages = {
        "roadmap.md.j2": anchors.ROADMAP_ANCHORS,
        "skills.md.j2": anchors.SKILLS_ANCHORS,
        "home.md.j2": folder.HOME_ANCHORS,
    }
    for name, reserved in pages.items():
        literal = set(re.findall(r"\{ #([a-z0-9-]+) \}", (templates / name).read_text(encoding="utf-8")))
        assert literal <= reserved, (name, literal - reserved)
    svg = charts.t_profile_svg(
        SkillMap.model_validate({"title": "S", "areas": [{"id": "a", "title": "A", "level": 1}]})
    )
    assert svg is not None and set(re.findall(r'id="([^"]+)"', svg)) <= anchors.SKILLS_ANCHORS


@pytest.mark.parametrize(
    "target",
    ["https://x.org", "HTTP://x", "mailto:a@b", "https:", "httpsx://x", "http s://x", "hTtPs://x", "https\u017f://x",
     "javascript:alert(1)", "//evil", "\\\\evil", "&#104;ttps://x", "ftp://x", "../a.md#b", "#top", ""],
)  # fmt: skip
def test_the_quick_check_of_common_links_agrees_with_the_full_reading(target):
    """link_problem takes a shortcut for links starting with an allowed scheme."""
    assert safe_links.link_problem(target) == safe_links._read_target(target, 0)[1]


@pytest.mark.parametrize(
    ("table", "rule"),
    [
        # every ASCII character but letters, digits and space (and `_`, which \w includes)
        (escape._TEXT_TABLE, r"[^\w \u0080-\U0010ffff]|_"),
        # the same, sparing - . ,
        (escape._HTML_TABLE, r"[^\w \-.,\u0080-\U0010ffff]|_"),
        # the same, sparing - . , # /
        (escape._ATTRIBUTE_TABLE, r"[^\w \-.,#/\u0080-\U0010ffff]|_"),
    ],
)
def test_entity_tables_escape_what_the_rule_names(table, rule):
    # every ASCII character, a few past the table's end, and an astral one
    every = "".join(map(chr, range(300))) + "é—✓日\U0001f600 plain words"
    expected = re.compile(rule, re.ASCII).sub(lambda match: f"&#{ord(match[0])};", every)
    assert every.translate(table) == expected


def test_links_needing_no_encoding_are_taken_as_they_are():
    from urllib.parse import quote

    samples = [
        "https://example.org/a/b?x=1&y=[2]#top",
        "mailto:someone@example.org",
        "../skills/alex.md#deep-learning",
        "https://e.org/%7Euser/~x;y=z,w!$*+",
        "https://e.org/a b",
        'https://e.org/"><script>',
        "https://e.org/é",
        "https://e.org/{x}|`^\\",
        "https://e.org/'quote'",
        "",
    ]
    samples += ["https://e.org/" + chr(code) for code in range(32, 127)]
    for sample in samples:
        expected = quote(escape.clean(sample), safe=escape._URL_SAFE).replace("&", "&amp;")
        assert escape.url(sample) == expected, sample


def test_clean_keeps_printable_text_with_line_breaks_and_mends_the_rest():
    for kept in ["one line", "two\nlines\tand a tab\n", "accents: é ✓\n", ""]:
        assert escape.clean(kept) == kept
    assert escape.clean("a\r\nb\rc\n") == "a\nb\nc\n"
    assert escape.clean("text\n\u202eevil\x00\x85\u2066") == "text\nevil"
    assert escape.clean("zero\u200bwidth\n") == "zero\u200bwidth\n"  # a format character not dropped
    assert escape.prose("a *b* [c](d) ~~e~~ x_y_z\n") == escape.prose("a *b* [c](d) ~~e~~ x_y_z")
    assert "&#42;" in escape.prose("****four****")  # a run of more than three: shown as typed
    assert "&#91;" in escape.prose("an [ unclosed bracket")
