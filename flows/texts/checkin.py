"""The daily check-in (PROTOCOL.md section 4) and the pain rule."""

PAIN_NOW = "How bad is your leg pain right now, from 0 (none) to 10 (worst imaginable)?"
ALREADY_TODAY = "You've already checked in today; this will be an extra session."

CAUDA_EQUINA = (
    "Quick safety check: since {since}, any new numbness or tingling between your legs or "
    "around your back passage, or any new trouble controlling or starting your pee or bowels?"
)
SINCE_LAST_CHECKIN = "your last check-in ({date})"
SINCE_SCREENING = "you answered my safety questions"
CAUDA_EQUINA_HINT = (
    "I need a Yes or No to this one, for your safety: any new numbness or tingling between "
    "your legs or around your back passage (not your leg or foot), or new trouble with your "
    "bladder or bowels? Even a little counts as Yes."
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
PAIN_FELL = "Pain {before} before, {after} after: it came down. Well done."
PAIN_SAME = "Pain {before} before and after: steady. Good work getting the routine done."
PAIN_ROSE = (
    "Pain {before} before, {after} after: a little higher than when you started. Next time "
    "go more gently, with a smaller range, and keep it at 6 or below. If it keeps rising "
    "from one day to the next, please have it checked."
)
NOTHING_DONE = (
    "No exercises done today (pain {before} before, {after} now). That's fine on a hard "
    "day: try them gently next time, with a smaller range."
)
SOME_DONE = "You did {done} of the {total} exercises today."

STREAK = "Check-in streak: {streak} day{s}."
TREND_BETTER = "Since your first check-in your pain has gone from {start} to {now}."
TREND_SAME = "Your pain is about where it started ({start} then, {now} now)."
TREND_WORSE = (
    "Your pain is higher than when you started ({start} then, {now} now). If that keeps "
    "up, please have it checked."
)
