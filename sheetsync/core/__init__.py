"""The pure core: cells, columns, the config's models, Thai parsing and formatting, rows, scoring,
deadlines, evaluation, the status plan, tab layouts, change plans and what each document says.

Nothing here does I/O, and nothing here imports from the edges (backends, store, documents, app, cli):
a test walks the imports to keep it so.
"""
