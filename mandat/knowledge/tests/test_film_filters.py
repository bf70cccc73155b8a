"""The film library's filters take any value in the address without a
server error."""

import pytest
from django.test import Client
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("year", ["99999", "10000", "0", "-1", "²", "2027", "9999"])
def test_a_year_outside_the_calendar_gives_the_library(
    coordinator_client, organisation, year
):
    response = coordinator_client.get(
        reverse("knowledge:film-list", args=[organisation.slug]), {"year": year}
    )

    assert response.status_code == 200


@settings(
    max_examples=30,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(
    query=st.dictionaries(
        st.sampled_from(["year", "topic", "training"]),
        st.text(alphabet=st.characters(blacklist_categories=["Cs"]), max_size=20),
        max_size=3,
    )
)
def test_any_film_filter_gives_the_library(coordinator, organisation, query):
    client = Client()
    client.force_login(coordinator)

    response = client.get(
        reverse("knowledge:film-list", args=[organisation.slug]), query
    )

    assert response.status_code == 200
