import json

import pytest

from mandat.api.services import api_token_create


class Api:
    """The API as another system calls it: JSON in and out, a token in the
    Authorization header."""

    def __init__(self, client, secret: str | None) -> None:
        self.client = client
        self.headers = {"Authorization": f"Bearer {secret}"} if secret else {}

    def get(self, path: str, **headers):
        return self.client.get(path, headers={**self.headers, **headers})

    def post(self, path: str, data: dict | None = None):
        return self.client.post(
            path,
            json.dumps(data or {}),
            content_type="application/json",
            headers=self.headers,
        )


@pytest.fixture
def make_api(client, organisation):
    def make(scope: str = "write", organisation=organisation, name="Registret"):
        _token, secret = api_token_create(
            actor=None, organisation=organisation, name=name, scope=scope
        )
        return Api(client, secret)

    return make


@pytest.fixture
def api(make_api):
    """An API client with a read-and-write token of the organisation."""
    return make_api("write")
