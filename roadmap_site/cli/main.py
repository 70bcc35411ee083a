"""The ``roadmap-site`` command: start a roadmap repository, check content, draft quarterly
updates, write the schema, export pages.

Exit status: 0 when all is well, 1 for a content problem (or a file that would be
overwritten), 2 for a usage error.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from pathlib import Path

from roadmap_site import __version__, pipeline
from roadmap_site.cli import quarterly, starter
from roadmap_site.content import dates
from roadmap_site.content.documents import milestones
from roadmap_site.content.loader import load_content
from roadmap_site.content.problems import ContentError
from roadmap_site.derive.defaults import DiagramForm
from roadmap_site.links import normalize_site_url
from roadmap_site.mkdocs_plugin import mermaid_asset
from roadmap_site.publish import engine_config, export

EXIT_OK, EXIT_CONTENT, EXIT_USAGE = 0, 1, 2
DEFAULT_SITE_NAME = "Roadmaps"


class UsageError(Exception):
    """The command line asks for something impossible (exit status 2)."""


def _today(args: argparse.Namespace) -> dt.date:
    try:
        return dates.today(args.today)
    except ValueError:
        source = "--today" if args.today else f"${dates.TODAY_ENVIRONMENT_VARIABLE}"
        raise UsageError(f"{source} must be YYYY-MM-DD") from None


def _site_url(value: str | None) -> str | None:
    try:
        return normalize_site_url(value)
    except ValueError as problem:
        raise UsageError(f"--site-url: {problem}") from None


def _settings(args: argparse.Namespace) -> pipeline.Settings:
    content_dir = Path(args.content_dir)
    if not content_dir.is_dir():
        raise UsageError(f"{content_dir} is not a folder (expected roadmaps/, skills/, updates/ in it)")
    return pipeline.Settings(
        content_dir=content_dir,
        root=Path.cwd(),
        today=_today(args),
        strict=getattr(args, "strict", False),
        site_url=_site_url(getattr(args, "site_url", None)),
    )


def _stale_report(result: pipeline.Result) -> list[dict[str, object]]:
    return [
        {
            "roadmap": roadmap_id,
            "title": result.content.roadmaps[roadmap_id].model.title,
            "last_update": fresh.last_update.isoformat() if fresh.last_update else None,
            "due_since": fresh.due_since.isoformat() if fresh.due_since else None,
        }
        for roadmap_id, fresh in result.stale
    ]


def _check(args: argparse.Namespace) -> int:
    settings = _settings(args)
    try:
        result = pipeline.check(settings)
    except ContentError as error:
        # Overdue milestones in strict mode are found after the content loaded, so the
        # stale roadmaps are known; when a file fails to load, no figure can be trusted.
        partial = error.result if isinstance(error, pipeline.CheckError) else None
        warnings = partial.warnings if partial else []
        if args.format == "json":
            report = {
                "ok": False,
                "problems": [p.as_dict() for p in [*error.problems, *warnings]],
                "stale": _stale_report(partial) if partial else [],
                "stale_checked": partial is not None,
            }
            print(json.dumps(report, indent=2))
        else:
            for warning in warnings:
                print(warning, file=sys.stderr)
            print(error.report(), file=sys.stderr)
        return EXIT_CONTENT
    if args.format == "json":
        report = {
            "ok": True,
            "problems": [p.as_dict() for p in result.warnings],
            "stale": _stale_report(result),
            "stale_checked": True,
        }
        print(json.dumps(report, indent=2))
        return EXIT_OK
    for notice in result.notices:
        print(f"notice: {notice}", file=sys.stderr)
    for warning in result.warnings:
        print(warning, file=sys.stderr)
    content = result.content
    milestone_count = sum(1 for doc in content.roadmaps.values() for _ in milestones(doc.model))
    print(
        f"ok: {len(content.roadmaps)} roadmap{'s' if len(content.roadmaps) != 1 else ''}, "
        f"{milestone_count} milestones, {len(content.skills)} skills files, {len(content.updates)} updates; "
        f"{len(result.warnings)} warning{'s' if len(result.warnings) != 1 else ''}"
        f"{' (shown on the pages too; --strict makes overdue milestones errors)' if result.warnings else ''}"
    )
    return EXIT_OK


def _schema(args: argparse.Namespace) -> int:
    from roadmap_site.content.schema import write_schemas

    written = write_schemas(Path(args.output))
    for path in written:
        print(path)
    return EXIT_OK


def _export(args: argparse.Namespace) -> int:
    settings = _settings(args)
    destination = Path(args.destination)
    if (
        destination.resolve() == settings.content_dir.resolve()
        or settings.content_dir.resolve() in destination.resolve().parents
    ):
        raise UsageError("the export folder may not be inside the content folder")
    if args.engine is None:
        site_name = args.site_name or DEFAULT_SITE_NAME
        try:
            written = export.export(settings, destination, site_name=site_name)
        except ContentError as error:
            print(error.report(), file=sys.stderr)
            return EXIT_CONTENT
    else:
        try:
            written = _export_project(args, settings, destination)
        except engine_config.EngineConfigError as error:
            print(f"roadmap-site: {error}", file=sys.stderr)
            return EXIT_CONTENT
        except mermaid_asset.MermaidAssetError as error:
            print(f"roadmap-site: mermaid: self-hosted: {error}", file=sys.stderr)
            return EXIT_CONTENT
        except ContentError as error:
            print(error.report(), file=sys.stderr)
            return EXIT_CONTENT
    print(f"wrote {len(written)} files to {destination}")
    if settings.site_url is None:
        print("no feed.xml: pass --site-url for the feed's absolute links", file=sys.stderr)
    if args.engine is not None:
        build = "zensical build" if args.engine == "zensical" else "mkdocs build --strict"
        print(f"next: cd {destination} && {build}")
    return EXIT_OK


def _export_project(args: argparse.Namespace, settings: pipeline.Settings, destination: Path) -> list[Path]:
    """``export --engine``: the pages under DESTINATION/docs and the engine's mkdocs.yml,
    made from the site's own configuration (``--config-file``)."""
    config_file = Path(args.config_file)
    if (destination / engine_config.CONFIG_FILE).resolve() == config_file.resolve():
        raise UsageError(f"the export would replace {config_file}: export to another folder")
    source = engine_config.read_source(config_file)
    options = engine_config.plugin_options(source.settings)
    if args.today is None and options.get("today"):  # the plugin's fixed "today", as a build has it
        try:
            settings.today = dates.today(str(options["today"]))
        except ValueError:
            raise engine_config.EngineConfigError(
                f"{config_file}: plugins: roadmap: today must be YYYY-MM-DD, got {options['today']!r}"
            ) from None
    if settings.site_url is None and source.settings.get("site_url"):
        try:
            settings.site_url = normalize_site_url(str(source.settings["site_url"]))
        except ValueError as problem:
            raise engine_config.EngineConfigError(f"{config_file}: site_url: {problem}") from None
    for name in ("focus", "grace_days"):
        if isinstance(options.get(name), int) and not isinstance(options.get(name), bool):
            setattr(settings, name, options[name])
    if isinstance(options.get("feed"), bool):
        settings.feed = options["feed"]
    # as the plugin: `off` (a bare off reads as false) draws the diagrams at build time
    mermaid = args.mermaid or options.get("mermaid") or "off"
    mermaid_file = mermaid_asset.mermaid_script() if mermaid == "self-hosted" else None
    diagrams: DiagramForm = "svg" if mermaid == "off" else "mermaid"
    site_name = args.site_name or str(source.settings.get("site_name") or DEFAULT_SITE_NAME)
    project = engine_config.ProjectSettings(engine=args.engine, site_name=site_name, site_url=settings.site_url)
    return export.export(settings, destination, site_name, project, source, mermaid_file, diagrams)


