"""No personal link gives a 500: forged tokens, and real links used again,
after they expired or were revoked, and by someone signed in as another
person."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mandat.core.tests import permission_table as table
from mandat.core.tests.fuzzing import FUZZ, fuzz_world, page_forms, text_values
from mandat.core.tests.world import build_url, keep_files
from mandat.testing.responses import read_to_end

# Run once, on PostgreSQL (production's database): what a form or a query
# parameter does with bad input does not depend on the engine, and the
# fuzzers are among the suite's longest tests (~40 s a run).
pytestmark = [pytest.mark.django_db, pytest.mark.postgres]


@pytest.fixture
def world(client, django_user_model):
    return fuzz_world(client)


@pytest.fixture(autouse=True)
def _keep_files(monkeypatch):
    keep_files(monkeypatch)


LINKS = [
    "trainings:personal",
    "meetings:approval-answer",
    "meetings:approval-answer-document",
    "evaluations:answer",
    "notifications:feed",
]


def _link_route(name: str) -> str:
    return next(route for key, route, _p in table.routes() if key == name)


def test_forged_personal_links_are_refused_without_a_500(world):
    prober = world["prober"]
    tried = 0
    routes = {name: _link_route(name) for name in LINKS}
    routes.update(
        {
            key: route
            for key, route, _p in table.routes()
            if "<slug:token>" in route or "<str:token>" in route
        }
    )

    @settings(FUZZ, max_examples=50)
    @given(
        name=st.sampled_from(sorted(routes)),
        token=st.one_of(
            st.text(
                alphabet=st.characters(codec="ascii", exclude_characters="/?#%"),
                min_size=1,
                max_size=80,
            ),
            st.sampled_from(["a" * 64, "a" * 65, "0", "%00", "..", "forged"]),
        ),
        method=st.sampled_from(["GET", "POST"]),
        identity=st.sampled_from(["anonymous", "elected", "coordinator"]),
    )
    def forge(name, token, method, identity):
        nonlocal tried
        token = token.strip() or "x"
        if token in (".", ".."):
            token = "dots"
        url = build_url(name, routes[name], {name: token, **_no_tokens(world)})
        tried += 1
        status = prober.fetch(identity, method, url)
        assert status in (200, 302, 400, 403, 404, 405), (url, status)

    forge()
    print(f"\nfuzzed personal links with {tried} forged tokens")


def _no_tokens(world) -> dict:
    return {
        key: value for key, value in world["ours"]["values"].items() if ":" not in key
    }


def _plausible(form: dict) -> dict:
    """Data a person would send in ``form``: the first choice of each field,
    a date or a short text."""
    data = {}
    for name, field in form["fields"].items():
        options = [option for option in field["options"] if option]
        if name == "csrfmiddlewaretoken":
            continue
        if field.get("initial") is not None:
            data[name] = field["initial"]
        elif options:
            data[name] = options[0]
        elif field["type"] == "date":
            data[name] = "2027-01-01"
        elif field["type"] != "file":
            data[name] = "Bra"
    return data


def test_expired_reused_and_other_peoples_links_give_no_500(world):
    """Each personal link is used as its person would, then again (reused),
    after it expired or was revoked, and by someone signed in as another
    person, with plausible and with generated answers: never a 500."""
    import datetime

    from django.conf import settings as django_settings
    from django.db import transaction
    from django.utils import timezone

    from mandat.evaluations.models import Recipient
    from mandat.meetings.models import ApprovalRequest
    from mandat.notifications.models import CalendarFeed
    from mandat.trainings.models import Training

    prober = world["prober"]
    values = world["ours"]["values"]
    urls = {name: build_url(name, _link_route(name), values) for name in LINKS}
    plausible = {}
    for name, url in urls.items():
        response = prober.response("anonymous", "GET", url)
        html = "html" in response.get("Content-Type", "")
        forms = page_forms(response.content.decode())[0] if html else []
        posts = [form for form in forms if form["method"] == "POST"]
        plausible[name] = _plausible(posts[0]) if posts else {}
    tried = 0

    @settings(FUZZ, max_examples=40)
    @given(
        name=st.sampled_from(LINKS),
        again=st.one_of(
            st.none(),
            st.dictionaries(
                st.sampled_from(["answer", "comment", "occasion", "action", "diet"]),
                text_values(),
                max_size=3,
            ),
        ),
        identity=st.sampled_from(["anonymous", "coordinator", "official", "elected"]),
        expire=st.booleans(),
    )
    def use(name, again, identity, expire):
        nonlocal tried
        url = urls[name]
        client = prober.client
        client.cookies.clear()
        if prober.sessions[identity]:
            client.cookies[django_settings.SESSION_COOKIE_NAME] = prober.sessions[
                identity
            ]
        with transaction.atomic():
            if expire:
                past = timezone.now() - datetime.timedelta(days=1)
                Recipient.objects.update(closes_at=past)
                ApprovalRequest.objects.update(deadline=past)
                CalendarFeed.objects.update(revoked_at=past)
                Training.objects.update(status=Training.Status.CANCELLED)
            # Used as its person would, then once more.
            for data in (plausible[name], plausible[name] if again is None else again):
                tried += 1
                response = client.post(url, data)
                read_to_end(response)
                assert response.status_code < 500, (url, data, identity, expire)
            transaction.set_rollback(True)

    use()
    print(f"\nused personal links {tried} times")
