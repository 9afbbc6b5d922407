"""A small LTI 1.3 platform (an LMS) written from 1EdTech's LTI Core 1.3, Security Framework 1.0
and Proctoring Services 1.0, for the tool's tests: a real HTTP server on a thread of the test
process with the platform's endpoints, and a browser's part in ``launch``.

- ``GET /jwks``: its public key set;
- ``GET /auth``: the OIDC authorization endpoint: checks the tool's redirect (client id,
  redirect URI, login hint, response type and mode, prompt), then answers the auto-posting form
  with a signed ``id_token`` and the tool's ``state`` (what a browser would post on);
- ``POST /start``: the ``start_assessment_url``: checks the tool's ``LtiStartAssessment``
  against the tool's published key set and the launch's session data;
- ``POST /token``: OAuth 2 client credentials with a JWT client assertion signed by the tool;
- ``POST /acs``: the Assessment Control Service: checks the bearer token and the control
  (flag, terminate, pause, resume; update with its ``extra_time`` in seconds).

Faults for the refusal tests go in ``launch(..., tamper={...})``.
"""

from __future__ import annotations

import functools
import json
import re
import secrets
import threading
from collections.abc import Callable
from datetime import datetime
from html import unescape
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlsplit

import httpx
from joserfc import jwt
from joserfc.jwk import KeySet, RSAKey

CLAIM = "https://purl.imsglobal.org/spec/lti/claim/"
AP = "https://purl.imsglobal.org/spec/lti-ap/claim/"
ACS_SCOPE = "https://purl.imsglobal.org/spec/lti-ap/scope/control.all"
FORM = re.compile(r"<form[^>]*action=['\"]([^'\"]*)['\"][^>]*>(.*?)</form>", re.S)
HIDDEN = re.compile(r"<input[^>]*name=['\"]([^'\"]+)['\"][^>]*value=['\"]([^'\"]*)['\"]")
#: What a browser's navigation asks for (Firefox's and Chrome's words).
BROWSER_ACCEPT = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"


@functools.cache
def platform_key() -> RSAKey:
    """The platform's signing key: one per test process (making one takes a tenth of a
    second)."""
    return RSAKey.generate_key(2048, parameters={"kid": "platform-key-1"}, private=True)


def form_of(page: str) -> tuple[str, dict[str, str]]:
    """The first form of an HTML page: its action and its hidden fields (unescaped)."""
    found = FORM.search(page)
    assert found, f"no form in the page: {page[:300]}"
    return unescape(found.group(1)), {name: unescape(value)
                                      for name, value in HIDDEN.findall(found.group(2))}


