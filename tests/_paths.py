"""Where tests find their inputs. The shared corpus sits beside the repository (as CI lays it:
`../shared`); $EXTRACTOR_SHARED points elsewhere."""

import os
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = Path(os.environ.get("EXTRACTOR_SHARED", ROOT.parent / "shared"))
CORPUS = SHARED / "corpus"
SEED = ROOT / "raw" / "seed" / "000_b6e711bf4e50eda6.txt"
