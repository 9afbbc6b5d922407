"""LTI 1.3 Proctoring Services routes: the tool's key set, OIDC login, the launch, and the
administrator's platform registrations. Thin: parse, call the LTI service; errors go through the
one table (a refused launch: 401, an unregistered platform or deployment: 403, a launch that
lacks what the tool needs: 422).

The login and the launch are reached by a candidate's browser, so their refusals are an HTML
page (the same status) with the sentence and what to do next; a client that asks for JSON
(``Accept: application/json``) gets the usual ``{"detail": ...}``."""

from __future__ import annotations

from html import escape
from typing import Annotated, Any

from fastapi import APIRouter, Form, Request, Response
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse
from pydantic import Field

from core.api.auth import IntegrationAdmin
from core.api.errors import ERRORS, error_body, status_for
from core.api.schemas import Body, Line, RequiredLine
from core.bootstrap import Core
from core.domain import lti
from core.domain.errors import DomainError
from core.domain.records import LtiPlatformDTO
from core.services.lti import LaunchOutcome

#: For a browser: an HTML page with the sentence and what to do next; JSON when asked for.
AS_PAGE = " (an HTML page for a browser; JSON for Accept: application/json)"


def page_or_json(description: str) -> dict[str, Any]:
    return {"model": ERRORS[401]["model"], "description": description + AS_PAGE,
            "content": {"application/json": {}, "text/html": {}}}


LAUNCH_ERRORS: dict[int | str, dict[str, Any]] = {
    **ERRORS,
    401: page_or_json("The token is forged, expired, for another tool or replayed, or the "
                      "login began in another browser"),
    403: page_or_json("The issuer, client or deployment is not registered"),
    422: page_or_json("The launch lacks a claim or an exam, or its target_link_uri is not "
                      "this tool's launch URL"),
    502: page_or_json("The platform's key set could not be fetched"),
}


class LtiPlatformCreate(Body):
    issuer: RequiredLine = Field(min_length=1, max_length=300,
                                 description="the platform's iss, e.g. https://lms.example.org")
    client_id: RequiredLine = Field(min_length=1, max_length=200,
                                    description="the client id the platform gave this tool")
    deployment_id: RequiredLine = Field(min_length=1, max_length=200)
    jwks_url: RequiredLine = Field(min_length=1, max_length=2000,
                                   description="the platform's public key set")
    auth_url: RequiredLine = Field(min_length=1, max_length=2000,
                                   description="the platform's OIDC authorization endpoint")
    token_url: RequiredLine = Field(min_length=1, max_length=2000,
                                    description="the platform's OAuth 2 token endpoint")
    exam_id: Line | None = Field(default=None, max_length=36,
                                 description="the exam a launch starts when its link's custom "
                                             "exam_id names none")
    name: Line | None = Field(default=None, max_length=100)


def tool_urls(request: Request) -> dict[str, Any]:
    """The values a platform's administrator enters to register this center as a tool."""
    return {
        "login_url": str(request.url_for("lti_login")),
        "launch_url": str(request.url_for("lti_launch")),
        "jwks_url": str(request.url_for("lti_jwks")),
        "redirect_uris": [str(request.url_for("lti_launch"))],
    }


