"""The training pages as the coordinator, a course leader and an elected
official use them."""

import datetime
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from mandat.core.access import Role
from mandat.directory.tests.factories import MandatePeriodFactory, PersonFactory
from mandat.notifications.models import Message
from mandat.testing.pdfs import is_pdf_a, needs_pdf
from mandat.trainings import services
from mandat.trainings.models import (
    Contributor,
    PlanItem,
    Registration,
    SessionAttendance,
    Training,
)

from .factories import (
    InvitationFactory,
    OccasionFactory,
    RegistrationFactory,
    TrainingFactory,
    later,
)

pytestmark = pytest.mark.django_db


def test_the_coordinator_creates_a_training_with_an_occasion(
    coordinator_client, organisation
):
    slug = organisation.slug
    response = coordinator_client.post(
        reverse("trainings:training-create", args=[slug]),
        {
            "title": "Presidieutbildning",
            "description": "Att leda möten.",
            "reminder_days_before": 3,
        },
    )
    training = Training.objects.get(title="Presidieutbildning")
    assert response["Location"] == reverse(
        "trainings:occasion-create", args=[slug, training.pk]
    )
    day = (datetime.date.today() + datetime.timedelta(days=40)).isoformat()
    deadline = (datetime.date.today() + datetime.timedelta(days=30)).isoformat()

    response = coordinator_client.post(
        reverse("trainings:occasion-create", args=[slug, training.pk]),
        {
            "label": "Vår",
            "format": "on_site",
            "location": "Vargö, Stadshuset",
            "capacity": "2",
            "minimum_participants": "2",
            "registration_deadline": deadline,
            "session_1_label": "Förmiddag",
            "session_1_date": day,
            "session_1_start": "09:00",
            "session_1_end": "12:00",
            "session_2_label": "Eftermiddag",
            "session_2_date": day,
            "session_2_start": "13:00",
            "session_2_end": "16:00",
        },
    )

    assert response.status_code == 302
    occasion = training.occasions.get()
    assert [s.label for s in occasion.sessions.all()] == ["Förmiddag", "Eftermiddag"]
    assert occasion.capacity == 2 and occasion.minimum_participants == 2
    assert occasion.hours == 6.0


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"session_1_end": "08:00"}, "session_1_end"),
        ({"capacity": "-3"}, "capacity"),
        ({"registration_deadline": "2099-01-01"}, "registration_deadline"),
        ({"session_1_date": ""}, "session_1_date"),
    ],
)
def test_bad_occasion_input_is_explained_next_to_the_field(
    coordinator_client, organisation, change, field
):
    training = TrainingFactory(organisation=organisation)
    day = (datetime.date.today() + datetime.timedelta(days=40)).isoformat()
    data = {
        "format": "on_site",
        "session_1_date": day,
        "session_1_start": "09:00",
        "session_1_end": "12:00",
        **change,
    }

    response = coordinator_client.post(
        reverse("trainings:occasion-create", args=[organisation.slug, training.pk]),
        data,
    )

    assert response.status_code == 200
    assert field in response.context["form"].errors
    assert not training.occasions.exists()


def test_an_executable_or_an_oversized_document_is_refused(
    coordinator_client, organisation, settings
):
    training = TrainingFactory(organisation=organisation)
    url = reverse("trainings:document-upload", args=[organisation.slug, training.pk])

    program = coordinator_client.post(
        url,
        {
            "title": "Program",
            "file": SimpleUploadedFile("program.pdf", b"MZ\x90\x00rest"),
        },
    )
    settings.DOCUMENT_MAX_BYTES = 1024
    big = coordinator_client.post(
        url,
        {
            "title": "Stor",
            "file": SimpleUploadedFile("stor.pdf", b"%PDF-" + b"x" * 4096),
        },
    )
    settings.DOCUMENT_MAX_BYTES = 20 * 1024 * 1024
    good = coordinator_client.post(
        url,
        {"title": "Program", "file": SimpleUploadedFile("program.pdf", b"%PDF-1.7 ok")},
    )

    assert program.status_code == 400
    assert "file" in program.context["document_form"].errors
    assert big.status_code == 400
    assert good.status_code == 302
    assert training.documents.get().content_type == "application/pdf"


def test_the_personal_link_registers_its_person_without_logging_in(
    client, organisation
):
    occasion = OccasionFactory(training__organisation=organisation, capacity=5)
    invitation = InvitationFactory(
        training=occasion.training, person__first_name="Elin"
    )
    url = reverse("trainings:personal", args=[invitation.token])

    page = client.get(url)
    response = client.post(
        url,
        {
            "action": "register",
            "occasion": occasion.pk,
            "dietary_needs": "Vegetarisk",
            "accessibility_needs": "",
        },
    )

    assert page.status_code == 200
    assert response.status_code == 302
    registration = Registration.objects.get()
    assert registration.person == invitation.person
    assert registration.dietary_needs == "Vegetarisk"
    assert registration.invitation == invitation


