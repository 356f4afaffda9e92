"""The hub's OpenAPI document is served by the hub and kept in the repository; the two must not drift apart."""

import json
from pathlib import Path

import httpx

from dzdesk.commands.hub import openapi_document

DOCUMENT = Path(__file__).resolve().parents[2] / "docs" / "hub-openapi.json"


def test_the_repository_copy_is_current():
    assert json.loads(DOCUMENT.read_text(encoding="utf-8")) == openapi_document(), (
        "docs/hub-openapi.json is stale: run `dzdesk hub openapi -o docs/hub-openapi.json`")


def test_the_hub_serves_the_same_document(hub):
    served = httpx.get(f"{hub.url}/openapi.json").json()
    assert served == json.loads(DOCUMENT.read_text(encoding="utf-8"))
