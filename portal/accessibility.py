"""The accessibility policy's one fact that moves: when the portal was last checked.

Move this date when the checks the policy page describes (the axe-core run over
every role's pages in both languages, the keyboard walks, the manual checks)
have been done again on the released portal.
"""

import datetime

LAST_CHECKED = datetime.date(2026, 11, 27)
