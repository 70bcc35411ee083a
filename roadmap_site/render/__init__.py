"""Markdown pages from content and derived figures: templates, the fragments written in
Python, diagrams, charts, and the escaping of every user string that lands in a page.
"""
