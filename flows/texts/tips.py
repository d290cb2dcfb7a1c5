"""Acute pain relief tips (PROTOCOL.md section 2)."""

TIPS = (
    "Things that can calm a flare of sciatica:\n"
    "1. Ice and heat in turns over your buttock and lower back: about 15 minutes of cold, "
    "then 15 minutes of warmth. Wrap the ice pack (or a bag of frozen peas) in a thin towel, "
    "never straight on your skin; use warm, not hot, and don't fall asleep on a heat pad.\n"
    "2. Sleep with a pillow under your knees if you lie on your back, or between your "
    "knees if you lie on your side.\n"
    "3. Don't stay sitting the same way for long; change position or get up often.\n"
    "4. When you move, keep your back in a neutral position: avoid twisting or bending "
    "through your lower back."
)
