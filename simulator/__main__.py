"""Run the cartelsim command with ``python -m simulator``."""

import sys

from simulator.cli import main

sys.exit(main())
