"""The six-week review (PROTOCOL.md section 3)."""

NOT_ENOUGH = (
    "I need at least one check-in before I can review how you're doing. Let's do one first."
)

NOT_BETTER = (
    "Please book a medical review with your doctor.\n"
    "It's been about six weeks, and your pain isn't clearly better than when you started: "
    "{start} at the start, {recent} on average over your last check-ins. Leg pain from a "
    "disc usually settles within about six weeks, so it's worth having a doctor look at it "
    "again.\n\n"
    "I've paused the exercises until a doctor has checked you."
)

BETTER = (
    "Six-week review: your pain has come down from {start} to {recent} on average over your "
    "last check-ins. Great work."
)
STAYED_LOW = (
    "Six-week review: your pain started low ({start}) and has stayed low ({recent} on average "
    "over your last check-ins). Good work keeping it there."
)
LASTING_RELIEF = (
    "Leg pain from a disc usually settles in about six weeks, but strength takes longer to "
    "come back. What keeps the pain away for good is getting your core and hip muscles "
    "working properly again: poor posture, long spells of sitting and weak core and hip "
    "muscles are what overload the disc and the piriformis muscle. Keep a short "
    "maintenance routine going and keep checking in."
)
KEEP_GOING = "Keep going"

REVIEW_ON = (
    "Your six-week review is on {date} (day 42 of your programme; today is day {day}). "
    "That's when I'll compare your pain with where you started and suggest what next."
)
REVIEW_AFTER_FIRST_SESSION = (
    "Your six-week review comes six weeks after your first exercise session, which hasn't "
    "happened yet."
)
SO_FAR = (
    "So far: pain {start} at your first check-in, and {recent} on average over your last "
    "{count} check-ins ({scores}). Keep checking in."
)
SO_FAR_FIRST = "So far: one check-in, with pain {start}. Keep checking in."
