"""Real identity providers on loopback for the single sign-on tests, and the SP's own key.

The OpenID Connect provider is the `oidc-provider` npm package (a Node subprocess, see
providers/oidc_provider.mjs); the SAML identity provider is pysaml2's (providers/saml_idp.py).
Neither is a stand-in for Samskab's code: the browser talks to both as it would to a
municipality's broker.
"""

from __future__ import annotations

import base64
import datetime as dt
import json
import shutil
import socket
import subprocess
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
import requests
from allauth.socialaccount.models import SocialApp
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.x509.oid import NameOID
from django.test import Client
from django.urls import reverse

from samskab.sso.models import Connection
from samskab.sso.tests.providers.saml_idp import (
    PostForm,
    RunningIdP,
    SAMLAccount,
    SAMLIdentityProvider,
    make_idp,
    query_of,
    serve,
)

PROVIDERS = Path(__file__).resolve().parent / "providers"


@dataclass(frozen=True)
class KeyPair:
    key_pem: str
    cert_pem: str

    def write(self, folder: Path, name: str) -> tuple[Path, Path]:
        key, cert = folder / f"{name}.key", folder / f"{name}.crt"
        key.write_text(self.key_pem)
        cert.write_text(self.cert_pem)
        return key, cert


def make_keypair(common_name: str) -> KeyPair:
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, common_name)])
    now = dt.datetime.now(dt.UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(days=1))
        .not_valid_after(now + dt.timedelta(days=30))
        .sign(key, hashes.SHA256())
    )
    key_pem = key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    ).decode()
    return KeyPair(key_pem, cert.public_bytes(serialization.Encoding.PEM).decode())


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture(scope="session")
def sp_keypair() -> KeyPair:
    return make_keypair("samskab-test-sp")


@pytest.fixture(autouse=True)
def _sp_key(settings: Any, sp_keypair: KeyPair) -> None:
    settings.SSO_SAML_PRIVATE_KEY = sp_keypair.key_pem
    settings.SSO_SAML_CERTIFICATE = sp_keypair.cert_pem


# --- OpenID Connect ---------------------------------------------------------------------------

OIDC_CLIENT_ID = "samskab-aarby"
OIDC_CLIENT_SECRET = "test-only-client-secret"  # noqa: S105
OIDC_PROVIDER_ID = "aarby-entra"


def _oidc_account(
    email: str, roles: list[str], amr: list[str], verified: bool = True
) -> dict[str, Any]:
    claims = {"email": email, "email_verified": verified, "name": email.split("@")[0].title()}
    return {"password": "pw-" + email, "claims": {**claims, "roles": roles}, "amr": amr}


OIDC_ACCOUNTS: dict[str, dict[str, Any]] = {
    # A new person whose provider gives a mapped role and vouches for a second factor.
    "mette": {
        "password": "mette-pw",
        "claims": {
            "email": "mette@aarby.dk",
            "email_verified": True,
            "name": "Mette Holm",
            "roles": ["Samskab-Facilitator", "Other-App-User"],
        },
        "amr": ["pwd", "otp"],
    },
    # Carl administers organisation B; this provider belongs to A (and vouches for his domain).
    "carl": _oidc_account("carl@example.dk", ["Samskab-Admin"], ["pwd"]),
    # Erik, analyst of A, but the provider has not verified his address.
    "erik-unverified": _oidc_account("erik@example.dk", ["Samskab-Admin"], ["pwd"], False),
    # Erik with a verified address and no second factor.
    "erik": _oidc_account("erik@example.dk", ["Samskab-Facilitator"], ["pwd"]),
    # Nothing the connection maps.
    "nils": _oidc_account("nils@aarby.dk", ["Other-App-User"], ["pwd", "mfa"]),
    # A domain the connection does not allow.
    "gorm": _oidc_account("gorm@gmail.example", ["Samskab-Admin"], ["pwd"]),
}


@dataclass
class OIDCProvider:
    issuer: str
    process: subprocess.Popen[str]