def create_lti_router(core: Core) -> APIRouter:
    router = APIRouter(tags=["lti"])

    @router.get("/api/v1/lti/jwks", name="lti_jwks",
                summary="The tool's public keys (JWK set) that platforms check its messages with")
    def jwks() -> dict[str, Any]:
        return core.lti.tool_key.jwks()

    @router.get("/api/v1/lti/tool", name="lti_tool",
                summary="This center's registration values as an LTI tool")
    def tool(request: Request) -> dict[str, Any]:
        return tool_urls(request)

    async def login(request: Request) -> Response:
        params: dict[str, Any] = dict(request.query_params)
        if request.method == "POST":
            params.update({k: v for k, v in (await request.form()).items()
                           if isinstance(v, str)})
        try:
            redirect = core.lti.begin_login(
                iss=params.get("iss"), login_hint=params.get("login_hint"),
                target_link_uri=params.get("target_link_uri"),
                redirect_uri=str(request.url_for("lti_launch")),
                lti_message_hint=params.get("lti_message_hint"),
                client_id=params.get("client_id"), deployment_id=params.get("lti_deployment_id"))
        except DomainError as exc:
            return refusal(request, exc)
        answer = RedirectResponse(redirect.url, status_code=302)
        set_state_cookie(answer, request, redirect.state)
        return answer

    for method, route_name in (("GET", "lti_login"), ("POST", "lti_login_posted")):
        router.add_api_route(
            "/api/v1/lti/login", login, methods=[method], name=route_name,
            response_class=RedirectResponse, status_code=302, responses=LAUNCH_ERRORS,
            summary="OIDC login initiation (iss, login_hint, target_link_uri, ...): redirects "
                    "to the platform's sign-in")

    @router.post("/api/v1/lti/launch", name="lti_launch", response_class=HTMLResponse,
                 responses=LAUNCH_ERRORS,
                 summary="The launch (redirect URI): LtiStartProctoring or LtiEndAssessment")
    def launch(request: Request, id_token: Annotated[str | None, Form()] = None,
               state: Annotated[str | None, Form()] = None) -> Response:
        try:
            outcome = core.lti.launch(id_token, state,
                                      launch_url=str(request.url_for("lti_launch")),
                                      browser_states=states_of(request))
        except DomainError as exc:
            answer = refusal(request, exc)
        else:
            answer = HTMLResponse(launch_page(outcome), headers={"Cache-Control": "no-store"})
        if state and STATE_COOKIE + state in request.cookies:
            https = request.url.scheme == "https"
            answer.delete_cookie(STATE_COOKIE + state, path=request.url_for("lti_launch").path,
                                 secure=https, httponly=True,
                                 samesite="none" if https else None)
            if https:
                partitioned(answer)
        return answer
    @router.post("/api/v1/lti/platforms", response_model=LtiPlatformDTO, status_code=201,
                 dependencies=[IntegrationAdmin], responses=ERRORS,
                 summary="Register an exam platform as an LTI 1.3 platform")
    def register_platform(body: LtiPlatformCreate) -> LtiPlatformDTO:
        return core.lti.register_platform(**body.model_dump())

    @router.get("/api/v1/lti/platforms", response_model=list[LtiPlatformDTO],
                dependencies=[IntegrationAdmin], responses=ERRORS)
    def list_platforms() -> list[LtiPlatformDTO]:
        return core.lti.list_platforms()

    @router.delete("/api/v1/lti/platforms/{platform_id}", status_code=204,
                   response_class=Response, dependencies=[IntegrationAdmin], responses=ERRORS,
                   summary="Forget a platform (the attempts it started stay)")
    def delete_platform(platform_id: str) -> Response:
        core.lti.delete_platform(platform_id)
        return Response(status_code=204)

    return router


#: The login's state cookie: this prefix and the state (one per login, so two tabs each keep
#: theirs); sent back only to the launch URL.
STATE_COOKIE = "lti-state-"


def set_state_cookie(answer: Response, request: Request, state: str) -> None:
    """Bind the login's state to the browser: an HttpOnly cookie for the launch URL, for as
    long as the state lives. Over HTTPS ``SameSite=None; Secure``, so the platform's cross-site
    form post carries it back, and ``Partitioned`` (a browser that blocks third-party cookies
    in the platform's iframe may still keep it for that iframe); over plain HTTP no SameSite
    (a browser that takes that as Lax then sends it only when the post comes soon after, or
    not at all: the state's check in the database is the one that counts)."""
    https = request.url.scheme == "https"
    answer.set_cookie(STATE_COOKIE + state, "1", max_age=lti.LOGIN_TTL_SECONDS,
                      path=request.url_for("lti_launch").path, secure=https, httponly=True,
                      samesite="none" if https else None)
    if https:
        partitioned(answer)


def partitioned(answer: Response) -> None:
    """Mark the cookie just set ``Partitioned`` (CHIPS). Starlette writes that attribute only
    on Python 3.14 and later (it needs http.cookies' support)."""
    name, value = answer.raw_headers[-1]
    assert name == b"set-cookie"
    answer.raw_headers[-1] = (name, value + b"; Partitioned")


