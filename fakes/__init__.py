"""Fake platform servers for end-to-end tests."""