def _init(args: argparse.Namespace) -> int:
    directory = Path(args.directory)
    if directory.exists() and not directory.is_dir():
        raise UsageError(f"{directory} exists and is not a folder")
    values = starter.StarterValues(
        today=_today(args),
        site_url=_site_url(args.site_url) or starter.default_site_url(directory),
        site_name=args.site_name,
    )
    try:
        written = starter.init(directory, values)
    except starter.InitError as error:
        print(f"roadmap-site: {error}", file=sys.stderr)
        return EXIT_CONTENT
    print(f"created {len(written)} files in {directory}")
    print(f"next: cd {directory} && mkdocs serve   (then read README.md: edit, check, publish)")
    return EXIT_OK


def _update(args: argparse.Namespace) -> int:
    settings = _settings(args)
    quarter = args.quarter or dates.quarter_of(settings.today)
    try:
        content = load_content(settings.content_dir, settings.root)
    except ContentError as error:
        print(error.report(), file=sys.stderr)
        return EXIT_CONTENT
    if args.roadmap and args.roadmap not in content.roadmaps:
        raise UsageError(f"--roadmap: no roadmap {args.roadmap!r} (known: {', '.join(sorted(content.roadmaps))})")
    target = settings.content_dir / "updates" / quarterly.update_file_name(quarter, args.roadmap)
    if target.exists():
        print(f"roadmap-site: {target} already exists: edit it instead (nothing was written)", file=sys.stderr)
        return EXIT_CONTENT
    text = quarterly.draft_update(content, quarter, settings.today, args.roadmap)
    target.parent.mkdir(parents=True, exist_ok=True)
    with target.open("x", encoding="utf-8") as file:  # "x": never replace a file made meanwhile
        file.write(text)
    print(target)
    return EXIT_OK


