"""The hub's OpenAPI document is a contract: requests generated from it, well-formed and malformed, sent to a real
hub on 127.0.0.1 with a real token, must never make it fail (5xx) and must be answered only as the document says
(declared status codes, content types, headers and bodies).

Each operation is fuzzed with schemathesis in both of its generation modes: positive (requests the document
allows) and negative (requests it forbids, which the hub must refuse in a declared way). The number of examples
per operation and mode is small by default so the suite stays fast; set DZDESK_FUZZ_EXAMPLES for a longer run
(e.g. DZDESK_FUZZ_EXAMPLES=500 before a release).
"""

from __future__ import annotations

import json
import os
import uuid
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest
import schemathesis
from hypothesis import HealthCheck, Phase, given, settings
from schemathesis import Case, GenerationMode
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    ignored_auth,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from dzdesk.config import DataDir
from dzdesk.hub.settings import HubSettings
from dzdesk.store import open_store
from dzdesk.store.blobs import BlobStore
from dzdesk.sync.client import HubClient
from dzdesk.sync.engine import synchronise
from dzdesk.sync.protocol import SCHEMA_VERSION, Role
from tests.support.hub import RunningHub, running_hub
from tests.sync.helpers import add_fault, add_target

EXAMPLES = int(os.environ.get("DZDESK_FUZZ_EXAMPLES", "15"))
DOCUMENT = Path(__file__).resolve().parents[2] / "docs" / "hub-openapi.json"
# Not `negative_data_rejection`: the hub ignores query parameters it does not know, as HTTP APIs commonly do, and
# that check counts an ignored unknown parameter as a request wrongly accepted.
CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance, response_headers_conformance,
          response_schema_conformance, ignored_auth]


def _operations() -> list[str]:
    """Every operation of the kept document (test_openapi.py proves it is the one the hub serves)."""
    paths = json.loads(DOCUMENT.read_text(encoding="utf-8"))["paths"]
    return [f"{method.upper()} {path}" for path, methods in paths.items() for method in methods]


OPERATIONS = _operations()
# An operation with no parameter and no body has nothing a negative example could break.
NO_INPUT = {"GET /v1/health", "GET /v1/me"}


@dataclass
class FuzzTarget:
    hub: RunningHub
    token: str
    schema: schemathesis.BaseSchema
    database: str


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def target(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[FuzzTarget]:
    """A hub holding a few real records (so reads answer with real bodies), and a lead's token; on SQLite and on
    PostgreSQL, which refuse different things (integers past 64 bits, NUL characters in text).

    ignored_auth re-sends successful requests without the token and with a wrong one; those refusals would soon
    throttle this address and turn the rest of the run into 429s, so this hub allows far more of them."""
    root = tmp_path_factory.mktemp("fuzz")
    if request.param == "sqlite":
        url = f"sqlite:///{root / 'hub.sqlite3'}"
    else:
        url = request.getfixturevalue("postgres").create_database(f"fuzz{root.name}")
    with running_hub(url, HubSettings(sign_in_limit=100_000)) as hub:
        token = hub.add_user("组长", Role.LEAD, "", ("一组",))
        engineer = hub.add_user("张伟")
        store = open_store(DataDir(root / "laptop").ensure(), author="张伟")
        try:
            add_fault(store, "受理单打印空白")
            add_target(store, "信用平台-门户")
            with HubClient(hub.url, engineer) as client:
                synchronise(store, BlobStore(store.data_dir.blobs), client)
        finally:
            store.close()
        yield FuzzTarget(hub, token, schemathesis.openapi.from_url(f"{hub.url}/openapi.json"), request.param)


def _fuzz(target: FuzzTarget, label: str, mode: GenerationMode) -> Counter[int]:
    """Runs the generated requests of one operation; returns how often each status code came back."""
    method, path = label.split(" ", 1)
    operation = target.schema[path][method]
    statuses: Counter[int] = Counter()

    @given(case=operation.as_strategy(generation_mode=mode))
    @settings(max_examples=EXAMPLES, deadline=None, database=None, phases=[Phase.generate, Phase.shrink],
              suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much, HealthCheck.data_too_large])
    def fuzz(case: Case) -> None:
        response = case.call_and_validate(base_url=target.hub.url, checks=CHECKS,
                                          headers={"Authorization": f"Bearer {target.token}"}, timeout=30)
        statuses[response.status_code] += 1

    fuzz()
    return statuses


