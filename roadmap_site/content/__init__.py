"""Reading content: YAML and front matter with positions, the typed model, dates, ids,
the checks within and across files, and the JSON Schemas of the format.

The first stage of the pipeline (see ``roadmap_site/pipeline.py``); it imports nothing
of the later stages.
"""
