"""Schemathesis against the real app (ASGI, no network): generated requests, valid and
invalid, for every documented operation; no 5xx, and every answer as the schema says.

Bounded for CI (about 100 cases per operation and mode); ``python -m eval.fuzz_api`` runs the
long campaign with the real model. The fake encoder keeps it fast: this is about the HTTP
contract, not about retrieval.
"""
from __future__ import annotations

import pytest
import schemathesis
from hypothesis import HealthCheck, settings

from indexer.build import build_index
from search_api.app import create_app
from eval.fuzz_checks import positive_data_answered
from search_api.searcher import Searcher
from search_api.service import SearchService
from search_api.settings import Settings

EXAMPLES = 60


@pytest.fixture(scope="module")
def api_schema(tmp_path_factory):
    from conftest import CORPUS, FakeEncoder

    encoder = FakeEncoder()
    index = tmp_path_factory.mktemp("fuzz") / "index"
    build_index(CORPUS, index, encoder=encoder)
    service = SearchService(index, searcher_factory=lambda d: Searcher(d, encoder=encoder))
    service.reload()                       # ASGI calls run no lifespan: load it here
    app = create_app(Settings(index_dir=index, reload_poll_seconds=0, admin_api_key="fuzz-key"), service)
    schema = schemathesis.openapi.from_asgi("/openapi.json", app)
    schema.config.generation.update(modes=list(schemathesis.GenerationMode), max_examples=EXAMPLES)
    return schema


schema = schemathesis.pytest.from_fixture("api_schema")


@schema.parametrize()
@settings(max_examples=EXAMPLES, deadline=None, derandomize=True,
          suppress_health_check=list(HealthCheck))
def test_api_contract(case):
    case.call_and_validate(excluded_checks=[schemathesis.checks.positive_data_acceptance],
                           additional_checks=[positive_data_answered])
