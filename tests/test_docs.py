"""Documentation that is generated or quoted must match the code."""

from __future__ import annotations

import html
import json
import re

from conftest import REPO

from roadmap_site.content.load import Source, parse_yaml
from roadmap_site.content.model import Roadmap
from roadmap_site.content.schema import SCHEMAS, schema_of
from roadmap_site.render.reference import format_reference


def test_format_reference_is_up_to_date():
    assert (REPO / "docs" / "format.md").read_text(encoding="utf-8") == format_reference(), (
        "docs/format.md is stale: run `python -m roadmap_site.render.reference`"
    )


def test_published_schemas_are_up_to_date():
    for name, model in SCHEMAS.items():
        published = json.loads((REPO / "docs" / "schema" / name).read_text(encoding="utf-8"))
        assert published == schema_of(model), f"docs/schema/{name} is stale: run `roadmap-site schema`"


def test_reference_documents_every_field():
    reference = format_reference()
    for name, field in Roadmap.model_fields.items():
        assert f"| `{field.alias or name}` |" in reference


def yaml_blocks(text: str) -> list[str]:
    return re.findall(r"```yaml\n(.*?)```", text, flags=re.DOTALL)


def test_example_roadmaps_in_docs_are_valid():
    examples = [
        block
        for path in (REPO / "README.md", REPO / "docs" / "format.md")
        for block in yaml_blocks(path.read_text(encoding="utf-8"))
        if block.lstrip().startswith("title:")
    ]
    assert len(examples) >= 2
    for block in examples:
        Roadmap.model_validate(parse_yaml(block, Source(REPO / "README.md", "README.md")))


def test_readme_starts_with_the_two_commands():
    text = (REPO / "README.md").read_text(encoding="utf-8")
    blocks = re.findall(r"```bash\n(.*?)```", text, flags=re.DOTALL)
    assert text.index("```bash") < text.index("\n\n", text.index("```bash") + 200)
    assert "mkdocs serve" in blocks[0] or "mkdocs build" in blocks[0]
    test_command = blocks[1].split("#")[0].strip()
    assert test_command == "bash .ci/test.sh"
    run = (REPO / ".ci" / "run").read_text(encoding="utf-8")
    assert f"exec {test_command}" in run


def test_format_reference_shows_code_as_written():
    import markdown

    rendered = markdown.markdown(format_reference(), extensions=["tables", "fenced_code"])
    codes = [html.unescape(code) for code in re.findall(r"<code>(.*?)</code>", rendered, re.DOTALL)]
    assert "content/roadmaps/<id>.yml" in codes and "content/skills/<id>.yml" in codes
    assert not [code for code in codes if re.search(r"&(lt|gt|amp);", code)]
    assert "Label -&gt; link" in format_reference()  # outside code, escaped as before