def test_a_forwarded_link_cannot_register_anyone_else(client, organisation):
    occasion = OccasionFactory(training__organisation=organisation)
    invitation = InvitationFactory(training=occasion.training)
    stranger = PersonFactory(organisation=organisation)
    url = reverse("trainings:personal", args=[invitation.token])

    client.post(
        url, {"action": "register", "occasion": occasion.pk, "person": stranger.pk}
    )

    assert not Registration.objects.filter(person=stranger).exists()
    assert Registration.objects.get().person == invitation.person


def test_an_unknown_link_is_not_found(client):
    assert (
        client.get(reverse("trainings:personal", args=["gissning"])).status_code == 404
    )


def test_the_official_sees_their_trainings_history_and_calendar_feed(
    client, organisation, make_user
):
    user = make_user(Role.ELECTED, organisation)
    person = PersonFactory(organisation=organisation, account=user)
    past = OccasionFactory(
        training__organisation=organisation,
        training__title="Grundutbildning",
        starts_at=later(-30),
        ends_at=later(-30, 12),
    )
    registration = RegistrationFactory(occasion=past, person=person)
    SessionAttendance.objects.create(
        registration=registration, session=past.sessions.get(), status="attended"
    )
    coming = OccasionFactory(
        training__organisation=organisation, training__title="Presidieutbildning"
    )
    RegistrationFactory(occasion=coming, person=person)
    client.force_login(user)
    url = reverse("trainings:my-trainings", args=[organisation.slug])

    page = client.get(url)
    client.post(
        reverse("trainings:my-feed", args=[organisation.slug]), {"action": "create"}
    )
    feed_url = client.get(url).context["feed_url"]
    feed = Client().get(feed_url.replace("http://127.0.0.1:8000", ""))

    assert page.context["history"][0]["completed"] is True
    assert page.context["hours_total"] == 3.0
    assert [r.occasion for r in page.context["upcoming"]] == [coming]
    assert feed.status_code == 200
    assert feed["Content-Type"].startswith("text/calendar")
    assert b"Presidieutbildning" in feed.content and b"Grundutbildning" in feed.content

    client.post(
        reverse("trainings:my-feed", args=[organisation.slug]), {"action": "revoke"}
    )
    assert (
        Client().get(feed_url.replace("http://127.0.0.1:8000", "")).status_code == 404
    )


def test_check_in_marks_attendance_and_the_course_leader_may_do_it(
    client, organisation, make_user
):
    occasion = OccasionFactory(training__organisation=organisation)
    registration = RegistrationFactory(occasion=occasion)
    leader_user = make_user(Role.COURSE_LEADER, organisation)
    leader = PersonFactory(organisation=organisation, account=leader_user)
    Contributor.objects.create(occasion=occasion, person=leader, role="course_leader")
    other_leader = make_user(Role.COURSE_LEADER, organisation)
    session = occasion.sessions.get()
    url = reverse("trainings:checkin", args=[organisation.slug, occasion.pk])
    mark = reverse("trainings:checkin-mark", args=[organisation.slug, occasion.pk])

    client.force_login(other_leader)
    assert client.get(url).status_code == 403
    client.force_login(leader_user)
    assert client.get(url).status_code == 200
    response = client.post(
        mark,
        {"registration": registration.pk, "session": session.pk, "status": "attended"},
        HTTP_HX_REQUEST="true",
    )

    assert response.status_code == 200
    assert 'aria-pressed="true"' in response.content.decode()
    assert SessionAttendance.objects.get().status == "attended"


@needs_pdf
def test_participants_export_with_needs_and_a_sign_in_sheet_pdf(
    coordinator_client, organisation
):
    occasion = OccasionFactory(training__organisation=organisation)
    RegistrationFactory(
        occasion=occasion,
        person__first_name="Åke",
        person__last_name="Öst",
        dietary_needs="Glutenfri",
    )
    url = reverse("trainings:participants", args=[organisation.slug, occasion.pk])

    sheet = load_workbook(
        io.BytesIO(coordinator_client.get(url, {"export": "xlsx"}).content)
    ).active
    pdf = coordinator_client.get(url, {"export": "pdf"})

    rows = list(sheet.iter_rows(values_only=True))
    assert rows[1][1:3] == ("Öst", "Åke")
    assert "Glutenfri" in rows[1]
    assert pdf["Content-Type"] == "application/pdf"
    assert pdf.content.startswith(b"%PDF-")
    assert is_pdf_a(pdf.content)


