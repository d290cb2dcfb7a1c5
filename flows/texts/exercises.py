"""How to do each exercise, with its dose (PROTOCOL.md section 3)."""

from core.messages import Exercise

NAMES = {
    Exercise.HIP_RELEASE: "Hip release with a ball",
    Exercise.PRESSUP_EXTENSION: "Press-ups (lying on your front)",
    Exercise.KNEE_HUGS: "Knee hugs",
    Exercise.FLOSS_SLIDER: "Nerve floss: slider",
    Exercise.FLOSS_TENSIONER: "Nerve floss: tensioner",
}

HOW = {
    Exercise.HIP_RELEASE: (
        "Sit on the floor, hands behind you, with a massage or lacrosse ball under one "
        "buttock. Don't put it on a very sore spot: if a spot is very painful, work on the "
        "area around it instead.\n"
        "With the ball pinning the muscle, straighten the leg out and bend it back in, "
        "3 times. Leave the foot near your bottom, let the knee fall out to the side and "
        "hold a couple of seconds, then bring it across your body and hold a couple of "
        "seconds; do that 3 times. Move the ball to a new spot and repeat. Try to relax "
        "the muscle over the ball.\n"
        "Firm pressure and a dull ache are fine. Sharp pain, or pain or tingling shooting "
        "down your leg, means the ball is too close to the nerve: move it to another spot or "
        "press more lightly, and keep the pain at 6 out of 10 or below.\n"
        "Dose: 1-2 minutes on each side. Do both sides, even if only one hurts."
    ),
    Exercise.PRESSUP_EXTENSION: (
        "Lie on your front with your hands under your shoulders. Push your shoulders up "
        "with your arms while your hips stay on the floor; let your back relax, your arms "
        "do the work. Start with a small press, hold 2 seconds at the top, come down under "
        "control, and go a little higher each time.\n"
        "Leg pain that moves up towards your back is a good sign. If the pain spreads "
        "further down your leg, stop this exercise for today.\n"
        "Dose: 10 repetitions, 2-second hold at the top."
    ),
    Exercise.KNEE_HUGS: (
        "Lie on your back. Bring both knees up to your chest and hug them there for "
        "2 seconds, then lower your legs slowly, using your tummy muscles to control them.\n"
        "Dose: 10 repetitions, 2-second hold."
    ),
    Exercise.FLOSS_SLIDER: (
        "Sit slumped on a table or high chair with your feet off the floor. Straighten the "
        "knee and pull your foot up towards you while you look up at the ceiling, then "
        "return slowly. Move gently: a little discomfort is fine, strong pain is not.\n"
        "Dose: 2 sets of 10."
    ),
    Exercise.FLOSS_TENSIONER: (
        "Sit slumped with your feet off the floor. Straighten the knee and pull your foot "
        "up towards you while you drop your chin to your chest, then return slowly. This "
        "puts more stretch on the nerve than the slider, so keep it smooth and stop if the "
        "pain climbs.\n"
        "Dose: 2 sets of 10."
    ),
}

HEADER = "Exercise {n} of {total}: {name}"
DONE = "Done"
SKIP = "Skip"
TOO_PAINFUL = "Too painful"
TOO_PAINFUL_REPLY = (
    "Stop that one for today. Next time use a smaller range and fewer repetitions, and "
    "keep the pain at 6 or below."
)
