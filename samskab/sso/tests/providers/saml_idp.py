"""A real SAML 2.0 identity provider (pysaml2's ``Server``) on loopback, for the SSO tests.

It behaves as an OIOSAML 3 broker would: it requires signed AuthnRequests (HTTP-Redirect,
checked against the certificate in Samskab's published metadata), answers with a signed Response
around a signed (and optionally encrypted) Assertion over HTTP-POST, states the NSIS level in
AuthnContextClassRef, sends OIOSAML attribute names, and speaks signed single logout both ways.
Signing and encryption are pysaml2's, with the ``xmlsec1`` program (Debian ``xmlsec1``).

``SAMLIdentityProvider`` has one method per protocol step, so client-level tests can drive it
in-process; ``start_saml_idp`` serves the same object over HTTP for the browser.
"""

from __future__ import annotations

import base64
import html
import secrets
import shutil
import threading
import warnings
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit
from wsgiref.simple_server import WSGIRequestHandler, WSGIServer, make_server

from cryptography.utils import CryptographyDeprecationWarning

with warnings.catch_warnings():
    # pysaml2 7.5.5 names the CFB cipher mode where cryptography 50 deprecates it (it never
    # uses it here); the suite turns warnings into errors.
    warnings.simplefilter("ignore", CryptographyDeprecationWarning)
    from saml2 import BINDING_HTTP_REDIRECT  # type: ignore[import-untyped]
    from saml2.config import IdPConfig  # type: ignore[import-untyped]
    from saml2.saml import NAMEID_FORMAT_PERSISTENT, NameID  # type: ignore[import-untyped]
    from saml2.server import Server  # type: ignore[import-untyped]
    from saml2.xmldsig import DIGEST_SHA256, SIG_RSA_SHA256  # type: ignore[import-untyped]

NSIS = "https://data.gov.dk/concept/core/nsis/loa"


class Refused(Exception):
    pass


@dataclass
class SAMLAccount:
    password: str
    name_id: str
    attributes: dict[str, list[str]]
    loa: str = "Substantial"


@dataclass(frozen=True)
class PostForm:
    """An HTTP-POST binding message: what the browser's auto-submitted form sends where."""

    url: str
    fields: dict[str, str]

    def _replace_relay_state(self, relay_state: str) -> PostForm:
        return PostForm(self.url, {**self.fields, "RelayState": relay_state})


def query_of(url: str) -> dict[str, str]:
    query = parse_qs(urlsplit(url).query, keep_blank_values=True)
    return {key: values[0] for key, values in query.items()}


