"""Carrying a receipt code from the POST that saved a story to the page that shows it.

The code is never stored in the database (only its keyed hash, by ``instruments.services``)
and never put in a URL, where logs and browser history would keep it. It travels in a signed,
short-lived, HttpOnly cookie limited to the one page that shows it; that page reads it once and
deletes it, so a reload or the back button does not show it again.
"""

from __future__ import annotations

from django.conf import settings
from django.core import signing
from django.http import HttpRequest, HttpResponse

COOKIE = "samskab_receipt"
SALT = "samskab.capture.receipt"
MAX_AGE = 10 * 60  # seconds between saving and showing; long enough for a slow connection


def remember(request: HttpRequest, response: HttpResponse, path: str, code: str) -> None:
    response.set_signed_cookie(
        COOKIE,
        code,
        salt=SALT + path,
        max_age=MAX_AGE,
        path=path,
        secure=settings.SESSION_COOKIE_SECURE or request.is_secure(),
        httponly=True,
        samesite="Strict",
    )


def recall(request: HttpRequest, path: str) -> str | None:
    try:
        code = request.get_signed_cookie(COOKIE, salt=SALT + path, max_age=MAX_AGE)
    except (KeyError, signing.BadSignature):
        return None
    return str(code)


def forget(response: HttpResponse, path: str) -> None:
    response.delete_cookie(COOKIE, path=path, samesite="Strict")