class Platform:
    def __init__(self, now: Callable[[], datetime], *, client_id: str = "tool-client-1",
                 deployment_id: str = "deployment-1") -> None:
        self.now = now
        self.client_id = client_id
        self.deployment_id = deployment_id
        self.key = platform_key()
        self.tool_jwks_url = ""
        self.tool_launch_url = ""
        self.started: list[dict[str, Any]] = []  # the LtiStartAssessment messages it accepted
        self.refused: list[str] = []  # why it refused what the tool sent
        self.controls: list[dict[str, Any]] = []  # ACS requests it accepted
        self.tokens: set[str] = set()
        self.token_endpoint_down = False  # answers 503 while set
        self.pending: dict[str, dict[str, Any]] = {}  # lti_message_hint -> the launch's claims
        self.session_data: dict[str, str] = {}
        self._server = self._make_server()
        self.url = f"http://127.0.0.1:{self._server.server_address[1]}"
        self.issuer = self.url
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    # ---- running -------------------------------------------------------------------------------
    def __enter__(self) -> Platform:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._server.shutdown()
        self._server.server_close()

    def registration(self, exam_id: str | None = None) -> dict[str, Any]:
        """What the center's administrator enters for this platform."""
        return {"issuer": self.issuer, "client_id": self.client_id,
                "deployment_id": self.deployment_id, "jwks_url": f"{self.url}/jwks",
                "auth_url": f"{self.url}/auth", "token_url": f"{self.url}/token",
                "exam_id": exam_id, "name": "Test LMS"}

    # ---- a launch, the browser's part included ---------------------------------------------------
    def launch(self, tool_login_url: str, message_type: str, *, user: str = "user-42",
               resource_link: str = "quiz-7", attempt_number: int = 1,
               custom: dict[str, str] | None = None, acs_actions: list[str] | None = None,
               tamper: dict[str, Any] | None = None,
               browser: httpx.Client | None = None,
               accept: str = BROWSER_ACCEPT,
               posted_from: httpx.Client | None = None) -> httpx.Response:
        """Start a launch at the tool's login URL as a platform does and follow it as a browser
        does (asking for ``accept``); the tool's answer to the launch (its page, or its
        refusal) is returned. ``posted_from``: another browser that posts the launch form (a
        login forced on a victim's browser)."""
        hint = secrets.token_urlsafe(8)
        key = f"{resource_link}/{user}/{attempt_number}"
        session_data = self.session_data.setdefault(key, secrets.token_urlsafe(12))
        claims: dict[str, Any] = {
            CLAIM + "message_type": message_type,
            CLAIM + "version": "1.3.0",
            CLAIM + "deployment_id": self.deployment_id,
            CLAIM + "target_link_uri": self.tool_launch_url,
            CLAIM + "resource_link": {"id": resource_link, "title": "Final quiz"},
            CLAIM + "roles": ["http://purl.imsglobal.org/vocab/lis/v2/membership#Learner"],
            CLAIM + "launch_presentation": {"return_url": f"{self.url}/course"},
            AP + "attempt_number": attempt_number,
            AP + "session_data": session_data,
            "sub": user, "name": "Ann Lee", "given_name": "Ann", "family_name": "Lee",
        }
        if custom:
            claims[CLAIM + "custom"] = custom
        if message_type == "LtiStartProctoring":
            claims[AP + "start_assessment_url"] = f"{self.url}/start"
            claims[AP + "acs"] = {"assessment_control_url": f"{self.url}/acs",
                                  "actions": acs_actions or ["flag", "terminate"]}
        self.pending[hint] = {"claims": claims, "user": user, "tamper": tamper or {}}
        client = browser or httpx.Client(timeout=20)
        asks = {"Accept": accept}
        try:
            login = client.post(tool_login_url, data={
                "iss": (tamper or {}).get("login_iss", self.issuer), "login_hint": user,
                "target_link_uri": (tamper or {}).get("login_target", self.tool_launch_url),
                "lti_message_hint": hint,
                "client_id": self.client_id,
                "lti_deployment_id": (tamper or {}).get("login_deployment", self.deployment_id)},
                headers=asks)
            if login.status_code != 302:
                return login
            auth = client.get(login.headers["location"], headers=asks)
            assert auth.status_code == 200, auth.text
            action, fields = form_of(auth.text)
            self.last_post = (action, fields)
            return (posted_from or client).post(action, data=fields, headers=asks)
        finally:
            if browser is None:
                client.close()

    def continue_to_assessment(self, tool_page: str) -> httpx.Response:
        """The candidate presses Continue on the tool's page: its form posts the JWT here."""
        action, fields = form_of(tool_page)
        return httpx.post(action, data=fields, timeout=20)

    # ---- the server ------------------------------------------------------------------------------
    def _sign(self, claims: dict[str, Any], key: RSAKey | None = None) -> str:
        key = key or self.key
        return jwt.encode({"alg": "RS256", "kid": key.kid}, claims, key)

    def _tool_keys(self) -> KeySet:
        return KeySet.import_key_set(httpx.get(self.tool_jwks_url, timeout=10).json())

    def _authorize(self, query: dict[str, str]) -> tuple[int, str]:
        expected = {"scope": "openid", "response_type": "id_token", "response_mode": "form_post",
                    "prompt": "none", "client_id": self.client_id,
                    "redirect_uri": self.tool_launch_url}
        wrong = [k for k, v in expected.items() if query.get(k) != v]
        pending = self.pending.get(query.get("lti_message_hint", ""))
        if wrong or pending is None or query.get("login_hint") != pending["user"]:
            return 400, f"bad authorization request: {wrong or 'unknown hint or user'}"
        tamper = pending["tamper"]
        now = int(self.now().timestamp())
        claims = {"iss": self.issuer, "aud": self.client_id, "azp": self.client_id,
                  "iat": now, "exp": now + 300, "nonce": query["nonce"], **pending["claims"]}
        for name, value in tamper.get("claims", {}).items():
            if value is None:
                claims.pop(name, None)  # a claim the platform leaves out
            else:
                claims[name] = value
        token = self._sign(claims, tamper.get("key"))
        state = tamper.get("state", query["state"])
        page = (f"<form method='post' action='{query['redirect_uri']}'>"
                f"<input type='hidden' name='id_token' value='{token}'>"
                f"<input type='hidden' name='state' value='{state}'></form>")
        return 200, page

    def _start(self, form: dict[str, str]) -> tuple[int, str]:
        try:
            token = jwt.decode(form.get("JWT", ""), self._tool_keys(), algorithms=["RS256"])
        except Exception as exc:
            self.refused.append(f"LtiStartAssessment not verified: {exc}")
            return 401, "not verified"
        c = token.claims
        key = f"{c.get(CLAIM + 'resource_link', {}).get('id')}/"
        problems = []
        if c.get("iss") != self.client_id or c.get("aud") not in (self.issuer, [self.issuer]):
            problems.append("iss/aud")
        if c.get(CLAIM + "message_type") != "LtiStartAssessment":
            problems.append("message_type")
        if c.get(CLAIM + "version") != "1.3.0" or c.get(CLAIM + "deployment_id") != \
                self.deployment_id:
            problems.append("version/deployment")
        if c.get(AP + "session_data") not in [v for k, v in self.session_data.items()
                                              if k.startswith(key)]:
            problems.append("session_data")
        if not isinstance(c.get("exp"), int) or c["exp"] < self.now().timestamp():
            problems.append("exp")
        if problems:
            self.refused.append(f"LtiStartAssessment claims wrong: {problems}")
            return 400, "claims wrong"
        self.started.append(dict(c))
        return 200, "<p>The assessment starts.</p>"

    def _token(self, form: dict[str, str]) -> tuple[int, str]:
        if self.token_endpoint_down:
            return 503, json.dumps({"error": "temporarily_unavailable"})
        if (form.get("grant_type") != "client_credentials" or form.get("scope") != ACS_SCOPE
                or form.get("client_assertion_type")
                != "urn:ietf:params:oauth:client-assertion-type:jwt-bearer"):
            return 400, json.dumps({"error": "invalid_request"})
        try:
            c = jwt.decode(form.get("client_assertion", ""), self._tool_keys(),
                           algorithms=["RS256"]).claims
        except Exception:
            return 401, json.dumps({"error": "invalid_client"})
        if c.get("iss") != self.client_id or c.get("sub") != self.client_id or \
                c.get("aud") != f"{self.url}/token" or not c.get("jti"):
            return 401, json.dumps({"error": "invalid_client"})
        token = secrets.token_urlsafe(16)
        self.tokens.add(token)
        return 200, json.dumps({"access_token": token, "token_type": "bearer",
                                "expires_in": 3600, "scope": ACS_SCOPE})

    def _acs(self, headers: Any, body: bytes) -> tuple[int, str]:
        bearer = (headers.get("Authorization") or "").removeprefix("Bearer ")
        if bearer not in self.tokens:
            return 401, json.dumps({"error": "invalid_token"})
        if headers.get("Content-Type") != "application/vnd.ims.lti-ap.v1.control+json":
            return 415, "{}"
        control = json.loads(body)
        status = {"flag": "flagged", "terminate": "terminated", "pause": "paused",
                  "resume": "running", "update": "running"}.get(control.get("action"))
        if status is None or control.get("user", {}).get("iss") != self.issuer or \
                not isinstance(control.get("incident_severity"), int | float):
            return 400, "{}"
        extra = control.get("extra_time")
        if (control["action"] == "update") != (isinstance(extra, int) and extra > 0):
            return 400, "{}"  # extra_time (seconds) with an update, and only then
        self.controls.append(control)
        return 200, json.dumps({"status": status})

    def _make_server(self) -> ThreadingHTTPServer:
        platform = self

        class Handler(BaseHTTPRequestHandler):
            def _answer(self, status: int, text: str, kind: str = "text/html") -> None:
                data = text.encode()
                self.send_response(status)
                self.send_header("Content-Type", kind)
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def do_GET(self) -> None:
                parts = urlsplit(self.path)
                if parts.path == "/jwks":
                    keys = KeySet([platform.key]).as_dict(private=False)
                    self._answer(200, json.dumps(keys), "application/json")
                elif parts.path == "/auth":
                    query = {k: v[0] for k, v in parse_qs(parts.query).items()}
                    self._answer(*platform._authorize(query))
                else:
                    self._answer(404, "not found")

            def do_POST(self) -> None:
                body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
                form = {k: v[0] for k, v in parse_qs(body.decode()).items()}
                if self.path == "/start":
                    self._answer(*platform._start(form))
                elif self.path == "/token":
                    self._answer(*platform._token(form), "application/json")
                elif self.path == "/acs":
                    self._answer(*platform._acs(self.headers, body),
                                 "application/vnd.ims.lti-ap.v1.control.result+json")
                else:
                    self._answer(404, "not found")

            def log_message(self, format: str, *args: Any) -> None:  # quiet
                pass

        server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        server.daemon_threads = True
        return server

