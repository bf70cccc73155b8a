"""The outbox shows that a personal link was sent, never the link: a link
acts in its recipient's name (register, approve, answer anonymously)."""

import datetime

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import URLResolver, get_resolver, reverse
from django.urls.converters import IntConverter
from django.utils import timezone

from mandat.directory.tests.factories import PersonFactory
from mandat.evaluations import services as evaluations
from mandat.evaluations.models import Recipient
from mandat.meetings import services as meetings
from mandat.meetings.tests.factories import steering_group
from mandat.notifications import services
from mandat.notifications.feeds import feed_url
from mandat.notifications.models import Message
from mandat.notifications.selectors import (
    is_personal_link,
    text_without_personal_links,
)
from mandat.notifications.services import calendar_feed_create
from mandat.trainings import services as trainings
from mandat.trainings.models import Invitation
from mandat.trainings.tests.factories import OccasionFactory, TrainingFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def sent(organisation, coordinator, django_capture_on_commit_callbacks):
    """Invitations, an approval request and an evaluation, as queued."""
    people = [PersonFactory(organisation=organisation) for _ in range(2)]
    occasion = OccasionFactory(training=TrainingFactory(organisation=organisation))
    group = steering_group(organisation, members=3)
    questionnaire = evaluations.questionnaire_create(
        actor=coordinator, organisation=organisation, title="Enkät"
    )
    evaluations.questionnaire_set_status(
        actor=coordinator, questionnaire=questionnaire, status="open"
    )
    with django_capture_on_commit_callbacks(execute=True):
        trainings.invitation_send(
            actor=coordinator, training=occasion.training, people=people
        )
        approval = meetings.approval_request_create(
            actor=coordinator,
            group=group,
            title="Årsrapport",
            deadline=timezone.now() + datetime.timedelta(days=7),
            upload=SimpleUploadedFile("rapport.pdf", b"%PDF-1.7 rapport"),
        )
        evaluations.questionnaire_send(
            actor=coordinator, questionnaire=questionnaire, people=people
        )
    tokens = (
        list(Invitation.objects.values_list("token", flat=True))
        + list(approval.answers.values_list("token", flat=True))
        + list(Recipient.objects.values_list("token", flat=True))
    )
    return tokens


def test_the_outbox_never_shows_a_recipients_personal_link(
    coordinator_client, organisation, sent
):
    messages = list(Message.objects.all())
    assert {m.event for m in messages} >= {
        "trainings.invitation",
        "meetings.approval_request",
        "evaluations.request",
    }
    assert all(any(t in m.body_text for t in sent) for m in messages)

    for message in messages:
        page = coordinator_client.get(
            reverse(
                "notifications:message-detail", args=[organisation.slug, message.pk]
            )
        )
        content = page.content.decode()

        assert page.status_code == 200
        assert not [token for token in sent if token in content]
        assert "[personlig länk]" in content


def test_a_link_in_a_coordinators_own_subject_is_left_out_and_never_shown(
    coordinator_client, organisation, coordinator, django_capture_on_commit_callbacks
):
    services.message_template_save(
        actor=None,
        organisation=organisation,
        event="trainings.invitation",
        language="sv",
        subject="Anmäl dig här: {{ link }}",
        body="Hej {{ person.first_name }}, {{ link }}",
    )
    occasion = OccasionFactory(training=TrainingFactory(organisation=organisation))
    with django_capture_on_commit_callbacks(execute=True):
        trainings.invitation_send(
            actor=coordinator,
            training=occasion.training,
            people=[PersonFactory(organisation=organisation)],
        )
    token = Invitation.objects.get().token
    # Subjects are shown and searched in the outbox: a search could guess a
    # token letter by letter, so the link is not put in a subject at all.
    assert token not in Message.objects.get().subject
    assert token in Message.objects.get().body_text

    outbox = coordinator_client.get(
        reverse("notifications:outbox", args=[organisation.slug])
    )
    detail = coordinator_client.get(
        reverse(
            "notifications:message-detail",
            args=[organisation.slug, Message.objects.get().pk],
        )
    )

    assert token not in outbox.content.decode()
    assert token not in detail.content.decode()


def _public_pages_with_a_key():
    """Every address of Mandat that opens without logging in and takes a key
    in the address, found in the resolver: each is a personal link."""
    found = []

    def walk(patterns, namespace=""):
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else ""
                walk(pattern.url_patterns, inner or namespace)
                continue
            converters = pattern.pattern.converters
            # Numbers and the organisation's short name are no key.
            keys = {
                name
                for name, converter in converters.items()
                if not isinstance(converter, IntConverter)
            } - {"org_slug", "slug"}
            public = getattr(pattern.callback, "login_required", True) is False
            if keys and public and pattern.name:
                samples = {
                    name: 1 if isinstance(converter, IntConverter) else "abc123"
                    for name, converter in converters.items()
                }
                found.append(reverse(f"{namespace}{pattern.name}", kwargs=samples))

    walk(get_resolver().url_patterns)
    return found


def test_every_kind_of_personal_link_is_recognised_and_other_links_are_kept(
    organisation,
):
    site = settings.SITE_URL
    feed = calendar_feed_create(
        actor=None, person=PersonFactory(organisation=organisation)
    )
    personal = [
        site + reverse("trainings:personal", args=["abc123"]),
        site + reverse("meetings:approval-answer", args=["abc123"]),
        site + reverse("meetings:approval-answer-document", args=["abc123"]),
        site + reverse("evaluations:answer", args=["abc123"]),
        feed_url(feed),
        "webcal:" + feed_url(feed).split(":", 1)[1],
        site + "/accounts/any-future-page/?token=abc123",
        *[site + path for path in _public_pages_with_a_key()],
    ]
    kept = [
        site + reverse("trainings:my-trainings", args=[organisation.slug]),
        site + reverse("core:accessibility"),
        "https://teams.microsoft.com/l/meetup-join/19%3ameeting",
    ]
    text = "\n".join(f"Länk: {address}." for address in personal + kept)

    masked = text_without_personal_links(text)

    assert len(personal) > 10
    assert [address for address in personal if is_personal_link(address)] == personal
    assert not [address for address in kept if is_personal_link(address)]
    assert feed.token not in masked and "abc123" not in masked
    for address in kept:
        assert f"Länk: {address}." in masked
    assert masked.count("Länk: [personlig länk].") == len(personal)