def _quarter(value: str) -> str:
    if not quarterly.QUARTER.match(value):
        raise argparse.ArgumentTypeError(f"expected a quarter such as 2027-Q1, got {value!r}")
    return value


EPILOG = """\
exit status: 0 ok, 1 content problem (or a file that would be overwritten), 2 usage error

examples:
  roadmap-site init my-roadmap          start a roadmap repository
  roadmap-site check --strict           validate content/ and its promises
  roadmap-site update --quarter 2027-Q1 draft the update for a quarter
"""


def parser() -> argparse.ArgumentParser:
    """The command-line interface."""
    formatter = argparse.RawDescriptionHelpFormatter
    main_parser = argparse.ArgumentParser(
        prog="roadmap-site",
        description="Check roadmap content and build what a roadmap site needs.",
        epilog=EPILOG,
        formatter_class=formatter,
    )
    main_parser.add_argument("--version", action="version", version=f"roadmap-site {__version__}")
    commands = main_parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    def today_option(sub: argparse.ArgumentParser) -> None:
        sub.add_argument(
            "--today",
            metavar="YYYY-MM-DD",
            help=f"act as of this date (default: ${dates.TODAY_ENVIRONMENT_VARIABLE} or the clock)",
        )

    def content_options(sub: argparse.ArgumentParser, strict: bool = True) -> None:
        sub.add_argument(
            "content_dir",
            nargs="?",
            default="content",
            metavar="CONTENT_DIR",
            help="folder with roadmaps/, skills/ and updates/ (default: content)",
        )
        today_option(sub)
        if strict:
            sub.add_argument("--strict", action="store_true", help="treat overdue milestones as errors")

    init = commands.add_parser(
        "init",
        help="start a new roadmap repository",
        description="Write a new roadmap repository into DIRECTORY: mkdocs.yml, a starter roadmap, skills "
        "file and first update under content/, a README with the next steps, .gitignore and the GitHub "
        "Actions workflow that publishes the site. It builds right away with `mkdocs build --strict`. "
        "Nothing is overwritten: if any of these files exists, nothing is written (exit 1).",
    )
    init.add_argument("directory", metavar="DIRECTORY", help="folder to create (or an empty one)")
    init.add_argument(
        "--site-url",
        metavar="URL",
        help="the site's address, e.g. https://NAME.github.io/REPO/ (default: a stand-in; the publish "
        "workflow sets the real one)",
    )
    init.add_argument(
        "--site-name", metavar="NAME", default=starter.DEFAULT_SITE_NAME, help="the site's title (default: %(default)s)"
    )
    today_option(init)
    init.set_defaults(run=_init)

    check = commands.add_parser(
        "check",
        help="validate content and run the accountability checks",
        description="Validate content and run the accountability checks: milestones past due and "
        "not done (warnings; errors with --strict) and roadmaps whose promised update is late. "
        "Exit 0 when there is no error, 1 with file:line:column messages.",
    )
    content_options(check)
    check.add_argument(
        "--format",
        choices=("text", "json"),
        default="text",
        help="output format (default: text); json: {ok, problems, stale, stale_checked} on stdout",
    )
    check.set_defaults(run=_check)

    update = commands.add_parser(
        "update",
        help="draft a quarterly update file",
        description="Write CONTENT_DIR/updates/QUARTER.md (or QUARTER-ROADMAP.md with --roadmap), "
        "pre-filled with today's date and the milestones due, done and slipped in the quarter. "
        "An existing file is never overwritten (exit 1).",
    )
    content_options(update, strict=False)
    update.add_argument(
        "--quarter", type=_quarter, metavar="YYYY-QN", help="the quarter it covers (default: today's quarter)"
    )
    update.add_argument("--roadmap", metavar="ID", help="write an update about this roadmap only")
    update.set_defaults(run=_update)

    schema = commands.add_parser(
        "schema",
        help="write the JSON Schemas of the content files",
        description="Write roadmap.schema.json, skills.schema.json and update.schema.json.",
    )
    schema.add_argument("-o", "--output", default="docs/schema", help="folder to write to (default: docs/schema)")
    schema.set_defaults(run=_schema)

    export = commands.add_parser(
        "export",
        help="write the site's Markdown pages and data files for another engine",
        description="Write every page (generated and the content's own), the stylesheet, progress.json "
        "and the badges to DESTINATION, and feed.xml with --site-url. Page addresses in the data files "
        "assume directory URLs (roadmaps/ID/). With --engine, write a whole project instead: the pages "
        "under DESTINATION/docs and a mkdocs.yml for that engine (made from --config-file: site name and "
        "address, theme, Markdown extensions, stylesheet, scripts and navigation), so that `zensical build` "
        "or `mkdocs build --strict` in DESTINATION needs nothing written by hand.",
    )
    export.add_argument("destination", metavar="DESTINATION", help="folder to write to (outside CONTENT_DIR)")
    content_options(export)
    export.add_argument("--site-url", metavar="URL", help="the site's address, for feed.xml and absolute links")
    export.add_argument(
        "--site-name",
        metavar="NAME",
        help=f"the site's title (default: site_name of --config-file, else {DEFAULT_SITE_NAME})",
    )
    export.add_argument(
        "--engine",
        choices=engine_config.ENGINES,
        help="write a project this engine builds as it is (pages in DESTINATION/docs, DESTINATION/mkdocs.yml)",
    )
    export.add_argument(
        "--config-file",
        metavar="FILE",
        default="mkdocs.yml",
        help="the site's MkDocs configuration, read with --engine (default: %(default)s, when present)",
    )
    export.add_argument(
        "--mermaid",
        choices=("off", "cdn", "self-hosted"),
        help="with --engine: off draws the diagrams into the pages at build time; cdn or self-hosted writes "
        "mermaid source and the script that draws it (default: the roadmap plugin's mermaid option)",
    )
    export.set_defaults(run=_export)
    return main_parser


def main(argv: list[str] | None = None) -> int:
    """Entry point of ``roadmap-site``."""
    main_parser = parser()
    args = main_parser.parse_args(argv)
    try:
        return int(args.run(args))
    except UsageError as error:
        main_parser.exit(EXIT_USAGE, f"roadmap-site: error: {error}\n")


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
