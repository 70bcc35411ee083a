"""The defaults of the figures' settings, in plain values (a site build reads them
without loading the model)."""

from typing import Literal

DEFAULT_GRACE_DAYS = 14
"""Days after the promised update date before a roadmap is called stale."""
DEFAULT_FOCUS = 5
"""How many top skill priorities are marked as the current focus."""

DiagramForm = Literal["svg", "mermaid"]
"""How pages carry their diagrams: SVG drawn at build time, or mermaid source."""
