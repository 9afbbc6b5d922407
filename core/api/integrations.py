"""Integration routes (admin key only): webhooks, their deliveries, and integration keys. Thin:
parse, call one service; errors go through the one table (core/api/errors.py)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Response
from pydantic import Field

from core.api.auth import IntegrationAdmin
from core.api.errors import ERRORS
from core.api.schemas import Body, Line, RequiredLine
from core.bootstrap import Core
from core.domain.records import (
    DeliveryDTO,
    IntegrationKeyCreated,
    IntegrationKeyDTO,
    WebhookCreated,
    WebhookDTO,
    WebhookTestResult,
)
from core.domain.webhooks import WebhookEventType

EVENT_TYPES = ", ".join(t.value for t in WebhookEventType)


class WebhookCreate(Body):
    url: Line = Field(min_length=1, max_length=2000,
                      description="http:// or https:// address that receives the POSTs")
    events: list[Line] = Field(min_length=1, max_length=len(WebhookEventType),
                               description=f"event types it hears: {EVENT_TYPES}")
    description: Line | None = Field(default=None, max_length=200)


class IntegrationKeyCreate(Body):
    name: RequiredLine = Field(min_length=1, max_length=100,
                               description="whose key it is, e.g. the exam system's name")


def create_integrations_router(core: Core) -> APIRouter:
    router = APIRouter(tags=["integrations"], dependencies=[IntegrationAdmin])

    @router.post("/api/v1/webhooks", response_model=WebhookCreated, status_code=201,
                 responses=ERRORS, summary="Add a webhook; its secret is shown this once")
    def create_webhook(body: WebhookCreate) -> WebhookCreated:
        return core.webhooks.create_webhook(body.url, body.events, body.description)

    @router.get("/api/v1/webhooks", response_model=list[WebhookDTO], responses=ERRORS)
    def list_webhooks() -> list[WebhookDTO]:
        return core.webhooks.list_webhooks()

    @router.delete("/api/v1/webhooks/{webhook_id}", status_code=204, response_class=Response,
                   responses=ERRORS, summary="Remove a webhook and its deliveries")
    def delete_webhook(webhook_id: str) -> Response:
        core.webhooks.delete_webhook(webhook_id)
        return Response(status_code=204)

    @router.get("/api/v1/webhooks/{webhook_id}/deliveries", response_model=list[DeliveryDTO],
                responses=ERRORS, summary="The webhook's recent deliveries, newest first")
    def list_deliveries(webhook_id: str,
                        limit: Annotated[int, Query(ge=1, le=1000)] = 100) -> list[DeliveryDTO]:
        return core.webhooks.list_deliveries(webhook_id, limit)

    @router.post("/api/v1/webhooks/{webhook_id}/deliveries/{delivery_id}/redeliver",
                 response_model=DeliveryDTO, status_code=202, responses=ERRORS,
                 summary="Send a delivery again (same event_id), with a new day of retries")
    def redeliver(webhook_id: str, delivery_id: str) -> DeliveryDTO:
        return core.webhooks.redeliver(webhook_id, delivery_id)

    @router.post("/api/v1/webhooks/{webhook_id}/test", response_model=WebhookTestResult,
                 responses=ERRORS, summary="Send the webhook a signed test event now "
                                           "(type webhook.test) and say how it fared")
    def test_webhook(webhook_id: str) -> WebhookTestResult:
        return core.webhook_sender.send_test(webhook_id)

    @router.post("/api/v1/integration-keys", response_model=IntegrationKeyCreated,
                 status_code=201, responses=ERRORS,
                 summary="Make an exam system's key; the key is shown this once")
    def create_integration_key(body: IntegrationKeyCreate) -> IntegrationKeyCreated:
        return core.integration_keys.create_key(body.name)

    @router.get("/api/v1/integration-keys", response_model=list[IntegrationKeyDTO],
                responses=ERRORS, summary="The integration keys in force (never the keys)")
    def list_integration_keys() -> list[IntegrationKeyDTO]:
        return core.integration_keys.list_keys()

    @router.delete("/api/v1/integration-keys/{key_id}", status_code=204,
                   response_class=Response, responses=ERRORS,
                   summary="Revoke an integration key at once")
    def revoke_integration_key(key_id: str) -> Response:
        core.integration_keys.revoke_key(key_id)
        return Response(status_code=204)

    return router