@dataclass
class SAMLIdentityProvider:
    server: Server
    accounts: dict[str, SAMLAccount]
    encrypt_assertion: bool
    pending: dict[str, tuple[Any, str]] = field(default_factory=dict)
    sessions: dict[str, str] = field(default_factory=dict)  # NameID → SP entity ID
    logout_requests: list[str] = field(default_factory=list)  # NameIDs the SPs logged out
    logout_responses: list[str] = field(default_factory=list)  # status codes the SPs sent

    @property
    def entity_id(self) -> str:
        return str(self.server.config.entityid)

    # --- Protocol steps ---------------------------------------------------------------------

    def receive_authn_request(self, query: dict[str, str]) -> str:
        """Check an HTTP-Redirect AuthnRequest; returns the key of the pending log-in."""
        if "Signature" not in query:
            raise Refused("unsigned AuthnRequest")
        # pysaml2 raises unless the signature matches the certificate in the SP's metadata.
        request = self.server.parse_authn_request(
            query["SAMLRequest"],
            BINDING_HTTP_REDIRECT,
            relay_state=query.get("RelayState"),
            sigalg=query.get("SigAlg"),
            signature=query.get("Signature"),
        )
        key = secrets.token_urlsafe(16)
        self.pending[key] = (request.message, query.get("RelayState", ""))
        return key

    def authenticate(self, key: str, login: str, password: str) -> PostForm:
        message, relay_state = self.pending.pop(key)
        account = self.accounts.get(login)
        if account is None or account.password != password:
            raise Refused("wrong username or password")
        return self.respond(
            account, message.issuer.text, message.assertion_consumer_service_url, message.id
        )._replace_relay_state(relay_state)

    def respond(
        self, account: SAMLAccount, sp: str, acs: str, in_response_to: str | None
    ) -> PostForm:
        """A signed Response with a signed (and encrypted) Assertion for ``account``.

        ``in_response_to`` None is a log-in the identity provider starts on its own.
        """
        response = self.server.create_authn_response(
            identity={name: list(values) for name, values in account.attributes.items()},
            in_response_to=in_response_to,
            destination=acs,
            sp_entity_id=sp,
            name_id=NameID(format=NAMEID_FORMAT_PERSISTENT, text=account.name_id),
            authn={"class_ref": f"{NSIS}/{account.loa}", "authn_auth": self.entity_id},
            sign_response=True,
            sign_assertion=True,
            encrypt_assertion=self.encrypt_assertion,
            # pysaml2's "self-contained" mode renames namespace prefixes after signing, which
            # breaks the assertion's signature; without it the assertion keeps its prefixes.
            encrypt_assertion_self_contained=False,
            sign_alg=SIG_RSA_SHA256,
            digest_alg=DIGEST_SHA256,
        )
        self.sessions[account.name_id] = sp
        encoded = base64.b64encode(str(response).encode()).decode()
        return PostForm(acs, {"SAMLResponse": encoded, "RelayState": ""})

    def receive_logout_request(self, query: dict[str, str]) -> str:
        """An SP logs a person out here; returns where the signed LogoutResponse goes."""
        if "Signature" not in query:
            raise Refused("unsigned LogoutRequest")
        request = self.server.parse_logout_request(
            query["SAMLRequest"],
            BINDING_HTTP_REDIRECT,
            relay_state=query.get("RelayState"),
            sigalg=query.get("SigAlg"),
            signature=query.get("Signature"),
        )
        name_id = request.message.name_id.text
        self.logout_requests.append(name_id)
        self.sessions.pop(name_id, None)
        response = self.server.create_logout_response(
            request.message, [BINDING_HTTP_REDIRECT], sign=False
        )
        return self._redirect_to_sp(
            request.message.issuer.text, str(response), query.get("RelayState", ""), True
        )

    def receive_logout_response(self, query: dict[str, str]) -> None:
        response = self.server.parse_logout_request_response(
            query["SAMLResponse"], BINDING_HTTP_REDIRECT
        )
        self.logout_responses.append(str(response.response.status.status_code.value))

    def start_logout(self, name_id: str) -> str:
        """Logout started here (say, another application logged out): the SP's SLS address."""
        sp = self.sessions.pop(name_id)
        destination = self._sp_logout_service(sp)
        _id, request = self.server.create_logout_request(
            destination,
            sp,
            name_id=NameID(format=NAMEID_FORMAT_PERSISTENT, text=name_id),
            sign=False,
        )
        return self._redirect_to_sp(sp, str(request), "", False)

    def _sp_logout_service(self, sp: str) -> str:
        services = self.server.metadata.single_logout_service(sp, BINDING_HTTP_REDIRECT, "spsso")
        return str(services[0]["location"])

    def _redirect_to_sp(self, sp: str, message: str, relay_state: str, response: bool) -> str:
        # The HTTP-Redirect binding signs the query string (SigAlg and Signature parameters).
        http_args = self.server.apply_binding(
            BINDING_HTTP_REDIRECT,
            message,
            self._sp_logout_service(sp),
            relay_state,
            response=response,
            sign=True,
            sigalg=SIG_RSA_SHA256,
        )
        return str(dict(http_args["headers"])["Location"])

    # --- HTTP -------------------------------------------------------------------------------

    def __call__(
        self, environ: dict[str, Any], start_response: Callable[..., Any]
    ) -> Iterable[bytes]:
        path, method = environ["PATH_INFO"], environ["REQUEST_METHOD"]
        query = query_of("?" + environ.get("QUERY_STRING", ""))
        try:
            if path == "/sso/redirect":
                return _page(start_response, _login_form(self.receive_authn_request(query)))
            if path == "/sso/login" and method == "POST":
                length = int(environ.get("CONTENT_LENGTH") or 0)
                form = query_of("?" + environ["wsgi.input"].read(length).decode())
                post = self.authenticate(form["key"], form["login"], form["password"])
                return _page(start_response, _post_form(post))
            if path == "/slo/redirect" and "SAMLRequest" in query:
                return _redirect(start_response, self.receive_logout_request(query))
            if path == "/slo/redirect" and "SAMLResponse" in query:
                self.receive_logout_response(query)
                return _page(start_response, "<h1>Logged out everywhere</h1>")
            if path == "/logout":
                return _redirect(start_response, self.start_logout(query["name_id"]))
        except Refused as exc:
            start_response("403 Forbidden", [("Content-Type", "text/plain")])
            return [str(exc).encode()]
        start_response("404 Not Found", [("Content-Type", "text/plain")])
        return [b"not found"]


