"""roadmap-site: publish learning roadmaps kept as YAML in Git as static websites."""

__version__ = "0.1.0"
