import sys

from alsmove.cli import main

sys.exit(main())
