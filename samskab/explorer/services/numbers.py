"""Numbers as people read them: Danish "1.500" and "0,42", English "1,500" and "0.42"."""

from __future__ import annotations

import math


def fmt_int(value: int, language: str) -> str:
    text = f"{value:,}"
    return text.replace(",", ".") if language == "da" else text


def fmt_float(value: float, digits: int, language: str) -> str:
    if math.isnan(value):
        return "–"
    text = f"{value:,.{digits}f}"
    if language == "da":
        return text.replace(",", "\0").replace(".", ",").replace("\0", ".")
    return text


def fmt_p(value: float, language: str, name: str = "p") -> str:
    """`p < 0,001`, `p = 0,004`, `p = 0,42` (Danish) or the same with points."""
    if value < 0.001:
        return f"{name} < {fmt_float(0.001, 3, language)}"
    digits = 3 if value < 0.01 else 2
    return f"{name} = {fmt_float(value, digits, language)}"


def fmt_percent(share: float, language: str) -> str:
    return f"{fmt_float(100 * share, 0, language)} %"
