"""A complete sample instrument, used by the demo, the tests and as a starting point.

It asks how co-creation is perceived and practised in a project, on the four levels the lab
measures (user, employee, volunteer/citizen, organisation); see the source document
"Samskabelseslaboratoriet" (../shared/seeds/000_…). Wording is ours.
"""

from __future__ import annotations

from typing import Any

from samskab.instruments.definition import Definition, parse


def _t(da: str, en: str) -> dict[str, str]:
    return {"da": da, "en": en}


def _items(*pairs: tuple[str, str, str]) -> list[dict[str, Any]]:
    return [{"id": key, "label": _t(da, en)} for key, da, en in pairs]


SAMPLE: dict[str, Any] = {
    "format": "samskab-instrument/1",
    "title": _t("Fortællinger om samskabelse", "Stories of co-creation"),
    "intro": _t(
        "Del en kort oplevelse fra projektet. Du er anonym, og det tager omkring fem minutter.",
        "Share a short experience from the project. "
        "You are anonymous; it takes about five minutes.",
    ),
    "prompts": [
        {
            "id": "moment",
            "text": _t(
                "Fortæl om et øjeblik, hvor samarbejdet mellem borgere, frivillige og kommunen "
                "gjorde en forskel – eller ikke gjorde.",
                "Tell us about a moment when the collaboration between citizens, volunteers and "
                "the municipality made a difference – or did not.",
            ),
        },
        {
            "id": "friend",
            "text": _t(
                "Forestil dig, at en ven spørger, hvordan det er at være med i projektet. "
                "Hvilken oplevelse ville du fortælle om?",
                "Imagine a friend asks what it is like to take part in the project. Which "
                "experience would you tell them about?",
            ),
        },
    ],
    "story_title": _t("Giv din historie en kort titel", "Give your story a short title"),
    "story_text": _t("Din historie", "Your story"),
    "level_question": _t("Hvem er du i projektet?", "Who are you in the project?"),
    "signifiers": [
        {
            "type": "triad",
            "id": "drivers",
            "title": _t(
                "Det, der skete i historien, kom især af …",
                "What happened in the story came mostly from …",
            ),
            "corners": _items(
                ("citizens", "borgernes egne idéer og kræfter", "citizens' own ideas and energy"),
                ("staff", "medarbejdernes faglighed", "the staff's professional skill"),
                ("rules", "regler og procedurer", "rules and procedures"),
            ),
        },
        {
            "type": "triad",
            "id": "difference",
            "title": _t("Det, der gjorde en forskel, var …", "What made a difference was …"),
            "corners": _items(
                ("trust", "tillid", "trust"),
                ("time", "tid", "time"),
                ("money", "penge og ressourcer", "money and resources"),
            ),
        },
        {
            "type": "dyad",
            "id": "decided",
            "title": _t("Hvem bestemte?", "Who decided?"),
            "poles": _items(
                (
                    "municipality",
                    "kommunen bestemte det hele",
                    "the municipality decided everything",
                ),
                ("together", "vi bestemte det sammen", "we decided it together"),
            ),
        },
        {
            "type": "dyad",
            "id": "felt",
            "title": _t("Hvordan havde du det bagefter?", "How did you feel afterwards?"),
            "poles": _items(
                ("overlooked", "brugt og overset", "used and overlooked"),
                ("heard", "set og hørt", "seen and heard"),
            ),
        },
        {
            "type": "stones",
            "id": "actors",
            "title": _t(
                "Placér aktørerne efter, hvad de bidrog med, og hvad de fik ud af det",
                "Place the actors by what they contributed and what they gained",
            ),
            "x": {
                "label": _t("Bidrog", "Contributed"),
                "start": _t("lidt", "little"),
                "end": _t("meget", "a lot"),
            },
            "y": {
                "label": _t("Fik ud af det", "Gained"),
                "start": _t("lidt", "little"),
                "end": _t("meget", "a lot"),
            },
            "stones": _items(
                ("citizens", "borgere", "citizens"),
                ("volunteers", "frivillige", "volunteers"),
                ("staff", "medarbejdere", "staff"),
                ("managers", "ledere", "managers"),
                ("politicians", "politikere", "politicians"),
            ),
        },
        {
            "type": "single",
            "id": "frequency",
            "title": _t(
                "Hvor ofte sker sådan noget?", "How often does something like this happen?"
            ),
            "options": _items(
                ("always", "det sker hele tiden", "all the time"),
                ("sometimes", "af og til", "now and then"),
                ("rarely", "sjældent", "rarely"),
                ("first", "det var første gang", "it was the first time"),
            ),
        },
        {
            "type": "multi",
            "id": "feelings",
            "title": _t(
                "Hvilke følelser forbinder du med historien? Vælg op til tre.",
                "Which feelings do you connect with the story? Choose up to three.",
            ),
            "options": _items(
                ("glad", "glæde", "joy"),
                ("proud", "stolthed", "pride"),
                ("frustrated", "frustration", "frustration"),
                ("surprised", "overraskelse", "surprise"),
                ("worried", "bekymring", "worry"),
                ("hopeful", "håb", "hope"),
            ),
            "max_choices": 3,
        },
        {
            "type": "freetext",
            "id": "lesson",
            "title": _t(
                "Hvad skulle andre lære af din historie?",
                "What should others learn from your story?",
            ),
            "multiline": True,
            "max_length": 1000,
        },
    ],
}


def sample_definition() -> Definition:
    return parse(SAMPLE)
