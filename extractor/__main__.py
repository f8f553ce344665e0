"""`python -m extractor`, and the file `spark-submit` is given (absolute import: run as a script too)."""

import sys

from extractor.cli import main

sys.exit(main())