def start_oidc_provider(
    tmp_path: Path, redirect_uri: str, accounts: dict[str, Any]
) -> OIDCProvider:
    node = shutil.which("node")
    if node is None:
        pytest.fail("The SSO tests need Node.js (oidc-provider from node_modules).")
    port = free_port()
    config = tmp_path / "oidc.json"
    config.write_text(
        json.dumps(
            {
                "client": {
                    "client_id": OIDC_CLIENT_ID,
                    "client_secret": OIDC_CLIENT_SECRET,
                    "redirect_uris": [redirect_uri],
                },
                "accounts": accounts,
            }
        )
    )
    process = subprocess.Popen(  # noqa: S603
        [node, str(PROVIDERS / "oidc_provider.mjs"), str(port), str(config)],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    assert process.stdout is not None
    for line in process.stdout:  # until it listens (or exits)
        if line.strip() == "ready":
            break
    else:
        pytest.fail("The OpenID Connect provider did not start.")
    return OIDCProvider(issuer=f"http://127.0.0.1:{port}", process=process)


def connect_oidc(organisation: Any, issuer: str, **fields: Any) -> Connection:
    app = SocialApp.objects.create(
        provider="openid_connect",
        provider_id=OIDC_PROVIDER_ID,
        name="Aarby Entra ID",
        client_id=OIDC_CLIENT_ID,
        secret=OIDC_CLIENT_SECRET,
        settings={"server_url": issuer},
    )
    defaults: dict[str, Any] = {
        "email_domains": "aarby.dk example.dk",
        "role_attribute": "roles",
        "role_map": {"Samskab-Facilitator": "facilitator", "Samskab-Admin": "admin"},
        "trust_idp_mfa": True,
    }
    return Connection.objects.create(organisation=organisation, app=app, **{**defaults, **fields})


@pytest.fixture
def oidc_provider(live_server: Any, tmp_path: Path) -> Iterator[OIDCProvider]:
    callback = f"/accounts/oidc/{OIDC_PROVIDER_ID}/login/callback/"
    provider = start_oidc_provider(tmp_path, live_server.url + callback, OIDC_ACCOUNTS)
    yield provider
    provider.process.terminate()
    provider.process.wait()
    assert provider.process.stdout is not None
    provider.process.stdout.close()


# --- SAML -------------------------------------------------------------------------------------

SAML_PROVIDER_ID = "aarby-broker"
OIOSAML = "https://data.gov.dk/model/core/eid"
ADMIN_PRIVILEGE = "http://aarby.dk/roles/jobfunktion/samskab-administrator"


def privilege_list(*privileges: str) -> str:
    """An OIOSAML privilege list (OIO Basic Privilege Profile), base64-encoded."""
    items = "".join(f"<Privilege>{p}</Privilege>" for p in privileges)
    xml = (
        '<bpp:PrivilegeList xmlns:bpp="http://digst.dk/oiosaml/basic_privilege_profile">'
        '<PrivilegeGroup Scope="urn:dk:gov:saml:cvrNumberIdentifier:29189692">'
        f"{items}</PrivilegeGroup></bpp:PrivilegeList>"
    )
    return base64.b64encode(xml.encode()).decode()


def saml_accounts() -> dict[str, SAMLAccount]:
    return {
        "jens": SAMLAccount(
            password="jens-pw",
            name_id="urn:uuid:6f7b2f4c-5a0e-4a43-9d1a-1f3e2b7c9a01",
            attributes={
                f"{OIOSAML}/specVersion": ["OIO-SAML-3.0"],
                f"{OIOSAML}/professional/uuid/persistent": [
                    "urn:uuid:6f7b2f4c-5a0e-4a43-9d1a-1f3e2b7c9a01"
                ],
                f"{OIOSAML}/email": ["jens@aarby.dk"],
                f"{OIOSAML}/firstName": ["Jens"],
                f"{OIOSAML}/lastName": ["Kofoed"],
                f"{OIOSAML}/privilegesIntermediate": [privilege_list(ADMIN_PRIVILEGE)],
            },
        )
    }


def connect_saml(organisation: Any, idp_base: str, idp_cert: str, **fields: Any) -> Connection:
    app = SocialApp.objects.create(
        provider="saml",
        provider_id=SAML_PROVIDER_ID,
        name="Aarby Adgangsstyring",
        client_id=SAML_PROVIDER_ID,
        settings={
            "idp": {
                "entity_id": f"{idp_base}/metadata",
                "sso_url": f"{idp_base}/sso/redirect",
                "slo_url": f"{idp_base}/slo/redirect",
                "x509cert": idp_cert,
            },
        },
    )
    defaults: dict[str, Any] = {
        "email_domains": "aarby.dk",
        "email_verified_by_idp": True,
        "role_attribute": f"{OIOSAML}/privilegesIntermediate",
        "role_map": {ADMIN_PRIVILEGE: "admin"},
        "trust_idp_mfa": True,
    }
    return Connection.objects.create(organisation=organisation, app=app, **{**defaults, **fields})


@pytest.fixture
def saml_idp(live_server: Any, world: Any, tmp_path: Path) -> Iterator[RunningIdP]:
    """Aarby's broker on loopback, connected to organisation A, for the browser."""
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    idp_keys = make_keypair("test-broker")
    key_file, cert_file = idp_keys.write(tmp_path, "idp")
    connect_saml(world.org_a, base, idp_keys.cert_pem)
    metadata_url = live_server.url + reverse("saml_metadata", args=[SAML_PROVIDER_ID])
    with urllib.request.urlopen(metadata_url) as response:  # noqa: S310 (loopback)
        sp_metadata = response.read().decode()
    running = serve(make_idp(base, key_file, cert_file, sp_metadata, saml_accounts()), port)
    yield running
    running.stop()


IDP_BASE = "https://broker.test"  # never contacted: client-level tests call the IdP in-process
SP_HOST = "samskab.test"  # python3-saml refuses single-label hosts such as "testserver"


@pytest.fixture
def sp_client(settings: Any) -> Client:
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, SP_HOST]
    return Client(HTTP_HOST=SP_HOST)


