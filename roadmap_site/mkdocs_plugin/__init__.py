"""The adapter between MkDocs and the pipeline: the plugin's events and options, the jobs
of a site build, and the fixes made to the theme's pages. The only package that imports
MkDocs.
"""
