"""Detect and mask personal data in Danish free text (citizens' stories).

Pure Python, no Django, no network, no models: a handful of precompiled regular expressions and a
first-name list (:mod:`samskab.instruments.danish_names`). Every regex is written so that it can
only start at the beginning of a run (digit run, word, address) and has bounded repetition, so the
running time is linear in the length of the text.

Kinds, in the order they win when two findings overlap: ``email``, ``cvr``, ``pnr``, ``cpr``,
``phone``, ``address``, ``name``. See ``docs/privacy-masking.md`` for what is and is not caught.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from typing import Final

from .danish_names import (
    AMBIGUOUS_FIRST_NAMES,
    FIRST_NAMES,
    MONTHS,
    NEVER_NAME_WORDS,
    NOT_A_PERSON,
    SURNAME_ENDINGS,
    SURNAMES,
)

__all__ = ["MASKS", "Finding", "Masked", "find_personal_data", "mask"]


@dataclass(frozen=True)
class Finding:
    kind: str  # "cpr" | "cvr" | "pnr" | "phone" | "email" | "address" | "name"
    start: int  # span in the ORIGINAL text
    end: int


@dataclass(frozen=True)
class Masked:
    text: str  # the masked text
    findings: tuple[Finding, ...]


# The tokens are stored in the masked text itself (Danish, like the stories), so they are
# constants rather than translated strings; explorer/services/themes.py strips them all.
MASKS: Final[dict[str, str]] = {
    "cpr": "[CPR]",
    "cvr": "[CVR]",  # a company's number: not a phone, but it can name a sole proprietor
    "pnr": "[P-NR]",  # a production unit's number (P-nummer), ten digits
    "phone": "[TELEFON]",
    "email": "[E-MAIL]",
    "address": "[ADRESSE]",
    "name": "[NAVN]",
}

# A labelled CVR or P-number wins over the phone or CPR reading of the same digits.
_PRIORITY: Final[dict[str, int]] = {
    "email": 0, "cvr": 1, "pnr": 2, "cpr": 3, "phone": 4, "address": 5, "name": 6,
}  # fmt: skip

_UP: Final = "A-ZÆØÅÉÜÖÄ"  # capital letters that start a Danish name or street
_LOW: Final = "a-zæøåéèüöäáí"  # lowercase letters inside one
_SP: Final = "[ \u00a0]"  # a single space or no-break space

# ---------------------------------------------------------------------------------------------
# E-mail
# ---------------------------------------------------------------------------------------------

# Matched from the start of the local part in front of each "@" (found with str.find), so that a
# text without "@" costs nothing and the regex never scans the whole text.
_LOCAL_RUN_RE: Final = re.compile(r"[\w.%+'-]{1,64}\Z")
_EMAIL_RE: Final = re.compile(
    r"[\w%+'-]{1,64}(?:\.[\w%+'-]{1,64}){0,32}"  # local part: "anne.hansen"
    r"@[\w-]{1,63}(?:\.[\w-]{1,63}){0,8}\.[A-Za-z]{2,24}(?![\w-])"  # domain: "@firma.dk"
)


def _email_at(text: str, at: int, lo: int) -> re.Match[str] | None:
    """The e-mail address around the "@" at ``at`` (not starting before ``lo``), if any."""
    run = _LOCAL_RUN_RE.search(text, max(lo, at - 64), at)
    if run is None:
        return None
    if run.start() == at - 64 and _LOCAL_RUN_RE.match(text, at - 65, at - 64):
        return None  # a local part longer than 64 characters is not an address
    local = run[0]
    local = local[local.rfind("..") + 1 :].lstrip(".")  # "til...anne@" starts at "anne"
    return _EMAIL_RE.match(text, at - len(local))


def _emails(text: str) -> Iterator[Finding]:
    pos = 0
    at = text.find("@")
    while at != -1:
        m = _email_at(text, at, pos)
        if m is not None:
            yield Finding("email", m.start(), m.end())
            pos = m.end()
        at = text.find("@", max(at + 1, pos))


# ---------------------------------------------------------------------------------------------
# CPR
# ---------------------------------------------------------------------------------------------

# Six digits, optional dash or space, four digits; never inside a longer run of digits (a digit
# directly, or a digit behind one separator, on either side).
# (The look-behinds come after the first digits so that the regex engine can skip ahead to the
# next digit quickly; the same trick is used in all regexes below.)
_CPR_RE: Final = re.compile(
    r"([0-9]{2})([0-9]{2})([0-9]{2})(?<![0-9][0-9]{6})(?<![0-9][.,/-][0-9]{6})"
    rf"(?:-|{_SP})?([0-9]{{4}})(?![0-9])(?![.,/-][0-9])"
)


def cpr_birth_date(ddmmyy: str, serial: str) -> date | None:
    """The birth date encoded in a CPR number, or None if the date is impossible.

    The century follows from the 7th digit (first serial digit) and the year: 0-3 → 1900s;
    4 and 9 → 2000s if YY ≤ 36 else 1900s; 5-8 → 2000s if YY ≤ 57 else 1800s.
    """
    day, month, yy = int(ddmmyy[0:2]), int(ddmmyy[2:4]), int(ddmmyy[4:6])
    seventh = int(serial[0])
    if seventh <= 3:
        century = 1900
    elif seventh in (4, 9):
        century = 2000 if yy <= 36 else 1900
    else:
        century = 2000 if yy <= 57 else 1800
    try:
        return date(century + yy, month, day)
    except ValueError:
        return None


def _cprs(text: str) -> Iterator[Finding]:
    for m in _CPR_RE.finditer(text):
        if cpr_birth_date(m[1] + m[2] + m[3], m[4]) is not None:
            yield Finding("cpr", m.start(), m.end())


# ---------------------------------------------------------------------------------------------
# Phone numbers
# ---------------------------------------------------------------------------------------------

_PHONE_END: Final = rf"(?![0-9])(?![.,/-][0-9])(?!{_SP}[0-9])"
# After the first two digits: 12345678 | 12 34 56 78 (or - or .) | 1234 5678
_PHONE_REST: Final = (
    rf"(?:[0-9]{{6}}|(?P<sep>[.-]|{_SP})[0-9]{{2}}(?P=sep)[0-9]{{2}}(?P=sep)[0-9]{{2}}"
    rf"|[0-9]{{2}}{_SP}[0-9]{{4}})"
)
_PHONE_RE: Final = re.compile(
    rf"(?P<number>[0-9]{{2}}(?<![0-9+][0-9]{{2}})(?<![0-9][.,/-][0-9]{{2}})"
    rf"(?<![0-9]{_SP}[0-9]{{2}}){_PHONE_REST}){_PHONE_END}"
)
_PREFIXED_PHONE_RE: Final = re.compile(
    rf"[+0(](?<![0-9+].)(?<![0-9][.,/-].)(?<![0-9]{_SP}.)"
    rf"(?:(?<=\+)45|(?<=0)045|(?<=\()\+?45\))(?:-|{_SP})?"
    rf"(?P<number>[0-9]{{2}}{_PHONE_REST}){_PHONE_END}"
)
_AMOUNT_BEFORE_RE: Final = re.compile(r"(?:kr\.?|DKK|EUR|€|\$)" + _SP + r"?\Z", re.IGNORECASE)
_AMOUNT_AFTER_RE: Final = re.compile(
    r"\A(?:" + _SP + r"?(?:kr\b|kroner|DKK|EUR|euro|%|procent|,-))", re.IGNORECASE
)


def _looks_like_date(digits: str) -> bool:
    """An unformatted eight-digit date: DDMMYYYY or YYYYMMDD in 1900-2099."""
    for year, month, day in (
        (digits[4:], digits[2:4], digits[:2]),
        (digits[:4], digits[4:6], digits[6:]),
    ):
        if year[:2] in ("19", "20"):
            try:
                date(int(year), int(month), int(day))
            except ValueError:
                continue
            return True
    return False


def _is_phone(text: str, m: re.Match[str], prefixed: bool) -> bool:
    number = m["number"]
    if not prefixed:
        if len(number) == 8 and _looks_like_date(number):
            return False
        if " " in number or "\u00a0" in number:
            halves = number.split()
            if len(halves) == 2 and all(h[:2] in ("19", "20") for h in halves):
                return False  # "2019 2020": two years
    if _AMOUNT_BEFORE_RE.search(text, max(0, m.start() - 5), m.start()):
        return False
    return _AMOUNT_AFTER_RE.match(text[m.end() : m.end() + 10]) is None


def _phones(text: str) -> Iterator[Finding]:
    for regex, prefixed in ((_PREFIXED_PHONE_RE, True), (_PHONE_RE, False)):
        for m in regex.finditer(text):
            if _is_phone(text, m, prefixed):
                yield Finding("phone", m.start(), m.end())


# ---------------------------------------------------------------------------------------------
# CVR and P-numbers (companies and their production units)
# ---------------------------------------------------------------------------------------------

# Only a number the writer labels is read as one: "CVR 12345678", "CVR-nr.: 12 34 56 78",
# "cvr: 12345678", "CVR er 12345678", "P-nr. 1012345678". The finding is the number alone (the
# label stays, as "CPR [CPR]" does). No modulus check: a mistyped number is still masked, and
# an unlabelled eight-digit number stays a phone number.
# Spelled out case by case rather than with re.IGNORECASE, and with the look-behind after the
# first letter, so that the regex engine can skip quickly to the next "c" or "p".
_NR: Final = "(?:[nN][rR]|[nN][uU][mM][mM][eE][rR])"
_LABEL_GAP: Final = rf"(?::?{_SP}?(?:(?:er|var|nr\.?){_SP})?|:)"
_CVR_RE: Final = re.compile(
    rf"[cC](?<![\w].)[vV][rR](?:[-.]?{_SP}?(?:{_NR}|[nN][oO])\b\.?)?{_LABEL_GAP}"
    rf"(?P<number>[0-9]{{2}}{_PHONE_REST}){_PHONE_END}"
)
_PNR_RE: Final = re.compile(
    rf"[pP](?<![\w].)[-.]?{_SP}?{_NR}\b\.?{_LABEL_GAP}(?P<number>[0-9]{{10}}){_PHONE_END}"
)


def _company_numbers(text: str) -> Iterator[Finding]:
    for regex, kind in ((_CVR_RE, "cvr"), (_PNR_RE, "pnr")):
        for m in regex.finditer(text):
            yield Finding(kind, m.start("number"), m.end("number"))


# ---------------------------------------------------------------------------------------------
# Street addresses
# ---------------------------------------------------------------------------------------------

# Endings of a one-word street name ("Vestergade", "Sølund", "Egeskoven"), lowercase. Some are
# also the last, separate word of a longer name ("Frederiksberg Allé", "Jensens Vej").
_STREET_ENDINGS: Final = (
    "gade", "gaden", "vej", "vejen", "allé", "alle", "plads", "pladsen", "stræde", "strædet",
    "boulevard", "torv", "torvet", "vænge", "vænget", "sti", "stien", "have", "haven", "bakke",
    "bakken", "høj", "højen", "park", "parken", "vang", "vangen", "toft", "toften", "tofte",
    "løkke", "løkken", "kær", "kæret", "hegn", "hegnet", "engen", "ager", "kaj", "kajen",
    "brygge", "passage", "dige", "lund", "lunden", "skoven", "marken", "runddel",
)  # fmt: skip
# Capitalised street words that end a person's name ("Anne Vestergade" is not "Anne" + surname).
_STREET_WORDS: Final = frozenset(
    w.capitalize() for w in _STREET_ENDINGS if w not in ("gaden", "vejen", "alle", "ager")
) | {"Alle"}
# Words that end a street name only as a separate word after another word: "Dronning Louises
# Bro", "Gl. Strand", "Frederiksholms Kanal". Not street endings of one word ("Danmark",
# "Nørrebro"), and not ends of a person's name ("Anne Strand" is a person).
_SEPARATE_STREET_WORDS: Final = frozenset({"Bro", "Strand", "Mark", "Skov", "Kanal"})
_LAST_STREET_WORDS: Final = _STREET_WORDS | _SEPARATE_STREET_WORDS
# Street words a writer often types in lowercase; only these end a street with a house number
# when written in lowercase ("vestergade 12", "Jensens vej 12"). Not "have", "plads" or "alle":
# "at have 2 børn", "vores plads 2", "hans alle 3 børn".
_LOWER_STREET_ENDINGS: Final = (
    "gade", "gaden", "vej", "vejen", "allé", "boulevard", "stræde", "strædet", "vænge", "vænget",
    "torv", "torvet",
)  # fmt: skip
_LOWER_STREET_WORDS: Final = ("vej", "gade", "allé", "boulevard", "torv", "stræde")
# Lowercase words for roads or ways that are no address ("motorvej 18", "hovedvej 21", "en
# omvej"). Not "hovedvejen" or "landevejen": many towns have a street of that name.
_NOT_A_STREET: Final = frozenset(
    "motorvej motorvejen hovedvej landevej omvej omvejen genvej genvejen udvej udvejen "
    "hjemvej hjemvejen".split()
)
# Possessive pronouns end in "s" too: "hans vej", "deres gade" are not street names.
_PRONOUNS: Final = frozenset("hans hendes deres vores jeres dens dets ens".split())
_ENDINGS_ALT: Final = "|".join(sorted(_STREET_ENDINGS, key=len, reverse=True))
_WORDS_ALT: Final = "|".join(sorted(_LAST_STREET_WORDS, key=len, reverse=True))
_LOWER_ENDINGS_ALT: Final = "|".join(sorted(_LOWER_STREET_ENDINGS, key=len, reverse=True))
_LOWER_WORDS_ALT: Final = "|".join(_LOWER_STREET_WORDS)
_UNITS: Final = (
    "gange|gang|år|timer|time|minutter|min|sekunder|dage|dag|døgn|uger|uge|måneder|måned|km|"
    "meter|m|kr|kroner|procent|personer|stk|styk"
)
_DISTRICTS: Final = "C|K|N|S|V|Ø|NV|NØ|SV|SØ"
# A word of a multi-word street name: initials ("H.C. "), an abbreviation ("Gl. ", "Skt. "), a
# capitalised word ("Andersens ", "Nørre ") or a king's numeral ("Christian IX's Gade").
_ROMAN_GENITIVE: Final = rf"[IVX]{{1,5}}['’]?s{_SP}"
_STREET_TOKEN: Final = (
    rf"(?:(?:[{_UP}]\.){{1,4}}{_SP}?|[{_UP}][{_LOW}'’]{{1,30}}\.?{_SP}|{_ROMAN_GENITIVE})"
)
_STREET_TOKEN_REST: Final = rf"(?:(?:\.[{_UP}]){{0,3}}\.{_SP}?|[{_LOW}'’]{{1,30}}\.?{_SP})"
# After the street name: a house number, then optionally floor and side, postcode and town.
_HOUSE_NUMBER: Final = (
    rf"{_SP}(?:nr\.{_SP}?)?[0-9]{{1,3}}[A-Za-z]?(?![\w])"  # house number, "12", "12B", "nr. 4"
    rf"(?!{_SP}?%)(?!{_SP}(?:{_UNITS})\b)"  # "Vestergade 2 gange" is not an address
    rf"(?:,?{_SP}(?:(?:st|kl|[0-9]{{1,2}})\.?{_SP}?(?:th|tv|mf)\b"  # ", 2. th", "st. tv"
    rf"|st\b|[0-9]{{1,2}}\.{_SP}?sal\b))?"  # ", st", ", 3. sal"
    rf"(?:\.?,?{_SP}[0-9]{{4}}{_SP}[{_UP}][{_LOW}]{{1,30}}(?:-[{_UP}]?[{_LOW}]{{1,30}})?"
    rf"(?:{_SP}(?:{_DISTRICTS})\b)?)?"  # "8000 Aarhus C"
)
_ADDRESS_RE: Final = re.compile(
    rf"(?P<street>[{_UP}](?<![\w.].)"  # a capital letter that starts a word
    rf"(?:{_STREET_TOKEN_REST}{_STREET_TOKEN}{{0,2}}"  # "H.C. Andersens Boulevard"
    rf"(?:[{_UP}][{_LOW}]{{1,40}}?(?:{_ENDINGS_ALT})|(?:{_WORDS_ALT})|(?:{_LOWER_WORDS_ALT}))"
    rf"|[{_LOW}]{{0,40}}?(?:{_ENDINGS_ALT})))"  # "Vestergade", "Ågade"
    rf"{_HOUSE_NUMBER}"
)
# All in lowercase: "vestergade 12", "jensens vej 12" (the pronoun and road checks follow).
# Tried only where a house number follows a lowercase street ending (_lower_street_matches).
_LOWER_ADDRESS_RE: Final = re.compile(
    rf"(?P<street>[{_LOW}](?<![\w.@'’-].)"
    rf"(?:[{_LOW}]{{0,40}}?(?:{_LOWER_ENDINGS_ALT})|[{_LOW}]{{0,30}}s{_SP}"
    rf"(?:{_LOWER_WORDS_ALT})))"
    rf"{_HOUSE_NUMBER}"
)
_STREET_PART_RE: Final = re.compile(r"[^ \u00a0]+")
# The first digit of a number after a lowercase word: "vej 12", "vej nr. 12", "vej nr.12".
_NUMBER_AFTER_WORD_RE: Final = re.compile(
    rf"[0-9](?:(?<=[{_LOW}]{_SP}[0-9])|(?<=[{_LOW}]{_SP}nr\.[0-9])|(?<=[{_LOW}]{_SP}nr\.{_SP}[0-9]))"
)
_LOWER_LETTERS: Final = frozenset("abcdefghijklmnopqrstuvwxyzæøåéèüöäáí")
# A lowercase word before a lowercase street that still belongs to it: "h.c. ", "niels ".
_LOWER_WORD_BEFORE_RE: Final = re.compile(
    rf"(?<![\w.])(?:(?:[{_LOW}]\.){{1,3}}|[{_LOW}]{{2,30}}){_SP}\Z"
)


def _trim_street(street: str) -> int | None:
    """Offset where the street name really starts (after "I ", "På " ...), or None if none."""
    parts = list(_STREET_PART_RE.finditer(street))
    k = 0
    while k < len(parts) - 1 and parts[k][0] in NEVER_NAME_WORDS:
        k += 1
    offset = parts[k].start()
    if street[offset:].capitalize() in _LAST_STREET_WORDS:  # "Alle 3", "På vej 2": no name
        return None
    return offset


def _word_start(text: str, end: int) -> int:
    """Start of the run of lowercase letters that ends at ``end`` (at most 41 letters back)."""
    start = end
    while start > 0 and end - start <= 41 and text[start - 1] in _LOWER_LETTERS:
        start -= 1
    return start


def _lower_street_matches(text: str) -> Iterator[re.Match[str]]:
    """Lowercase street names with a house number, found from the number backwards.

    Starting at the numbers keeps a long lowercase text cheap: the regex runs only at the one or
    two words before a number that follows a street ending ("jensens vej 12", "vestergade 12").
    """
    for number in _NUMBER_AFTER_WORD_RE.finditer(text):
        pos = number.start()
        if text[pos - 1] == ".":
            end = pos - 4  # "vej nr.12"
        elif text[pos - 2] == ".":
            end = pos - 5  # "vej nr. 12"
        else:
            end = pos - 1  # "vej 12"
        if not text.endswith(_LOWER_STREET_ENDINGS, 0, end):
            continue
        word = _word_start(text, end)
        starts = [word]
        if word >= 2 and text[word - 1] in " \u00a0" and text[word - 2] in _LOWER_LETTERS:
            starts.insert(0, _word_start(text, word - 1))  # "jensens vej 12"
        for start in starts:
            m = _LOWER_ADDRESS_RE.match(text, start)
            if m is not None and m.end() > pos:
                yield m
                break


def _lower_street_start(text: str, m: re.Match[str]) -> int | None:
    """Start of an all-lowercase street name, or None if the match is no street."""
    street = m["street"]
    if street in _NOT_A_STREET or street.split()[0] in _PRONOUNS:
        return None
    start = m.start()
    for _ in range(2):  # "niels juels gade 3", "h.c. andersens boulevard 3"
        before = _LOWER_WORD_BEFORE_RE.search(text, max(0, start - 32), start)
        if before is None:
            break
        word = before[0].rstrip(" \u00a0")
        name = word.capitalize()
        if not word.endswith(".") and (name not in FIRST_NAMES or name in AMBIGUOUS_FIRST_NAMES):
            break
        start = before.start()
    return start


def _addresses(text: str) -> Iterator[Finding]:
    for m in _ADDRESS_RE.finditer(text):
        offset = _trim_street(m["street"])
        if offset is not None:
            yield Finding("address", m.start() + offset, m.end())
    for m in _lower_street_matches(text):
        start = _lower_street_start(text, m)
        if start is not None:
            yield Finding("address", start, m.end())


# ---------------------------------------------------------------------------------------------
# Person names
# ---------------------------------------------------------------------------------------------

_WORD_RE: Final = re.compile(
    rf"[{_UP}](?<![\w@'’-].)"
    rf"(?:(?<!\..)(?:\.[{_UP}]){{0,2}}\.(?![\w])"  # initials: "B.", "H.C."
    rf"|[{_LOW}]{{1,30}}(?:-[{_UP}][{_LOW}]{{1,30}}){{0,3}}(?![\w@-]))"  # "Anne", "Anne-Marie"
)
_NOT_A_PERSON_RE: Final = re.compile(
    r"(?<!\w)(?:" + "|".join(re.escape(p) for p in NOT_A_PERSON) + r")(?!\w)"
)
# "fru", "frk.", "hr.", "dr.", "doktor", "pastor" (also capitalised) before a surname.
_TITLE_BEFORE_RE: Final = re.compile(
    rf"(?<!\w)(?:[fF]ru|[fF]rk\.|[hH]r\.|[dD]r\.|[dD]oktor|[pP]astor){_SP}\Z"
)
_NEXT_WORD_RE: Final = re.compile(rf"{_SP}([{_LOW}]+)")
_STREET_AFTER_RE: Final = re.compile(rf"{_SP}(?:{_WORDS_ALT})(?![\w])")
# "Frederik VII's Gade", "Christian IX's Gade": a king's numeral, then a street word.
_NUMERAL_STREET_AFTER_RE: Final = re.compile(rf"{_SP}{_ROMAN_GENITIVE}(?:{_WORDS_ALT})(?![\w])")
_CAPITALISED_NEXT_RE: Final = re.compile(rf"{_SP}[{_UP}]")
# Patronymic surnames are never ordinary words, so they mark a person even on their own
# ("Jensen ringede", "Jensens hund"); other surnames are also words ("Holm", "Skov", "Bak").
_LONE_SURNAMES: Final = frozenset(s for s in SURNAMES if s.endswith("sen"))
# Lowercase words after an ambiguous name that show it is the ordinary word ("Per uge").
_WORD_USAGE: Final[dict[str, frozenset[str]]] = {
    "Per": frozenset(
        "uge måned dag døgn år time kvartal person stk styk gang kilo kg liter km m2 "
        "kvadratmeter barn elev borger husstand".split()
    ),
    "Hans": frozenset(
        "mor far kone mand kæreste søn datter bror søster børn barn familie ven venner "
        "hus bil lejlighed arbejde job chef hund".split()
    ),
}
_OPENERS: Final = frozenset(" \t\r\n\u00a0\"'«»„“”‘’([{*•–—-")
_MAX_NAME_WORDS: Final = 5


def _is_initials(word: str) -> bool:
    return word.endswith(".")


def _first_name(word: str) -> str | None:
    """The first name a token stands for: itself, one part of "Anne-Marie", or None."""
    if word in FIRST_NAMES:
        return word
    parts = [p for p in word.split("-") if p in FIRST_NAMES]
    if not parts:
        return None
    unambiguous = [p for p in parts if p not in AMBIGUOUS_FIRST_NAMES]
    return (unambiguous or parts)[0]


def _surname_like(word: str) -> bool:
    if word in SURNAMES or word in FIRST_NAMES:
        return True
    if "-" in word:
        return any(_surname_like(p) for p in word.split("-"))
    return any(word.endswith(e) and len(word) > len(e) + 1 for e in SURNAME_ENDINGS)


def _is_street_word(word: str) -> bool:
    return word in _STREET_WORDS or word.lower().endswith(_STREET_ENDINGS)


def _surname_end(word: str, end: int, strict: bool) -> int | None:
    """End of a following surname token (before a genitive "s"), or None if it is not one."""
    if word in NEVER_NAME_WORDS or _is_initials(word):
        return None
    if _surname_like(word):
        return end
    if word.endswith("s") and _surname_like(word[:-1]):
        return end - 1
    if strict or _is_street_word(word):
        return None
    return end


def _extend(text: str, tokens: list[re.Match[str]], i: int, strict: bool) -> tuple[int, int]:
    """Index and end offset of the last surname-like token joining the name at ``tokens[i]``.

    Tokens join when separated by exactly one space; initials ("B.") join only if a surname
    follows them. ``strict`` accepts only known surnames, "-sen"-like surnames and first names.
    """
    last, end = i, tokens[i].end()
    k = i + 1
    while k < len(tokens) and k - i <= _MAX_NAME_WORDS:
        if text[tokens[k - 1].end() : tokens[k].start()] not in (" ", "\u00a0"):
            break
        word = tokens[k][0]
        if _is_initials(word):
            k += 1
            continue
        surname_end = _surname_end(word, tokens[k].end(), strict)
        if surname_end is None:
            break
        last, end = k, surname_end
        if surname_end < tokens[k].end():
            break  # a genitive ends the name: "Peter Hansens hus"
        k += 1
    return last, end


def _at_sentence_start(text: str, start: int) -> bool:
    k = start - 1
    while k >= 0 and text[k] in _OPENERS and start - k < 40:
        if text[k] in "\r\n":
            return True
        k -= 1
    return k < 0 or text[k] in ".!?…:"


def _used_as_word(text: str, first: str, end: int) -> bool:
    usage = _WORD_USAGE.get(first)
    if usage is None:
        return False
    nxt = _NEXT_WORD_RE.match(text, end)
    return nxt is not None and nxt[1] in usage


def _accept_ambiguous(text: str, tok: re.Match[str], first: str) -> bool:
    """An ambiguous or month-like first name without a known surname after it."""
    if first in MONTHS or _at_sentence_start(text, tok.start()):
        return False
    return not _used_as_word(text, first, tok.end())


def _name_start(tok: re.Match[str], titled: bool) -> tuple[str | None, int]:
    """(first name, end of the first-name part) for a token that can start a name."""
    word = tok[0]
    first = _first_name(word)
    if first is not None:
        return first, tok.end()
    if word.endswith("s") and (genitive := _first_name(word[:-1])) is not None:
        return genitive, tok.end() - 1  # "Annes mor": mask "Anne", keep the "s"
    if titled and word not in NEVER_NAME_WORDS:
        if _surname_like(word) or not _is_street_word(word):
            return word, tok.end()  # "fru Jensen", "Dr. Madsen", "fru Toft"
    return None, tok.end()


def _name_at(
    text: str, tokens: list[re.Match[str]], i: int, titled: bool
) -> tuple[int, int] | None:
    """(index of the last token, end offset) of a name starting at ``tokens[i]``, or None."""
    tok = tokens[i]
    first, first_end = _name_start(tok, titled)
    if first is None:
        return None
    if first_end < tok.end():  # a genitive first name stands alone
        return None if _names_a_street(text, tok, first_end) else (i, first_end)
    if first in AMBIGUOUS_FIRST_NAMES or first in MONTHS:
        last, _ = _extend(text, tokens, i, strict=True)
        if last == i and not _accept_ambiguous(text, tok, first):
            return None
    last, end = _extend(text, tokens, i, strict=False)
    return None if _names_a_street(text, tokens[last], end) else (last, end)


def _names_a_street(text: str, last: re.Match[str], end: int) -> bool:
    """Whether the name ending with token ``last`` (masked up to ``end``) starts a street name.

    "Karen Blixens Vej", "Jens Baggesens Vej", "Dronning Louises Bro", "Frederik VII's Gade".
    The street word must be capitalised: "Annes vej til job" is a person's way. (With a house
    number the whole street is an address finding, which wins over the name anyway.)
    """
    if last[0].endswith("s") and _STREET_AFTER_RE.match(text, last.end()):
        return True
    return _NUMERAL_STREET_AFTER_RE.match(text, end) is not None


def _lone_surname(text: str, tokens: list[re.Match[str]], i: int) -> tuple[int, int, int] | None:
    """(start, index of the last token, end) of a surname used alone, or None.

    "Jensen ringede", "Vi så Jensens hund" (the genitive "s" stays), "P. Hansen", "H.C.
    Andersen". A capitalised word right after it makes it part of a name of something else
    ("Jensens Bøfhus", "Jensens Vej", "Hansen Transport"), unless it is another surname.
    """
    tok = tokens[i]
    word = tok[0]
    genitive = word not in _LONE_SURNAMES
    if genitive and not (word.endswith("s") and word[:-1] in _LONE_SURNAMES):
        return None
    last, end = i, tok.end() - int(genitive)  # "Jensens hund": keep the s
    if _CAPITALISED_NEXT_RE.match(text, tok.end()):
        if genitive:
            return None
        last, end = _extend(text, tokens, i, strict=True)
        if last == i:
            return None
    start = tok.start()
    k = i - 1
    while k >= 0 and _is_initials(tokens[k][0]) and text[tokens[k].end() : start] == " ":
        start = tokens[k].start()
        k -= 1
    return start, last, end


def _blocked_spans(text: str) -> list[tuple[int, int]]:
    if not any(phrase in text for phrase in NOT_A_PERSON):
        return []
    return [m.span() for m in _NOT_A_PERSON_RE.finditer(text)]


def _after_title(text: str, start: int) -> bool:
    # Every title ends in "u", "." or "r" before the space; check that before the regex.
    return (
        start >= 3
        and text[start - 2] in "u.r"
        and _TITLE_BEFORE_RE.search(text, max(0, start - 8), start) is not None
    )


def _may_start_name(word: str, titled: bool) -> bool:
    """Cheap pre-check; most capitalised words (sentence starts) are rejected here."""
    return (
        titled
        or word in FIRST_NAMES
        or word[:-1] in FIRST_NAMES
        or "-" in word
        or word in _LONE_SURNAMES
        or word[:-1] in _LONE_SURNAMES
    )


def _names(text: str) -> Iterator[Finding]:
    blocked = _blocked_spans(text)
    tokens = list(_WORD_RE.finditer(text))
    i = 0
    while i < len(tokens):
        start = tokens[i].start()
        titled = _after_title(text, start)
        if not _may_start_name(tokens[i][0], titled) or (blocked and _inside(blocked, start)):
            i += 1
            continue
        found = _name_at(text, tokens, i, titled)
        if found is not None:
            last, end = found
        elif (alone := _lone_surname(text, tokens, i)) is not None:
            start, last, end = alone
        else:
            i += 1
            continue
        yield Finding("name", start, end)
        i = last + 1


def _inside(spans: list[tuple[int, int]], pos: int) -> bool:
    idx = bisect.bisect_right(spans, pos, key=lambda span: span[0]) - 1
    return idx >= 0 and spans[idx][0] <= pos < spans[idx][1]


# ---------------------------------------------------------------------------------------------
# Public API
# ---------------------------------------------------------------------------------------------

_DETECTORS: Final = (_emails, _company_numbers, _cprs, _phones, _addresses, _names)


def _resolve(candidates: list[Finding]) -> list[Finding]:
    """Keep non-overlapping findings; on overlap the higher-priority kind wins, then the first."""
    candidates.sort(key=lambda f: (_PRIORITY[f.kind], f.start, -f.end))
    starts: list[int] = []
    chosen: list[Finding] = []
    for f in candidates:
        idx = bisect.bisect_left(starts, f.start)
        if idx > 0 and chosen[idx - 1].end > f.start:
            continue
        if idx < len(chosen) and chosen[idx].start < f.end:
            continue
        starts.insert(idx, f.start)
        chosen.insert(idx, f)
    return chosen


def find_personal_data(text: str) -> list[Finding]:
    """All personal data found in ``text``: non-overlapping, sorted by start."""
    candidates = [f for detect in _DETECTORS for f in detect(text) if f.end > f.start]
    return _resolve(candidates)


def mask(text: str) -> Masked:
    """``text`` with every finding replaced by ``MASKS[kind]``; everything else is kept as is."""
    findings = find_personal_data(text)
    parts: list[str] = []
    pos = 0
    for f in findings:
        parts.append(text[pos : f.start])
        parts.append(MASKS[f.kind])
        pos = f.end
    parts.append(text[pos:])
    return Masked("".join(parts), tuple(findings))
