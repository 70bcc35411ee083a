"""The ``roadmap-site`` command: check content, write the schema, export pages."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from roadmap_site import dates, pipeline
from roadmap_site.problems import ContentError


def _settings(args: argparse.Namespace) -> pipeline.Settings:
    content_dir = Path(args.content_dir)
    if not content_dir.is_dir():
        raise SystemExit(f"roadmap-site: {content_dir} is not a folder (expected roadmaps/, skills/, updates/ in it)")
    try:
        today = dates.today(args.today)
    except ValueError:
        raise SystemExit(f"roadmap-site: --today must be YYYY-MM-DD, got {args.today!r}") from None
    return pipeline.Settings(content_dir=content_dir, root=Path.cwd(), today=today, strict=args.strict)


def _check(args: argparse.Namespace) -> int:
    settings = _settings(args)
    try:
        result = pipeline.check(settings)
    except ContentError as error:
        if args.format == "json":
            print(json.dumps({"ok": False, "problems": [p.as_dict() for p in error.problems], "stale": []}, indent=2))
        else:
            print(error.report(), file=sys.stderr)
        return 1
    stale = [
        {
            "roadmap": roadmap_id,
            "title": result.content.roadmaps[roadmap_id].model.title,
            "last_update": fresh.last_update.isoformat() if fresh.last_update else None,
            "due_since": fresh.due_since.isoformat() if fresh.due_since else None,
        }
        for roadmap_id, fresh in result.stale
    ]
    if args.format == "json":
        report = {"ok": True, "problems": [p.as_dict() for p in result.warnings], "stale": stale}
        print(json.dumps(report, indent=2))
        return 0
    for notice in result.notices:
        print(f"notice: {notice}", file=sys.stderr)
    for warning in result.warnings:
        print(warning, file=sys.stderr)
    content = result.content
    milestone_count = sum(1 for doc in content.roadmaps.values() for _ in _milestones(doc.model))
    print(
        f"ok: {len(content.roadmaps)} roadmap{'s' if len(content.roadmaps) != 1 else ''}, "
        f"{milestone_count} milestones, {len(content.skills)} skills files, {len(content.updates)} updates; "
        f"{len(result.warnings)} warning{'s' if len(result.warnings) != 1 else ''}"
    )
    return 0


def _milestones(roadmap: object) -> list[object]:
    from roadmap_site.content import milestones

    return list(milestones(roadmap))  # type: ignore[arg-type]


def _schema(args: argparse.Namespace) -> int:
    from roadmap_site.schema import write_schemas

    written = write_schemas(Path(args.output))
    for path in written:
        print(path)
    return 0


def _export(args: argparse.Namespace) -> int:
    settings = _settings(args)
    destination = Path(args.destination)
    if (
        destination.resolve() == settings.content_dir.resolve()
        or settings.content_dir.resolve() in destination.resolve().parents
    ):
        raise SystemExit("roadmap-site: the export folder may not be inside the content folder")
    try:
        written = pipeline.export(settings, destination)
    except ContentError as error:
        print(error.report(), file=sys.stderr)
        return 1
    print(f"wrote {len(written)} files to {destination}")
    return 0


def parser() -> argparse.ArgumentParser:
    """The command-line interface."""
    main_parser = argparse.ArgumentParser(
        prog="roadmap-site",
        description="Check roadmap content and build what a roadmap site needs.",
    )
    commands = main_parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    def content_options(sub: argparse.ArgumentParser) -> None:
        sub.add_argument(
            "content_dir",
            nargs="?",
            default="content",
            metavar="CONTENT_DIR",
            help="folder with roadmaps/, skills/ and updates/ (default: content)",
        )
        sub.add_argument(
            "--today", help=f"check as of this date, YYYY-MM-DD (default: ${dates.TODAY_ENVIRONMENT_VARIABLE} or today)"
        )
        sub.add_argument("--strict", action="store_true", help="treat overdue milestones as errors")

    check = commands.add_parser(
        "check",
        help="validate content and run the accountability checks",
        description="Validate content; exit 0 when clean, 1 with file:line:column errors.",
    )
    content_options(check)
    check.add_argument("--format", choices=("text", "json"), default="text", help="output format (default: text)")
    check.set_defaults(run=_check)

    schema = commands.add_parser(
        "schema",
        help="write the JSON Schemas of the content files",
        description="Write roadmap.schema.json, skills.schema.json and update.schema.json.",
    )
    schema.add_argument("-o", "--output", default="docs/schema", help="folder to write to (default: docs/schema)")
    schema.set_defaults(run=_schema)

    export = commands.add_parser(
        "export",
        help="write the site's Markdown pages for another engine",
        description="Write every page (generated and the content's own) to DESTINATION.",
    )
    export.add_argument("destination", metavar="DESTINATION")
    content_options(export)
    export.set_defaults(run=_export)
    return main_parser


def main(argv: list[str] | None = None) -> int:
    """Entry point of ``roadmap-site``."""
    args = parser().parse_args(argv)
    return int(args.run(args))


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