def states_of(request: Request) -> frozenset[str]:
    """The login states the browser's state cookies name."""
    return frozenset(name.removeprefix(STATE_COOKIE) for name in request.cookies
                     if name.startswith(STATE_COOKIE))


#: What the candidate does next after a refused login or launch, by status.
NEXT_STEP: dict[int, str] = {
    401: "Go back to the exam platform and open the exam again. If this page comes back, show "
         "it to the invigilator.",
    403: "This exam platform is not connected to the exam center yet: show this page to the "
         "invigilator, who asks the center's administrator to register it.",
    422: "The exam's link in the platform needs setting right: show this page to the "
         "invigilator, who passes it on to the exam platform's administrator.",
    502: "The exam center could not reach the exam platform just now: wait a minute, then open "
         "the exam again from the platform.",
}
OTHER_NEXT_STEP = "Show this page to the invigilator."


def wants_json(request: Request) -> bool:
    """Whether the client prefers JSON to HTML (``Accept``, weights counted; a browser names
    ``text/html`` first, ``*/*`` or no header is taken as a browser)."""
    weights: dict[str, float] = {}
    for part in request.headers.get("accept", "").lower().split(","):
        media, *params = (p.strip() for p in part.split(";"))
        weight = 1.0
        for param in params:
            name, _, value = param.partition("=")
            if name.strip() == "q":
                try:
                    weight = float(value)
                except ValueError:
                    weight = 0.0
        weights[media] = max(weight, weights.get(media, 0.0))
    return weights.get("application/json", 0.0) > weights.get("text/html", 0.0)


def refusal(request: Request, error: DomainError) -> Response:
    """A refused login or launch: a page for the candidate's browser, the status kept; JSON
    for a client that asks for it."""
    status = status_for(error)
    if wants_json(request):
        return JSONResponse(error_body(error.message, error.code, error.params),
                            status_code=status)
    return HTMLResponse(refusal_page(error.message, status, error.code), status_code=status,
                        headers={"Cache-Control": "no-store"})


def refusal_page(sentence: str, status: int, code: str | None = None) -> str:
    """The page a refused login or launch shows in the platform's browser (in English): the
    sentence, what to do next, and the sentence's code (core.domain.messages) for whoever the
    candidate shows it to."""
    shown_code = (f"<p id='code'>Code: <code>{escape(code)}</code></p>" if code else "")
    return ("<!doctype html><html lang='en'><head><meta charset='utf-8'>"
            "<title>The exam could not be opened</title></head>"
            f"<body data-status='{status}' data-code='{escape(code or '')}'>"
            "<h1>The exam could not be opened</h1>"
            f"<p id='problem'>{escape(sentence)}</p>"
            f"<p id='next-step'>{escape(NEXT_STEP.get(status, OTHER_NEXT_STEP))}</p>"
            f"{shown_code}</body></html>")


def launch_page(outcome: LaunchOutcome) -> str:
    """The page the candidate's browser shows after a launch."""
    title = escape(outcome.exam_title)
    if outcome.message_type == lti.START_PROCTORING:
        body = (
            f"<h1>Proctoring has started: {title}</h1>"
            f"<p>Go to your kiosk, enter the candidate ID <strong id='candidate-ref'>"
            f"{escape(outcome.candidate_ref)}</strong> and choose <strong>{title}</strong>: "
            "the kiosk joins this attempt and its camera starts. Then continue here.</p>"
            f"<form method='post' action='{escape(outcome.start_assessment_url or '')}'>"
            f"<input type='hidden' name='JWT' value='{escape(outcome.start_assessment_jwt or '')}'>"
            "<button type='submit'>Continue to the exam</button></form>")
    else:
        back = (f"<p><a href='{escape(outcome.return_url)}'>Back to the exam platform</a></p>"
                if outcome.return_url else "")
        body = (f"<h1>Proctoring has ended: {title}</h1>"
                f"<p>Your attempt is {escape(outcome.attempt_status)}. The kiosk shows it too; "
                f"you may leave your seat when the invigilator says so.</p>{back}")
    return (f"<!doctype html><html lang='en'><head><meta charset='utf-8'>"
            f"<title>Proctoring</title></head><body data-attempt='{escape(outcome.attempt_id)}'>"
            f"{body}</body></html>")
