"""The vocabulary every layer shares, depending on nothing of the project.

``flows`` (the pure conversation rules), ``storage`` (the tables) and ``bot``
(the runtime and the platform adapters) all speak in these types, so they live
below all three: ``core`` ← ``flows`` ← ``storage`` ← ``bot``.
"""
