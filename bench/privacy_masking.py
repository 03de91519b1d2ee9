"""Speed of personal-data masking: a 3,000-character story and long adversarial inputs.

Regex-based detectors can blow up on repetitive input (catastrophic backtracking); this prints
the time per story, the time for each adversarial pattern repeated to 100 KB, and the worst one
with how it scales from 25 KB to 100 KB (a ratio near 4 is linear). Prints one JSON object.
"""

from __future__ import annotations

import json
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "samskab.settings")

from samskab.instruments.privacy import mask  # noqa: E402  (pure Python, no Django set-up)

STORY = (
    "Jeg hedder Anne Marie Hansen og bor på Vestergade 12, 2. th., 8000 Aarhus C. Ring på "
    "22 33 44 55 eller skriv til anne.hansen@example.dk. Per uge bruger vi tre timer i parken, "
    "og Hans mor hjælper også. Mit CPR-nummer 010203-1234 skal ikke stå her. "
)
PATTERNS = [
    "1 ", "12 34 ", "a@", "a.", "A.", "Anne ", "Anne-", "Vestergade 1, ", "+45 ",
    # Added with CVR numbers, streets named after persons, lowercase streets, lone surnames.
    "CVR ", "cvr-nr. 1", "P-nr. 1", "Jensens Vej ", "Jens Baggesens ", "jensens vej 1 ",
    "niels ", "Jensen ", "IX's ",
]  # fmt: skip


def best_of(func: object, repeat: int = 5) -> float:
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        func()  # type: ignore[operator]
        times.append(time.perf_counter() - started)
    return min(times)


def main() -> None:
    story = (STORY * 20)[:3000]
    per_story = best_of(lambda: [mask(story) for _ in range(100)]) / 100
    worst = {"pattern": "", "ms_100kb": 0.0, "scaling_25_to_100kb": 0.0}
    by_pattern: dict[str, float] = {}
    for pattern in PATTERNS:
        big = pattern * (100_000 // len(pattern))
        small = pattern * (25_000 // len(pattern))
        t_big = best_of(lambda b=big: mask(b), 3)
        t_small = best_of(lambda s=small: mask(s), 3)
        by_pattern[pattern] = round(t_big * 1000, 1)
        if t_big * 1000 > worst["ms_100kb"]:
            worst = {
                "pattern": pattern,
                "ms_100kb": round(t_big * 1000, 1),
                "scaling_25_to_100kb": round(t_big / t_small, 2),
            }
    print(
        json.dumps(
            {
                "benchmark": "privacy_masking",
                "ms_per_3000_char_story": round(per_story * 1000, 3),
                "worst_adversarial": worst,
                "ms_100kb_by_pattern": by_pattern,
            },
            indent=1,
        )
    )


if __name__ == "__main__":
    main()
