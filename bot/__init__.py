"""The bot runtime: neutral messages, the engine, adapters and the CLI."""
