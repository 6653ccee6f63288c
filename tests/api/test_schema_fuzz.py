"""Every read operation of the API, fuzzed from the project's own OpenAPI schema.

schemathesis loads the schema from the WSGI app (no server, no network) and sends
generated requests — valid ones and deliberately invalid ones — to each GET
operation, against a registry with a few issued declarations: no response may be
a server error, and every response must be one the schema documents, in status,
content type and body. Bounded and derandomised, so that CI runs the same cases
every time. Operations other than GET (uploads) are left to their own tests.
Random serials find no declaration, so the real ones are checked on their own,
the signed record included.

The schema is loaded when the module is collected: schemathesis's lazy
``from_fixture`` loader does not run under pytest 9.2 (it sets a node attribute
pytest no longer has), and making the schema needs no database.
"""

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from rest_framework.authtoken.models import Token
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from declarations import services
from portal.wsgi import application

CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
]

schema = schemathesis.openapi.from_wsgi("/api/v1/schema/?format=json", application)


@pytest.fixture
def keep_the_connection():
    """Requests go through the WSGI handler, which closes the database connection after
    each one, as in production; the test's transaction lives on it. Django's test
    client keeps it open the same way."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture
def registry(keep_the_connection, declaration, publisher, standard):
    """One declaration of each package, one in force and one withdrawn."""
    publisher.package = standard
    withdrawn = publisher.publish(kind="firmware", roles=["supplier", "operator"])[0]
    services.withdraw_declaration(
        declaration=withdrawn, user=publisher.signatory, reason="販売終了"
    )
    return [declaration, withdrawn]


@schema.include(method="GET").parametrize()
@settings(
    max_examples=25,
    derandomize=True,
    database=None,  # nothing written to the work tree
    deadline=None,
    suppress_health_check=list(HealthCheck),
)
def test_no_read_fails_or_strays_from_the_schema(case, registry):
    case.call_and_validate(checks=CHECKS)


def test_real_summaries_and_records_conform_to_the_schema(registry, pat):
    operation = schema["/api/v1/declarations/{serial}/"]["GET"]
    token = Token.objects.create(user=pat)
    for declaration in registry:
        case = operation.Case(path_parameters={"serial": declaration.serial})
        assert "record" not in case.call_and_validate(checks=CHECKS).json()
        signed_in = case.call_and_validate(
            headers={"Authorization": f"Token {token.key}"}, checks=CHECKS
        )
        assert signed_in.json()["record"]["serial"] == declaration.serial