@pytest.fixture
def broker(sp_client: Client, world: Any, tmp_path: Path) -> SAMLIdentityProvider:
    """Aarby's broker for client-level tests (Django's test client, no HTTP, no browser)."""
    idp_keys = make_keypair("test-broker")
    key_file, cert_file = idp_keys.write(tmp_path, "idp")
    connect_saml(world.org_a, IDP_BASE, idp_keys.cert_pem)
    sp_metadata = sp_client.get(reverse("saml_metadata", args=[SAML_PROVIDER_ID])).content.decode()
    return make_idp(IDP_BASE, key_file, cert_file, sp_metadata, saml_accounts())


def saml_log_in(client: Any, idp: SAMLIdentityProvider, login: str, password: str) -> Any:
    """The whole SP-initiated log-in through the test client; the final response."""
    start = client.post(reverse("saml_login", args=[SAML_PROVIDER_ID]))
    assert start.status_code == 302 and start["Location"].startswith(IDP_BASE)
    key = idp.receive_authn_request(query_of(start["Location"]))
    post: PostForm = idp.authenticate(key, login, password)
    acs = client.post(urlsplit(post.url).path, post.fields)
    assert acs.status_code == 302, acs
    return client.get(acs["Location"])


# --- OpenID Connect through Django's test client ----------------------------------------------

TEST_CALLBACK = f"http://testserver/accounts/oidc/{OIDC_PROVIDER_ID}/login/callback/"


@pytest.fixture(scope="session")
def oidc_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[OIDCProvider]:
    """One provider for the client-level tests (its redirect URI is the test client's)."""
    provider = start_oidc_provider(tmp_path_factory.mktemp("oidc"), TEST_CALLBACK, OIDC_ACCOUNTS)
    yield provider
    provider.process.terminate()
    provider.process.wait()
    assert provider.process.stdout is not None
    provider.process.stdout.close()


def oidc_log_in(client: Any, issuer: str, login: str, process: str = "login") -> Any:
    """Log in at the provider as a browser would (requests there, Django's client here)."""
    url = reverse("openid_connect_login", args=[OIDC_PROVIDER_ID])
    start = client.post(url, {"process": process})
    assert start.status_code == 302 and start["Location"].startswith(issuer), start
    location = start["Location"]
    with requests.Session() as browser:
        while location.startswith(issuer) or location.startswith("/"):
            url = issuer + location if location.startswith("/") else location
            response = browser.get(url, allow_redirects=False, timeout=10)
            if "/interaction/" in url and response.status_code == 200:
                password = OIDC_ACCOUNTS[login]["password"]
                form = {"login": login, "password": password}
                response = browser.post(url, data=form, allow_redirects=False, timeout=10)
            location = response.headers["Location"]
    assert location.startswith(TEST_CALLBACK), location
    return client.get(urlsplit(location).path + "?" + urlsplit(location).query)
