"""Pages without a mermaid diagram lose the mermaid scripts; others keep them."""

from __future__ import annotations

import pytest

from roadmap_site.mkdocs_plugin.diagram_scripts import drop_mermaid_scripts, has_mermaid_diagram

SCRIPTS = (
    '<script src="../../assets/javascripts/bundle.js"></script>\n'
    '      <script src="../../assets/roadmap-site/mermaid-11.4.1.min.js"></script>\n'
    '      <script src="../../assets/roadmap-site/mermaid-strict.js"></script>\n'
    '      <script src="../../assets/roadmap-site/reader.js"></script>\n'
)
NAMES = ["mermaid-11.4.1.min.js", "mermaid-strict.js"]


def page(body: str) -> str:
    return f"<html><body>{body}{SCRIPTS}</body></html>"


def test_a_page_without_a_diagram_loses_exactly_the_mermaid_scripts():
    out = drop_mermaid_scripts(page("<p>text about mermaid</p>"), NAMES)
    assert "mermaid-11.4.1.min.js" not in out and "mermaid-strict.js" not in out
    assert "bundle.js" in out and "reader.js" in out and "text about mermaid" in out


def test_a_page_with_a_diagram_keeps_them():
    markup = page('<pre class="mermaid"><code>graph TD</code></pre>')
    assert has_mermaid_diagram(markup)
    assert drop_mermaid_scripts(markup, NAMES) == markup


def test_nothing_to_drop_leaves_the_page_alone():
    markup = page("<p>x</p>")
    assert drop_mermaid_scripts(markup, []) == markup


def test_a_script_that_only_ends_like_ours_stays():
    markup = '<script src="x/not-mermaid-strict.js"></script><script src="https://cdn/a/mermaid-strict.js"></script>'
    out = drop_mermaid_scripts(markup, ["mermaid-strict.js"])
    assert 'src="x/not-mermaid-strict.js"' in out


def test_a_carried_diagram_is_put_in_place_and_nothing_else_is():
    from roadmap_site.render.diagram_placement import carry, place

    svg = '<svg class="rs-svg"><text>a &#62; b</text></svg>'
    page = f"<p>before</p><div>{carry(svg)}</div><!-- an owner's comment --><p>after</p>"
    assert place(page) == f"<p>before</p><div>{svg}</div><!-- an owner's comment --><p>after</p>"
    with pytest.raises(ValueError):
        carry("<svg>--></svg>")
