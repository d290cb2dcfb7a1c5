"""Folders and files only their owner can read: everything the bot writes holds health data.

New folders are made ``0700`` and new files ``0600`` (the process umask can
only narrow that). An existing file is narrowed to ``0600`` when it is wider:
it is ours (the database, a chart) and holds health data. An existing folder
is left as it is: it may be one the person chose (``--files ~/Documents``).
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

FOLDER_MODE = 0o700
FILE_MODE = 0o600


def folder(path: Path) -> Path:
    """``path`` as a folder, made private with any parents this call creates."""
    missing = []
    for parent in [path, *path.parents]:
        if parent.exists():
            break
        missing.append(parent)
    for created in reversed(missing):
        created.mkdir(mode=FOLDER_MODE, exist_ok=True)
        os.chmod(created, FOLDER_MODE)  # mkdir's mode is narrowed by the umask only
    return path


def file(path: Path) -> Path:
    """Create ``path`` empty and private if missing; narrow an existing one to ``0600``."""
    folder(path.parent)
    os.close(os.open(path, os.O_RDWR | os.O_CREAT, FILE_MODE))
    _narrow(path)
    return path


def write(path: Path, data: bytes) -> Path:
    """Write ``data`` to ``path`` (replacing it), readable by its owner only."""
    folder(path.parent)
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, FILE_MODE)
    _narrow(path)
    with os.fdopen(descriptor, "wb") as handle:
        handle.write(data)
    return path


def _narrow(path: Path) -> None:
    """A file made before (or by an older version) keeps its mode on open: narrow it."""
    if stat.S_IMODE(path.stat().st_mode) & ~FILE_MODE:
        os.chmod(path, FILE_MODE)
