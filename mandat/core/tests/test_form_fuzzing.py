"""Property-based fuzzing of the meeting, approval, evaluation, audit and
outbox forms: whatever is posted or put in the address, the answer is a page
or a redirect, never a server error, and no control or bidi override
character is stored."""

import pytest
from django.test import Client
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mandat.evaluations import services as evaluations
from mandat.meetings import services as meetings
from mandat.meetings.models import AgendaItem, Meeting
from mandat.meetings.tests.factories import at, hold, steering_group

pytestmark = pytest.mark.django_db

ODD = [
    "",
    "\x00",
    "a\x00b",
    "\u202eevil\u202c",
    "\u2066x\u2069",
    "9999-12-31",
    "0001-01-01",
    "2027-02-30",
    "99999",
    "-1",
    "1e9",
    "²",
    "٣",
    "2027-03-03",
    "13:30",
    "25:61",
    "https://teams.example/x",
    "javascript:alert(1)",
    "<script>alert(1)</script>",
    "x" * 5001,
    "approved",
    "objected",
    "decision",
    "information",
    "present",
    "1",
    "0",
]
values = st.sampled_from(ODD) | st.text(max_size=30)

# Field names of each form (with its prefix), posted with odd values.
FORMS = {
    "group-edit": ["notice_days", "quorum_rule", "default_meeting_url", "reports_to"],
    "member-add": [
        "member-person",
        "member-role",
        "member-party",
        "member-starts_on",
        "member-ends_on",
    ],
    "participant-add": ["participant-person", "participant-affiliation"],
    "host-turn-set": ["year", "host", "note"],
    "meeting-create": ["day", "starts", "ends", "location", "meeting_url", "host"],
    "meeting-term": ["dates", "starts", "ends", "location"],
    "commission-create": ["reference", "decided_on", "title", "text"],
    "approval-create": ["title", "minutes_of", "plan", "deadline", "message"],
    "meeting-edit": ["day", "starts", "ends", "location", "meeting_url"],
    "meeting-cancel": ["reason"],
    "attendance": ["serving_chair", "preset"],
    "item-create": ["title", "kind", "presenter", "notes", "decision", "trainings"],
    "action-create": [
        "action-what",
        "action-owner",
        "action-owner_label",
        "action-due_on",
        "action-item",
    ],
    "question-create": [
        "question-kind",
        "question-text",
        "question-choices",
        "question-required",
    ],
    "questionnaire-detail": ["title", "introduction", "reminder_days", "open_days"],
    "questionnaire-status": ["status"],
}


GROUP_FORMS = {
    "group-edit",
    "member-add",
    "participant-add",
    "host-turn-set",
    "meeting-create",
    "meeting-term",
    "commission-create",
    "approval-create",
}


@pytest.fixture
def world(organisation, coordinator):
    group = steering_group(organisation, members=3)
    meeting = meetings.meeting_create(
        actor=coordinator,
        group=group,
        starts_at=at("2026-11-03", "13:30"),
        ends_at=at("2026-11-03", "14:30"),
    )
    hold(meeting)
    questionnaire = evaluations.questionnaire_create(
        actor=coordinator, organisation=organisation, title="Enkät"
    )
    return {"group": group, "meeting": meeting, "questionnaire": questionnaire}


def _url(name: str, organisation, world) -> str:
    slug = organisation.slug
    if name.startswith("question"):
        return reverse(f"evaluations:{name}", args=[slug, world["questionnaire"].pk])
    if name in GROUP_FORMS:
        return reverse(f"meetings:{name}", args=[slug, world["group"].pk])
    return reverse(f"meetings:{name}", args=[slug, world["meeting"].pk])


@settings(
    max_examples=300,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(
    name=st.sampled_from(sorted(FORMS)),
    data=st.data(),
)
def test_any_input_to_a_form_gives_a_page_or_a_redirect(
    coordinator, organisation, world, name, data
):
    fields = FORMS[name]
    posted = data.draw(
        st.dictionaries(st.sampled_from(fields), values, max_size=len(fields))
    )
    client = Client()
    client.force_login(coordinator)

    response = client.post(_url(name, organisation, world), posted)

    assert response.status_code in (200, 302, 400, 403, 404), response.status_code
    for item in AgendaItem.objects.all():
        for text in (item.title, item.notes, item.decision):
            assert "\x00" not in text and "\u202e" not in text
    for meeting in Meeting.objects.all():
        assert "\x00" not in meeting.location


@settings(
    max_examples=150,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(
    page=st.sampled_from(
        ["core:audit-list", "notifications:outbox", "knowledge:film-list"]
    ),
    query=st.dictionaries(
        st.sampled_from(
            [
                "q",
                "object_type",
                "actor",
                "action",
                "date_from",
                "date_to",
                "page",
                "status",
                "event",
                "year",
                "topic",
                "training",
            ]
        ),
        values,
        max_size=6,
    ),
)
def test_any_filter_of_the_audit_trail_outbox_and_films_gives_a_page(
    administrator, organisation, page, query
):
    client = Client()
    client.force_login(administrator)

    response = client.get(reverse(page, args=[organisation.slug]), query)

    assert response.status_code == 200
