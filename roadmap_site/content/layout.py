"""Where a content folder keeps its parts, in plain values (nothing here loads the
model, so that a site build can set itself up without it: see speed/background.py)."""

ROADMAPS_DIR = "roadmaps"
SKILLS_DIR = "skills"
UPDATES_DIR = "updates"
"""The folders of a content folder: roadmap files, skills files, update pages."""

YAML_SUFFIXES = (".yml", ".yaml")
"""The suffixes of YAML content files."""
