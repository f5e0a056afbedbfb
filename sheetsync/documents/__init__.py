"""Rendering: the template engine (Jinja2, WeasyPrint), DOCX, one module per document kind, and the
OBEC package.
"""
