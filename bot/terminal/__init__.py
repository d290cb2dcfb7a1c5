"""The terminal adapter: an interactive chat, and the scripted JSON-lines mode."""
