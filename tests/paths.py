"""Where the tests' files are, and the counts the bundled data gives (change them with the data).

Imported by tests and support modules (``from paths import DATA``); ``conftest.py`` holds only
fixtures and plugin registration.
"""

from __future__ import annotations

from pathlib import Path
from typing import Final

ROOT: Final = Path(__file__).resolve().parent.parent
DATA: Final = Path(__file__).resolve().parent / "data"
EXTRACT_DATA: Final = DATA / "extract"
SHARED: Final = ROOT.parent / "shared"
SEED_TEXT: Final = ROOT / "data" / "sources" / "seed-wgec-second-take.txt"
SEED_IRI: Final = "https://w3id.org/igkg/id/doc/wgec-second-take"

#: Bullets of the seed draft (data/sources/seed-wgec-second-take.txt), as modelled in
#: data/recommendations/wgec-second-take.ttl.
SEED_RECOMMENDATIONS: Final = 14
#: Paragraph links of the seed's explicit and inferred citations ("67 through 75" gives nine; "its
#: Tunis Agenda defined role" gives the IGF's mandate, ¶72-78).
SEED_REFERENCES: Final = 20