@pytest.mark.parametrize("mode", [GenerationMode.POSITIVE, GenerationMode.NEGATIVE], ids=["positive", "negative"])
@pytest.mark.parametrize("label", OPERATIONS)
def test_the_hub_answers_generated_requests_as_its_document_says(label: str, mode: GenerationMode,
                                                                 target: FuzzTarget) -> None:
    if mode is GenerationMode.NEGATIVE and label in NO_INPUT:
        pytest.skip("no parameter or body to make invalid")
    statuses = _fuzz(target, label, mode)

    assert statuses, "no request was sent"
    assert 429 not in statuses, "the fuzzing address was throttled: the run proves little"
    if mode is GenerationMode.POSITIVE:
        # The token really signs in: a run answered only with 401 would pass every check and prove nothing.
        assert 401 not in statuses, statuses
        if label in {"GET /v1/health", "GET /v1/me", "GET /v1/changes", "POST /v1/push"}:
            assert statuses[200] > 0, statuses
    else:
        assert all(400 <= status < 500 or status in (200, 201) for status in statuses), statuses


def test_every_operation_is_fuzzed() -> None:
    """The list above comes from the kept document; if it lost an operation, the fuzzing would quietly skip it."""
    assert set(OPERATIONS) >= {"GET /v1/health", "GET /v1/me", "POST /v1/push", "GET /v1/changes",
                               "GET /v1/records/{entity}/{record_id}", "HEAD /v1/blobs/{sha256}",
                               "PUT /v1/blobs/{sha256}", "GET /v1/blobs/{sha256}"}


# -- what fuzzing found, kept as plain examples so they are checked on every run, not only when drawn --------------
@pytest.mark.parametrize("since", [2**63, 10**30])
def test_a_cursor_past_what_a_database_stores_is_refused_in_words(since: int, target: FuzzTarget) -> None:
    """`since` beyond 64 bits overflowed the database driver and the hub answered 500."""
    signed_in = {"Authorization": f"Bearer {target.token}"}
    response = httpx.get(f"{target.hub.url}/v1/changes", params={"since": since, "schema_version": SCHEMA_VERSION},
                         headers=signed_in)
    assert response.status_code == 422
    assert response.json() == {"detail": "query.since: Input should be less than or equal to 9223372036854775807"}
    last = {"since": 2**63 - 1, "schema_version": SCHEMA_VERSION}
    assert httpx.get(f"{target.hub.url}/v1/changes", params=last, headers=signed_in).json()["changes"] == []


def test_a_refused_parameter_is_answered_like_every_other_error(target: FuzzTarget) -> None:
    """The document declares `{"detail": "<text>"}` for 422; FastAPI's own answer was a list, and clients showed it
    as a Python repr."""
    response = httpx.get(f"{target.hub.url}/v1/changes", params={"since": -1, "limit": 0},
                         headers={"Authorization": f"Bearer {target.token}"})
    assert response.status_code == 422
    assert response.json() == {"detail": "query.since: Input should be greater than or equal to 0; "
                                         "query.limit: Input should be greater than or equal to 1"}
    assert response.headers["x-content-type-options"] == "nosniff"


def test_a_body_that_is_not_json_is_a_declared_answer(target: FuzzTarget) -> None:
    response = httpx.post(f"{target.hub.url}/v1/push", content=b"1\xff",
                          headers={"Authorization": f"Bearer {target.token}", "Content-Type": "application/json"})
    assert response.status_code in (400, 422)
    assert isinstance(response.json()["detail"], str)
    document = json.loads(DOCUMENT.read_text(encoding="utf-8"))
    assert str(response.status_code) in document["paths"]["/v1/push"]["post"]["responses"]


def test_an_entity_name_with_nul_is_refused_per_change(target: FuzzTarget) -> None:
    """A push naming an entity with a NUL character: refused per change like any unknown entity, the rest of the
    batch applied. The hub once looked the batch's records up by entity before checking the entity, and PostgreSQL
    refuses NUL in text, so the whole push failed with 500."""
    good_id, bad_id = str(uuid.uuid4()), str(uuid.uuid4())
    body = {"batch_id": str(uuid.uuid4()), "schema_version": SCHEMA_VERSION, "changes": [
        {"entity": "incidents\x00", "id": bad_id, "base_rev": 0, "changed": ["title"], "payload": {"title": "x"}},
        {"entity": "probe_targets", "id": good_id, "base_rev": 0, "changed": ["name"], "payload": {"name": "门户"}},
    ]}
    response = httpx.post(f"{target.hub.url}/v1/push", json=body, headers={"Authorization": f"Bearer {target.token}"})
    assert response.status_code == 200, response.text
    bad, good = response.json()["results"]
    assert (bad["outcome"], bad["message"]) == ("rejected", "unknown entity 'incidents\x00'")
    assert good["outcome"] == "applied"
