"""``python -m sessiontimer``: the same program as the ``sessiontimer`` console script."""

import sys

from sessiontimer.cli import main

sys.exit(main())
