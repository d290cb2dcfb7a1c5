"""The daily check-in (PROTOCOL.md section 4) and the pain rule."""

PAIN_NOW = "How bad is your leg pain right now, from 0 (none) to 10 (worst imaginable)?"
ALREADY_TODAY = "You've already checked in today; this will be an extra session."

CAUDA_EQUINA = (
    "Quick safety check: since yesterday, any new numbness between your legs or around "
    "your back passage, or any new trouble controlling or starting your pee or bowels?"
)

HIGH_PAIN = (
    "Your pain is {pain}/10, which is high. Settle it first with these:\n\n{tips}\n\n"
    "The exercises are best done once the pain is lower. You can still do them now if "
    "you'd like, gently."
)
ABOVE_FIVE = (
    "Your pain is {pain}/10. With pain above 5, start with these to calm it down:\n\n"
    "{tips}\n\nIf you do the exercises today, keep them gentle and the pain at 6 or below."
)
GO_ON = "Do the exercises anyway"
GO_ON_GENTLY = "Do the exercises gently"
NOT_TODAY = "Not today"
RESTED = "Good call. Rest and use the tips; let's try again tomorrow."

TENSIONER_OFFER = (
    "You've had a week on the slider without a flare-up. Would you like to move on to the "
    "tensioner version of the nerve floss today? It works the nerve a little harder."
)
TENSIONER_YES = "Yes, try the tensioner"
TENSIONER_NO = "Stay with the slider"
SWITCH_NOTE = "From today the nerve floss moves on to the tensioner version."
BACK_TO_SLIDER_NOTE = (
    "After the flare-up, the nerve floss goes back to the gentler slider for a few sessions."
)

PAIN_AFTER = "All done. How is your leg pain now, from 0 to 10?"

FLARE = (
    "Your pain went from {before} to {after}: that's a flare-up. Next time back off a "
    "little (a smaller range and fewer repetitions) and keep the pain at 6 or below."
)
TENSIONER_FLARE = (
    "Because the flare-up came with the tensioner, we'll go back to the slider for the "
    "next 3 sessions."
)
NO_FLARE = "Pain {before} before, {after} after. Well done."

STREAK = "Check-in streak: {streak} day{s}."
TREND_BETTER = "Since your first check-in your pain has gone from {start} to {now}."
TREND_SAME = "Your pain is about where it started ({start} then, {now} now)."
TREND_WORSE = (
    "Your pain is higher than when you started ({start} then, {now} now). If that keeps "
    "up, please have it checked."
)
