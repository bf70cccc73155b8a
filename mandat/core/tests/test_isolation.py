"""Organisations never see each other's data.

The test walks every address under /o/<org>/ that the URL configuration has,
so a page added later is covered without anyone remembering to add it; a page
with an object id it does not know how to fill in fails the test until it is
taught here."""

import datetime
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.signals import request_finished
from django.db import close_old_connections
from django.urls import URLPattern, URLResolver, get_resolver
from django.utils import timezone

from mandat.accounts.models import Membership, Role
from mandat.directory.models import ImportJob
from mandat.directory.tests.factories import (
    AssignmentFactory,
    BodyFactory,
    MandatePeriodFactory,
)
from mandat.evaluations import services as evaluation_services
from mandat.evaluations.models import Answer, Response
from mandat.knowledge.models import Film, HandbookPage, HandbookSection
from mandat.meetings import services as meeting_services
from mandat.meetings.models import ApprovalRequest, MeetingDocument, MeetingGroup
from mandat.notifications.models import Message
from mandat.reports.models import CostLine
from mandat.trainings.models import (
    Contributor,
    PlanItem,
    TrainingDocument,
    TrainingPlan,
)
from mandat.trainings.services import target_rule_add
from mandat.trainings.tests.factories import (
    InvitationFactory,
    OccasionFactory,
    RegistrationFactory,
)

pytestmark = pytest.mark.django_db


def fetch(client, method: str, url: str) -> int:
    response = getattr(client, method)(url)
    # A file download holds its file open until the response is closed; as
    # the test client does, keep the close from ending the test's connection.
    request_finished.disconnect(close_old_connections)
    try:
        response.close()
    finally:
        request_finished.connect(close_old_connections)
    return response.status_code


# Address parts that name no object of an organisation.
NOT_OBJECTS = {"org_slug", "event", "number"}


def org_routes():
    """Yield (route, kwarg names) of every URL pattern below /o/<org_slug>/."""

    def walk(patterns, prefix):
        for entry in patterns:
            route = prefix + str(entry.pattern)
            if isinstance(entry, URLResolver):
                yield from walk(entry.url_patterns, route)
            elif isinstance(entry, URLPattern):
                names = list(entry.pattern.regex.groupindex)
                if "org_slug" in names or "<slug:org_slug>" in route:
                    yield route, entry

    yield from walk(get_resolver().url_patterns, "")


def build_url(route: str, values: dict) -> str:
    def fill(match):
        name = match.group(2)
        if name not in values:
            raise AssertionError(
                f"The isolation test does not know how to fill <{name}> in {route}; "
                "add an object of that kind to `objects_of` in this test."
            )
        return str(values[name])

    return "/" + re.sub(r"<(?:(\w+):)?(\w+)>", fill, route)


