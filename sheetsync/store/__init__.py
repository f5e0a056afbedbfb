"""The office folder: its places (one owner for every path under it), the config loader, the
history database (schema, queries, migrations) and the sync lock.
"""
