"""The safety reader: free text read for red flags, in six layers.

1. :mod:`~flows.symptoms.text`: one normal form, tokens that keep their place;
2. :mod:`~flows.symptoms.spelling`: misspelled symptom words put right (SymSpell);
3. :mod:`~flows.symptoms.concepts`: cues of the :mod:`~flows.symptoms.lexicon`
   combined into concerns (a symptom at a body site);
4. :mod:`~flows.symptoms.assertion`: medSpaCy's ConText says whether the person
   reports it as theirs, now;
5. :mod:`~flows.symptoms.reading`: the two tiers, alert at once or ask once;
6. :mod:`~flows.symptoms.resemblance`: a statistical model of the development
   corpus that can only add the safety question where the rules found nothing.

The package is pure (no platform, no database, nothing logged) and reads
ordinary answers ("7", "yes", "done") without loading any of the heavy layers.
"""

from flows.symptoms.concerns import Concern
from flows.symptoms.reading import NOTHING, Reading, read, warm_up

__all__ = ["NOTHING", "Concern", "Reading", "read", "warm_up"]