def objects_of(organisation, user) -> dict:
    """One object of every kind the organisation's pages address by id."""
    assignment = AssignmentFactory(
        person__organisation=organisation,
        body=BodyFactory(organisation=organisation),
    )
    person = assignment.person
    person.account = user
    person.save()
    job = ImportJob.objects.create(
        organisation=organisation, filename="x.csv", content=b"", created_by=user
    )
    membership = Membership.objects.filter(user=user, organisation=organisation).first()
    plan = TrainingPlan.objects.create(
        organisation=organisation,
        period=MandatePeriodFactory(organisation=organisation),
        title="Plan",
    )
    item = PlanItem.objects.create(plan=plan, year=1, title="Punkt", responsible="kf")
    occasion = OccasionFactory(training__organisation=organisation)
    training = occasion.training
    invitation = InvitationFactory(training=training, person=person)
    registration = RegistrationFactory(
        occasion=occasion, person=person, invitation=invitation
    )
    contributor = Contributor.objects.create(
        occasion=occasion, person=person, role="course_leader"
    )
    document = TrainingDocument.objects.create(
        training=training,
        title="Program",
        file=SimpleUploadedFile("program.pdf", b"%PDF-1.7"),
        content_type="application/pdf",
        size=8,
    )
    rule = target_rule_add(actor=user, training=training, kind="all_elected")
    message = Message.objects.create(
        organisation=organisation,
        event="trainings.reminder",
        dedupe_key=f"isolation:{organisation.pk}",
        to_email="a@example.se",
        subject="Påminnelse",
        body_text="Hej",
        calendar="BEGIN:VCALENDAR\r\nMETHOD:REQUEST\r\nEND:VCALENDAR\r\n",
    )
    group = MeetingGroup.objects.create(
        organisation=organisation,
        body=BodyFactory(organisation=organisation, kind="styrgrupp"),
    )
    participant = meeting_services.participant_add(
        actor=user, group=group, person=person, is_secretary=True
    )
    meeting = meeting_services.meeting_create(
        actor=user,
        group=group,
        starts_at=timezone.now() + datetime.timedelta(days=3),
        ends_at=timezone.now() + datetime.timedelta(days=3, hours=2),
    )
    agenda_item = meeting.items.first()
    meeting_document = MeetingDocument.objects.create(
        meeting=meeting,
        title="Handling",
        file=SimpleUploadedFile("handling.pdf", b"%PDF-1.7"),
        content_type="application/pdf",
        size=8,
    )
    action = meeting_services.action_item_create(
        actor=user, meeting=meeting, what="Boka lokal", owner=person
    )
    commission = meeting_services.commission_create(
        actor=user,
        group=group,
        reference="KS 2026-01-01 § 1",
        decided_on=datetime.date(2026, 1, 1),
        title="Uppdrag",
        text="Text",
    )
    approval = ApprovalRequest.objects.create(
        organisation=organisation,
        group=group,
        title="Plan",
        plan=plan,
        deadline=timezone.now() + datetime.timedelta(days=7),
    )
    questionnaire = evaluation_services.questionnaire_create(
        actor=user, organisation=organisation, title="Enkät"
    )
    question = questionnaire.questions.first()
    response = Response.objects.create(
        questionnaire=questionnaire, submitted_on=datetime.date(2026, 1, 1)
    )
    free_text = Answer.objects.create(
        response=response,
        question=questionnaire.questions.filter(kind="text").first(),
        text="Mer om budget",
    )
    cost = CostLine.objects.create(
        organisation=organisation,
        training=training,
        category="venue",
        amount=1000,
        incurred_on=datetime.date(2026, 1, 1),
    )
    film = Film.objects.create(
        organisation=organisation,
        title="Film",
        video_url="https://video.example/1",
        captions_url="https://video.example/1.vtt",
        status="published",
    )
    page = HandbookPage.objects.create(
        section=HandbookSection.objects.create(organisation=organisation, title="A"),
        title="Sida",
        body="Text",
    )
    return {
        "film_id": film.pk,
        "page_id": page.pk,
        "cost_id": cost.pk,
        "questionnaire_id": questionnaire.pk,
        "question_id": question.pk,
        "answer_id": free_text.pk,
        "group_id": group.pk,
        "participant_id": participant.pk,
        "assignment_id": assignment.pk,
        "meeting_id": meeting.pk,
        "agenda_item_id": agenda_item.pk,
        "meeting_document_id": meeting_document.pk,
        "action_id": action.pk,
        "commission_id": commission.pk,
        "approval_id": approval.pk,
        "org_slug": organisation.slug,
        "person_id": assignment.person_id,
        "body_id": assignment.body_id,
        "job_id": job.pk,
        "membership_id": membership.pk,
        "plan_id": plan.pk,
        "item_id": item.pk,
        "training_id": training.pk,
        "occasion_id": occasion.pk,
        "registration_id": registration.pk,
        "contributor_id": contributor.pk,
        "document_id": document.pk,
        "rule_id": rule.pk,
        "message_id": message.pk,
        "number": 1,
        "event": "trainings.reminder",
    }


def test_every_page_and_object_of_one_organisation_is_hidden_from_another(
    client, make_user, organisation, other_organisation
):
    ours = make_user(Role.ADMINISTRATOR, organisation)
    theirs = make_user(Role.ADMINISTRATOR, other_organisation)
    Membership.objects.create(
        user=theirs, organisation=other_organisation, role=Role.COORDINATOR
    )
    our_objects = objects_of(organisation, ours)
    their_objects = objects_of(other_organisation, theirs)
    routes = list(org_routes())
    assert len(routes) >= 10

    leaks = []
    client.force_login(theirs)
    for route, pattern in routes:
        # Our organisation's address, as a user of the other organisation.
        url = build_url(route, our_objects)
        for method in ("get", "post"):
            status = fetch(client, method, url)
            if status != 404:
                leaks.append(
                    f"{method.upper()} {url} as the other organisation: {status}"
                )
        # The other organisation's own address with our objects' ids in it.
        if set(pattern.pattern.regex.groupindex) - NOT_OBJECTS:
            mixed = build_url(
                route, {**our_objects, "org_slug": their_objects["org_slug"]}
            )
            status = fetch(client, "get", mixed)
            if status not in (404, 405):
                leaks.append(f"GET {mixed} (our ids, their organisation): {status}")
    assert leaks == []

    client.force_login(ours)
    for route, _pattern in routes:
        url = build_url(route, our_objects)
        assert fetch(client, "get", url) in (200, 302, 405), url
