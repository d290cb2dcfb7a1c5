"""The summary as one HTML page: readable on a phone, printable, no script, nothing fetched.

Jinja2, because the page is a template a clinician or designer can change
without touching code, and its autoescaping makes every value text, never
markup. The chart is inside the page (a ``data:`` URI) with its alt text, so
the page is one file that works offline.
"""

from __future__ import annotations

import base64
from functools import cache

from jinja2 import Environment, PackageLoader, select_autoescape

from bot.export.report import Report


@cache
def _environment() -> Environment:
    return Environment(loader=PackageLoader("bot.export"), autoescape=select_autoescape(),
                       trim_blocks=True, lstrip_blocks=True)


def html(report: Report) -> str:
    """The page for ``report``."""
    template = _environment().get_template("summary.html")
    return template.render(report=report, data_uri=_data_uri)


def _data_uri(data: bytes, mime_type: str) -> str:
    return f"data:{mime_type};base64,{base64.b64encode(data).decode()}"
