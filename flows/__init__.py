"""The conversation flows and clinical rules; no platform or database code."""
