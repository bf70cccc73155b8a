"""The personal link's POST registers (or cancels) and redirects without
building the page it leaves: the occasions with their places left, their
sessions and the form's choices are read only when the page is shown."""

import datetime

import pytest
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from mandat.notifications.models import Message
from mandat.trainings.models import Registration, Training
from mandat.trainings.tests.factories import InvitationFactory, OccasionFactory

pytestmark = pytest.mark.django_db


def _sql(captured) -> str:
    return "\n".join(query["sql"] for query in captured.captured_queries)


def test_a_registration_that_redirects_reads_nothing_of_the_page(client, organisation):
    occasion = OccasionFactory(training__organisation=organisation, capacity=5)
    invitation = InvitationFactory(training=occasion.training)
    url = reverse("trainings:personal", args=[invitation.token])

    with CaptureQueriesContext(connection) as page:
        assert client.get(url).status_code == 200
    with CaptureQueriesContext(connection) as registering:
        answer = client.post(url, {"action": "register", "occasion": occasion.pk})
    with CaptureQueriesContext(connection) as cancelling:
        cancelled = client.post(url, {"action": "cancel"})

    assert answer.status_code == cancelled.status_code == 302
    assert Registration.objects.get().status == Registration.Status.CANCELLED
    # The places left ("waiting_count") and the sessions are the page's.
    assert "waiting_count" in _sql(page)
    for captured in (registering, cancelling):
        assert "waiting_count" not in _sql(captured)
        assert '"trainings_session"' not in _sql(captured).split("INSERT")[0]


def test_a_registration_that_fails_shows_the_page_with_the_reason(client, organisation):
    occasion = OccasionFactory(
        training__organisation=organisation,
        registration_deadline=timezone.now() - datetime.timedelta(days=1),
    )
    invitation = InvitationFactory(training=occasion.training)
    url = reverse("trainings:personal", args=[invitation.token])

    answer = client.post(url, {"action": "register", "occasion": occasion.pk})

    assert answer.status_code == 200
    assert answer.context["form"].non_field_errors()
    assert answer.context["occasions"] == [occasion]
    assert not Registration.objects.exists()


def test_a_registration_through_the_personal_link_takes_at_most_ten_statements(
    client, organisation, django_capture_on_commit_callbacks
):
    """Issue 12's budget for the registration path: the link, the occasion
    chosen, the lock, the checks, the row, the audit entry and the queued
    e-mail (written later by the worker), and the task that sends it."""
    occasion = OccasionFactory(training__organisation=organisation, capacity=5)
    invitation = InvitationFactory(training=occasion.training)
    url = reverse("trainings:personal", args=[invitation.token])
    client.get(url)
    ContentType.objects.get_for_model(Training)  # cached in a running server

    with (
        CaptureQueriesContext(connection) as registering,
        django_capture_on_commit_callbacks() as callbacks,
    ):
        answer = client.post(url, {"action": "register", "occasion": occasion.pk})

    assert answer.status_code == 302
    assert Registration.objects.get().status == Registration.Status.REGISTERED
    # After the commit: the message's send task, one INSERT in production
    # (the tests run tasks at once, so it is counted here, not run).
    assert len(callbacks) == 1
    statements = [
        query["sql"]
        for query in registering.captured_queries
        # The test's own transaction makes the service's a savepoint.
        if "SAVEPOINT" not in query["sql"]
    ]
    assert len(statements) + len(callbacks) <= 10, "\n".join(statements)
    message = Message.objects.get()
    assert message.body_text == ""  # written by the worker, not the request
    assert message.render_with["arguments"]["registration_id"] == (
        Registration.objects.get().pk
    )
