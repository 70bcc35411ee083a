"""roadmap-site: publish learning roadmaps kept as YAML in Git as static websites."""

# The one place the version is written: pyproject.toml reads it (a dynamic version) and
# `roadmap-site --version` prints it. How to release: RELEASING.md.
__version__ = "0.1.0"