@needs_pdf
def test_the_plan_is_laid_out_by_year_and_exports(
    coordinator_client, organisation, coordinator
):
    period = MandatePeriodFactory(organisation=organisation)
    plan = services.plan_create(
        actor=coordinator,
        organisation=organisation,
        period=period,
        title="Utbildningsplan 2026–2030",
    )
    item = services.plan_item_save(
        actor=coordinator,
        plan=plan,
        year=1,
        month=2,
        title="Grundutbildning",
        responsible=PlanItem.Responsible.COUNCIL,
        filmed=True,
    )
    TrainingFactory(
        organisation=organisation, plan_item=item, title="Grundutbildning februari"
    )
    url = reverse("trainings:plan-detail", args=[organisation.slug, plan.pk])

    page = coordinator_client.get(url)
    sheet = load_workbook(
        io.BytesIO(coordinator_client.get(url, {"export": "xlsx"}).content)
    ).active
    pdf = coordinator_client.get(url, {"export": "pdf"})

    assert page.context["years"][0]["items"] == [item]
    assert "Grundutbildning februari" in page.content.decode()
    assert list(sheet.iter_rows(values_only=True))[1][2] == "Grundutbildning"
    assert is_pdf_a(pdf.content)


@pytest.mark.parametrize(
    "name",
    ["trainings:training-list", "trainings:training-detail", "trainings:participants"],
)
def test_training_pages_run_the_same_number_of_queries_at_any_size(
    coordinator_client, organisation, name, django_assert_max_num_queries
):
    training = TrainingFactory(organisation=organisation)
    occasion = OccasionFactory(training=training)

    def grow(n):
        for _ in range(n):
            extra = OccasionFactory(training=TrainingFactory(organisation=organisation))
            RegistrationFactory(occasion=extra)
            RegistrationFactory(occasion=occasion)
            InvitationFactory(training=training)

    args = {
        "trainings:training-list": [organisation.slug],
        "trainings:training-detail": [organisation.slug, training.pk],
        "trainings:participants": [organisation.slug, occasion.pk],
    }[name]
    url = reverse(name, args=args)
    grow(2)
    with CaptureQueriesContext(connection) as small:
        assert coordinator_client.get(url).status_code == 200
    grow(25)
    with django_assert_max_num_queries(len(small.captured_queries)):
        assert coordinator_client.get(url).status_code == 200


def test_the_outbox_lists_messages_and_serves_their_calendar_files(
    coordinator_client, organisation, django_capture_on_commit_callbacks
):
    occasion = OccasionFactory(training__organisation=organisation)
    invitation = InvitationFactory(training=occasion.training)
    with django_capture_on_commit_callbacks(execute=True):
        services.registration_create(
            actor=None, occasion=occasion, person=invitation.person
        )
    message = Message.objects.get(event="trainings.registration_confirmed")
    outbox = reverse("notifications:outbox", args=[organisation.slug])

    page = coordinator_client.get(outbox)
    calendar = coordinator_client.get(
        reverse("notifications:message-calendar", args=[organisation.slug, message.pk])
    )

    assert message in page.context["page"].object_list
    assert (
        message.status == "sent" or Message.objects.get(pk=message.pk).status == "sent"
    )
    assert calendar["Content-Type"].startswith("text/calendar")
    assert b"METHOD:REQUEST" in calendar.content


def test_editing_a_plan_item_is_in_the_audit_trail(
    coordinator_client, organisation, coordinator
):
    from mandat.core.models import AuditEntry

    plan = services.plan_create(
        actor=coordinator,
        organisation=organisation,
        period=MandatePeriodFactory(organisation=organisation),
        title="Plan",
    )
    item = services.plan_item_save(
        actor=coordinator, plan=plan, year=1, title="Grundutbildning", responsible="kf"
    )
    url = reverse(
        "trainings:plan-item-edit", args=[organisation.slug, plan.pk, item.pk]
    )

    coordinator_client.post(
        url,
        {"year": 1, "title": "Grundutbildning", "responsible": "kf", "status": "done"},
    )

    entry = AuditEntry.objects.filter(
        object_type="trainings.planitem", action="update"
    ).get()
    assert entry.changes["status"] == ["Planerad", "Genomförd"]


def test_check_in_with_made_up_ids_is_not_found(coordinator_client, organisation):
    occasion = OccasionFactory(training__organisation=organisation)
    url = reverse("trainings:checkin-mark", args=[organisation.slug, occasion.pk])

    response = coordinator_client.post(url, {"registration": "x", "session": "'1"})

    assert response.status_code == 404


def test_an_absurd_number_of_places_is_refused_next_to_the_field(
    coordinator_client, organisation
):
    training = TrainingFactory(organisation=organisation)
    day = (datetime.date.today() + datetime.timedelta(days=40)).isoformat()

    response = coordinator_client.post(
        reverse("trainings:occasion-create", args=[organisation.slug, training.pk]),
        {
            "format": "on_site",
            "capacity": "99999999999999999999",
            "session_1_date": day,
            "session_1_start": "09:00",
            "session_1_end": "12:00",
        },
    )

    assert response.status_code == 200
    assert "capacity" in response.context["form"].errors
