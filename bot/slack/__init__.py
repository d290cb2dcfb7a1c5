"""The Slack adapter, on slack-bolt: direct messages, App Home and clinic team channels.

``events`` turns Slack payloads into neutral events, ``blocks`` neutral
messages into Block Kit, ``sender`` posts them, ``app`` wires the bolt
listeners, ``home`` and ``channel`` serve the App Home and clinic channels,
and ``platform`` plugs all of it into the server (HTTP) or Socket Mode.
"""
