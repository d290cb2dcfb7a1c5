"""The Telegram adapter, on python-telegram-bot 22.

It only translates: updates become :class:`core.messages.InboundEvent` (module
:mod:`~bot.telegram.updates`), neutral messages become Bot API calls
(:mod:`~bot.telegram.render`, :mod:`~bot.telegram.sender`). Two ways to
receive updates share one :class:`~bot.telegram.handler.UpdateHandler`: long
polling (:mod:`~bot.telegram.polling`) and the webhook route of the web app
(:mod:`~bot.telegram.webhook`). :mod:`~bot.telegram.platform` wires it all
for :func:`bot.server.configured_platforms`.
"""

import os

# Opt in to PTB's coming time-period type (datetime.timedelta): without it PTB
# 22 warns each time it builds a RetryAfter (on every 429), and the sender
# reads ``retry_after`` either way (see ``sender.retry_after_seconds``).
os.environ.setdefault("PTB_TIMEDELTA", "true")
