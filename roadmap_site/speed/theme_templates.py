"""Compiling a theme's page templates early, in time the build would spend waiting.

``mkdocs build`` waits in ``on_files`` for the outline of the content, which the child
process makes (plugin.py, background.py). MkDocs compiles the theme's templates only
later, when it writes the first page: Material's are about 30 templates, 0.17 s on this
project's machine. Compiled during the wait, in the Jinja environment MkDocs will render
with, they are ready when it asks for them.

A compiled template looks up filters, tests and globals when it renders, so plugins may
change those afterwards (Material's blog plugin replaces the ``url`` filter in
``on_env``). What it was compiled with is the environment's syntax, its extensions and a
few options: :func:`compile_settings` gives them, and the plugin drops the templates
compiled early when a plugin changed any of them by the time pages are written.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from typing import Any

import jinja2

# A template named by a literal in extends, include, import or from: the ones a page
# loads whatever it holds. Names made when the page renders are left to the build.
_NAMED_TEMPLATE = re.compile(r"""\{%[-+]?\s*(?:extends|include|import|from)\s+(["'])([^"'{}%]+)\1""")

# what code Jinja generates from a template depends on (see Environment's arguments)
_COMPILE_OPTIONS = (
    "block_start_string",
    "block_end_string",
    "variable_start_string",
    "variable_end_string",
    "comment_start_string",
    "comment_end_string",
    "line_statement_prefix",
    "line_comment_prefix",
    "trim_blocks",
    "lstrip_blocks",
    "newline_sequence",
    "keep_trailing_newline",
    "optimized",
    "finalize",
    "autoescape",
    "is_async",
)


def compile_early(env: jinja2.Environment, names: Iterable[str], stop: Callable[[], bool]) -> list[str]:
    """Compile the templates ``names`` in ``env``, then the templates they name, breadth
    first, until ``stop()`` is true (it is asked before each template). Returns the
    names compiled. A template that cannot be read or compiled is skipped: the build
    reports it where it renders it. Nothing is compiled where ``env`` keeps no
    templates (``cache_size=0``)."""
    if env.cache is None or env.loader is None:
        return []
    queue = list(dict.fromkeys(names))
    seen = set(queue)
    compiled = []
    for name in queue:  # (the queue grows while it is read)
        if stop():
            break
        try:
            source = env.loader.get_source(env, name)[0]
            env.get_template(name)
        except Exception:  # any loader's or compiler's error is the build's to report, later
            continue
        compiled.append(name)
        for match in _NAMED_TEMPLATE.finditer(source):
            if match[2] not in seen:
                seen.add(match[2])
                queue.append(match[2])
    return compiled


def compile_settings(env: jinja2.Environment) -> tuple[object, ...]:
    """What the code of ``env``'s templates was generated from: syntax, options and
    extensions. Templates compiled under other settings must be compiled again."""
    options = tuple(getattr(env, option) for option in _COMPILE_OPTIONS)
    return (*options, tuple(env.extensions.items()))


def forget_compiled(env: jinja2.Environment) -> None:
    """Drop every template ``env`` has compiled; each is compiled again when next used."""
    if env.cache is not None:
        env.cache.clear()


class EarlyCompiler:
    """The templates of one build compiled early: the environment MkDocs makes for the
    theme is kept as it is made, compiled while the build waits, and checked when the
    build hands it to plugins (``on_env``).

    MkDocs makes the environment between ``on_config`` and ``on_files`` and passes it to
    no event before ``on_env``, which comes after the wait: so the theme's ``get_env`` is
    wrapped, on that theme object only, from ``keep_env`` until ``compile``.
    """

    def __init__(self) -> None:
        self._theme: Any = None
        self._env: jinja2.Environment | None = None
        self._compiled_with: tuple[jinja2.Environment, tuple[object, ...]] | None = None

    def keep_env(self, theme: Any) -> None:
        """Keep each environment ``theme`` makes from now on: the last one made before
        :meth:`compile` is the one the build renders pages with."""
        make_env = theme.get_env

        def get_env() -> jinja2.Environment:
            self._env = make_env()
            return self._env

        theme.get_env = get_env
        self._theme = theme

    def compile(
        self, first: Iterable[str], prepare: Callable[[jinja2.Environment], None], stop: Callable[[], bool]
    ) -> None:
        """Stop keeping environments; ``prepare`` the kept one (before compiling: what it
        changes is made as templates compile), then compile ``first`` and the templates
        they name until ``stop()``."""
        if self._theme is not None:
            vars(self._theme).pop("get_env", None)
        env, self._env, self._theme, self._compiled_with = self._env, None, None, None
        if env is None:
            return
        prepare(env)
        compile_early(env, first, stop)
        self._compiled_with = (env, compile_settings(env))

    def check(self, env: jinja2.Environment) -> None:
        """Drop the templates compiled early if ``env`` is theirs and a plugin has since
        changed what templates compile to."""
        compiled_with, self._compiled_with = self._compiled_with, None
        if compiled_with is not None and compiled_with[0] is env and compile_settings(env) != compiled_with[1]:
            forget_compiled(env)
