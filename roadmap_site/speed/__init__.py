"""Everything that is here only to make builds faster, each with the figure that keeps it.

The site is the same with or without any of them; docs/performance.md has the benchmark
(``benchmarks/run.py``) and the figures.

- ``background.py``: a build forks a child that loads, checks and renders the content
  while MkDocs reads its own files and renders HTML (``ROADMAP_SITE_BACKGROUND=0`` turns
  it off).
- ``theme_templates.py``: while the build waits for the child, it compiles the theme's
  templates that MkDocs would compile later anyway (about 0.17 s with Material).
- ``gcpause.py``: the cyclic garbage collector is paused while the data stage builds
  objects that all stay alive.
- ``fastyaml.py``: YAML is read by yaml-rs (``pip install 'roadmap-site[fast]'``) where it
  reads a file exactly as PyYAML does.
- ``characters.py``: printable-text checks of ASCII files with a bytes table.
- ``resolvers.py``: PyYAML's rules for plain scalars, by first character.
- ``realpaths.py``: real paths resolved once per folder, not once per file.
- ``cache.py``: where compiled templates and the verified mermaid script are kept between
  runs.
"""
