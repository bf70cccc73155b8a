"""The OpenAPI schema and its documentation page in Swedish, as an engineer
fetches them: every text Swedish where the English one is a docstring of
the code or DRF's own, not only the texts of the models."""

import json

import pytest

from mandat.api.schema import texts
from mandat.api.texts import SAME_IN_BOTH, TARGET, source, untranslated

pytestmark = pytest.mark.django_db


def schema_texts(client, language: str) -> dict[str, str]:
    response = client.get(f"/api/v1/schema/?lang={language}")
    assert response.status_code == 200
    return dict(texts(json.loads(response.content)))


def test_no_text_of_the_swedish_schema_is_left_in_english(client):
    english = schema_texts(client, "en")
    swedish = schema_texts(client, "sv")

    left = {
        path: text
        for path, text in english.items()
        if swedish.get(path) == text
        and any(c.isalpha() for c in text)
        and text not in SAME_IN_BOTH
    }

    assert left == {}
    assert swedish["/paths//api/v1/trainings//get/description"] == (
        "Utbildningar; en ny är ett utkast, som på sidan."
    )


def test_the_schema_is_json_as_fetched_and_yaml_when_asked(client):
    fetched = client.get("/api/v1/schema/", HTTP_ACCEPT="*/*")
    assert fetched["Content-Type"].startswith("application/vnd.oai.openapi+json")
    assert json.loads(fetched.content)["openapi"].startswith("3.")

    yaml = client.get("/api/v1/schema/?format=yaml", HTTP_ACCEPT="*/*")
    assert yaml["Content-Type"].startswith("application/vnd.oai.openapi;")
    assert yaml.content.startswith(b"openapi: 3.")


def test_the_docs_page_describes_the_operations_in_swedish_and_english(client):
    swedish = client.get("/api/v1/docs/").content.decode()
    english = client.get("/api/v1/docs/?lang=en").content.decode()

    assert "Utbildningar; en ny är ett utkast, som på sidan." in swedish
    assert "Trainings; a new one is a draft, as on the page." not in swedish
    assert "Trainings; a new one is a draft, as on the page." in english


def test_the_marked_texts_of_the_schema_are_up_to_date():
    """A changed docstring of the API needs `mandat api_texts`
    (and its Swedish in the catalogue)."""
    assert TARGET.read_text(encoding="utf-8") == source(untranslated())
