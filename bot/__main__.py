"""``python -m bot`` is the same as ``sciatica-bot``."""

import sys

from bot.cli import main

sys.exit(main())
