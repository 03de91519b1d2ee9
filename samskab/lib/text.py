"""Text that can be stored: what a client may send but no database holds."""

from __future__ import annotations

import re

# PostgreSQL stores no NUL character; an unpaired surrogate (JSON's "\ud800" escape) is not
# UTF-8, so neither PostgreSQL nor SQLite can take it.
UNSTORABLE = re.compile(r"[\x00\ud800-\udfff]")


def storable(text: str) -> bool:
    """Whether ``text`` can be written to the database as it is."""
    return UNSTORABLE.search(text) is None
