"""Persistence: tables, migrations and the statements of a turn."""