def _login_form(key: str) -> str:
    return f"""<h1>Test broker</h1>
<form method="post" action="/sso/login"><input type="hidden" name="key" value="{key}">
<label for="login">Username</label> <input id="login" name="login">
<label for="password">Password</label> <input id="password" name="password" type="password">
<button type="submit">Sign in</button></form>"""


def _post_form(post: PostForm) -> str:
    """The HTTP-POST binding as a page; the person presses Continue (brokers' no-script form)."""
    fields = "".join(
        f'<input type="hidden" name="{name}" value="{html.escape(value)}">'
        for name, value in post.fields.items()
    )
    return (
        f'<form method="post" action="{html.escape(post.url)}">{fields}'
        '<button type="submit">Continue</button></form>'
    )


def _page(start_response: Callable[..., Any], body: str) -> Iterable[bytes]:
    start_response("200 OK", [("Content-Type", "text/html; charset=utf-8")])
    page = (
        '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Test broker</title>'
        f"</head><body><main>{body}</main></body></html>"
    )
    return [page.encode()]


def _redirect(start_response: Callable[..., Any], location: str) -> Iterable[bytes]:
    start_response("302 Found", [("Location", location)])
    return [b""]


class _QuietHandler(WSGIRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002
        pass


def make_idp(
    base: str,
    key_file: Path,
    cert_file: Path,
    sp_metadata: str,
    accounts: dict[str, SAMLAccount],
    encrypt_assertion: bool = True,
) -> SAMLIdentityProvider:
    xmlsec1 = shutil.which("xmlsec1")
    if xmlsec1 is None:
        raise RuntimeError("The SAML tests need the xmlsec1 program (Debian package xmlsec1).")
    config = IdPConfig()
    config.load(
        {
            "entityid": f"{base}/metadata",
            "xmlsec_binary": xmlsec1,
            "key_file": str(key_file),
            "cert_file": str(cert_file),
            "encryption_keypairs": [{"key_file": str(key_file), "cert_file": str(cert_file)}],
            "metadata": {"inline": [sp_metadata]},
            "service": {
                "idp": {
                    "endpoints": {
                        "single_sign_on_service": [(f"{base}/sso/redirect", BINDING_HTTP_REDIRECT)],
                        "single_logout_service": [(f"{base}/slo/redirect", BINDING_HTTP_REDIRECT)],
                    },
                    "want_authn_requests_signed": True,
                    "name_id_format": [NAMEID_FORMAT_PERSISTENT],
                    "policy": {"default": {"lifetime": {"minutes": 15}}},
                }
            },
        }
    )
    return SAMLIdentityProvider(Server(config=config), accounts, encrypt_assertion)


@dataclass
class RunningIdP:
    base_url: str
    app: SAMLIdentityProvider
    httpd: WSGIServer
    thread: threading.Thread

    def stop(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()
        self.thread.join()


def serve(app: SAMLIdentityProvider, port: int) -> RunningIdP:
    httpd = make_server("127.0.0.1", port, app, handler_class=_QuietHandler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    return RunningIdP(f"http://127.0.0.1:{port}", app, httpd, thread)
