"""The check-ins as a CSV file a spreadsheet opens: one row per check-in, plain column names.

UTF-8 with a byte-order mark: Excel reads a CSV without one in the local
code page, which garbles any accent; LibreOffice, Numbers and Google Sheets
accept it either way. Dates are ISO (2026-03-04), which every spreadsheet
reads as a date.
"""

from __future__ import annotations

import csv
import io

from bot.export.report import Report


def checkins_csv(report: Report) -> bytes:
    """The report's check-ins table, every column, as CSV bytes."""
    text = io.StringIO()
    writer = csv.writer(text)
    writer.writerow([column.heading for column in report.columns])
    for checkin in report.checkins:
        writer.writerow([column.value(checkin) for column in report.columns])
    return text.getvalue().encode("utf-8-sig")
