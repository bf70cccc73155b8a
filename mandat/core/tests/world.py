"""A world to test the permissions and the input handling of every page
in: two organisations, each with one account per identity of the permission
table and one object of every kind its addresses name; and a way to fetch
addresses as those accounts without one request changing what the next sees."""

import datetime
import re

from django.conf import settings
from django.core.cache import caches
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.signals import request_finished
from django.db import close_old_connections, transaction
from django.utils import timezone

from mandat.accounts.models import Membership, User
from mandat.api.services import api_token_create
from mandat.core.access import Role
from mandat.core.tests.factories import OrganisationFactory
from mandat.directory.models import AssignmentRole, BodyKind, ImportJob, Person
from mandat.directory.tests.factories import (
    AssignmentFactory,
    BodyFactory,
    MandatePeriodFactory,
    PersonFactory,
)
from mandat.evaluations import services as evaluation_services
from mandat.evaluations.models import Answer, Recipient, Response
from mandat.knowledge.models import Film, HandbookPage, HandbookSection
from mandat.meetings import services as meeting_services
from mandat.meetings.models import MeetingDocument, MeetingGroup
from mandat.notifications.models import CalendarFeed, Message
from mandat.reports.models import CostLine
from mandat.trainings.models import Contributor, PlanItem, TrainingDocument
from mandat.trainings.models import TrainingPlan as Plan
from mandat.trainings.services import target_rule_add
from mandat.trainings.tests.factories import (
    InvitationFactory,
    OccasionFactory,
    RegistrationFactory,
    TrainingFactory,
)

PASSWORD = "Matris-lösenord-2026"
FORGED_TOKEN = "forged-0123456789abcdef"


def build_world(slug: str, name: str) -> dict:
    """Create an organisation with one account per identity of the table and
    one object of every kind its addresses name; return the accounts and the
    values for the addresses' parts."""
    organisation = OrganisationFactory(name=name, slug=slug)
    committee = BodyFactory(organisation=organisation, name=f"Socialnämnden {slug}")
    other_committee = BodyFactory(
        organisation=organisation, name=f"Kulturnämnden {slug}"
    )
    steering = BodyFactory(
        organisation=organisation,
        name=f"Styrgruppen {slug}",
        kind=BodyKind.STEERING_GROUP,
        is_statutory=False,
    )

    def account(name, role, *, body=None, person=None):
        user = User.objects.create_user(
            email=f"{name}.{slug}@matris.example", password=PASSWORD
        )
        Membership.objects.create(
            user=user, organisation=organisation, role=role, body=body
        )
        if person is not None:
            Person.objects.filter(pk=person.pk).update(account=user)
        return user

    elected_person = AssignmentFactory(
        person__organisation=organisation, body=committee
    ).person
    steering_person = AssignmentFactory(
        person__organisation=organisation, body=steering, role=AssignmentRole.MEMBER
    ).person
    leader_person = PersonFactory(organisation=organisation, kind=Person.Kind.EXTERNAL)
    official_person = PersonFactory(
        organisation=organisation, kind=Person.Kind.OFFICIAL, title="Förvaltningschef"
    )
    secretary = Role.COMMITTEE_SECRETARY
    users = {
        "administrator": account("administrator", Role.ADMINISTRATOR),
        "coordinator": account("coordinator", Role.COORDINATOR),
        "secretary": account("secretary", secretary, body=committee),
        "secretary_other": account("secretary_other", secretary, body=other_committee),
        "steering_member": account(
            "steering_member", Role.STEERING_MEMBER, person=steering_person
        ),
        "elected": account("elected", Role.ELECTED, person=elected_person),
        "course_leader": account(
            "course_leader", Role.COURSE_LEADER, person=leader_person
        ),
        "official": account("official", Role.OFFICIAL, person=official_person),
    }
    actor = users["coordinator"]

    job = ImportJob.objects.create(
        organisation=organisation, filename="x.csv", content=b"", created_by=actor
    )
    plan = Plan.objects.create(
        organisation=organisation,
        period=MandatePeriodFactory(organisation=organisation),
        title="Plan",
    )
    item = PlanItem.objects.create(plan=plan, year=1, title="Punkt", responsible="kf")
    training = TrainingFactory(organisation=organisation, responsible_body=committee)
    occasion = OccasionFactory(training=training)
    invitation = InvitationFactory(training=training, person=elected_person)
    registration = RegistrationFactory(
        occasion=occasion, person=elected_person, invitation=invitation
    )
    contributor = Contributor.objects.create(
        occasion=occasion, person=leader_person, role="course_leader"
    )
    document = TrainingDocument.objects.create(
        training=training,
        title="Program",
        file=SimpleUploadedFile("program.pdf", b"%PDF-1.7"),
        content_type="application/pdf",
        size=8,
    )
    rule = target_rule_add(actor=actor, training=training, kind="all_elected")
    message = Message.objects.create(
        organisation=organisation,
        event="trainings.reminder",
        dedupe_key=f"matrix:{slug}",
        to_email="a@example.se",
        subject="Påminnelse",
        body_text="Hej",
        calendar="BEGIN:VCALENDAR\r\nMETHOD:REQUEST\r\nEND:VCALENDAR\r\n",
    )
    group = MeetingGroup.objects.create(organisation=organisation, body=steering)
    participant = meeting_services.participant_add(
        actor=actor, group=group, person=official_person
    )
    meeting = meeting_services.meeting_create(
        actor=actor,
        group=group,
        starts_at=timezone.now() + datetime.timedelta(days=3),
        ends_at=timezone.now() + datetime.timedelta(days=3, hours=2),
    )
    meeting_document = MeetingDocument.objects.create(
        meeting=meeting,
        title="Handling",
        file=SimpleUploadedFile("handling.pdf", b"%PDF-1.7"),
        content_type="application/pdf",
        size=8,
    )
    action = meeting_services.action_item_create(
        actor=actor, meeting=meeting, what="Boka lokal", owner=steering_person
    )
    commission = meeting_services.commission_create(
        actor=actor,
        group=group,
        reference="KS 2026-01-01 § 1",
        decided_on=datetime.date(2026, 1, 1),
        title="Uppdrag",
        text="Text",
    )
    approval = meeting_services.approval_request_create(
        actor=actor,
        group=group,
        title="Plan",
        plan=plan,
        deadline=timezone.now() + datetime.timedelta(days=7),
    )
    questionnaire = evaluation_services.questionnaire_create(
        actor=actor, organisation=organisation, title="Enkät", training=training
    )
    questionnaire.status = "open"
    questionnaire.save(update_fields=["status"])
    recipient = Recipient.objects.create(
        questionnaire=questionnaire,
        person=elected_person,
        occasion=occasion,
        closes_at=timezone.now() + datetime.timedelta(days=14),
    )
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
        video_url="https://www.youtube.com/watch?v=abcdefghijk",
        captions_url="https://video.example/1.vtt",
        status="published",
        visibility=Film.Visibility.PUBLIC,
    )
    page = HandbookPage.objects.create(
        section=HandbookSection.objects.create(organisation=organisation, title="A"),
        title="Sida",
        body="Text",
    )
    feed = CalendarFeed.objects.create(person=elected_person)
    api_token, _secret = api_token_create(
        actor=None, organisation=organisation, name="Registret", scope="read"
    )
    values = {
        "org_slug": organisation.slug,
        "slug": organisation.slug,
        "person_id": elected_person.pk,
        "body_id": committee.pk,
        "party_id": elected_person.assignments.get().party_id,
        "period_id": plan.period_id,
        "job_id": job.pk,
        "membership_id": Membership.objects.get(user=users["official"]).pk,
        "user_id": users["official"].pk,
        "plan_id": plan.pk,
        "item_id": item.pk,
        "training_id": training.pk,
        "occasion_id": occasion.pk,
        "registration_id": registration.pk,
        "contributor_id": contributor.pk,
        "document_id": document.pk,
        "rule_id": rule.pk,
        "target_group_id": rule.group_id,
        "message_id": message.pk,
        "group_id": group.pk,
        "participant_id": participant.pk,
        "assignment_id": steering_person.assignments.get().pk,
        "meeting_id": meeting.pk,
        "agenda_item_id": meeting.items.first().pk,
        "meeting_document_id": meeting_document.pk,
        "action_id": action.pk,
        "commission_id": commission.pk,
        "approval_id": approval.pk,
        "questionnaire_id": questionnaire.pk,
        "question_id": questionnaire.questions.first().pk,
        "answer_id": free_text.pk,
        "cost_id": cost.pk,
        "film_id": film.pk,
        "page_id": page.pk,
        "event": "trainings.reminder",
        "token_id": api_token.pk,
        # The REST API's addresses (a router's regular expressions).
        "pk": training.pk,
        "year": 2026,
        "rest": "v0/no-such-address/",
        # Personal links, keyed by the name of their address.
        "trainings:personal": invitation.token,
        "trainings:personal-calendar": invitation.token,
        "meetings:approval-answer": approval.answers.get(person=steering_person).token,
        "meetings:approval-answer-document": approval.answers.get(
            person=steering_person
        ).token,
        "evaluations:answer": recipient.token,
        "notifications:feed": feed.token,
    }
    return {"organisation": organisation, "users": users, "values": values}


# The addresses ----------------------------------------------------------------------


def admin_object_id(route: str) -> str:
    """The pk of an object of the model an admin address names, or 0."""
    from django.apps import apps

    parts = route.split("/")
    try:
        model = apps.get_model(parts[1], parts[2])
    except (LookupError, IndexError, ValueError):
        return "0"
    first = model._default_manager.order_by("pk").first()
    return str(first.pk) if first else "0"


def build_url(key: str, route: str, values: dict) -> str:
    """Return the address of ``route`` with its parts filled from ``values``."""

    def fill(name):
        if name == "token":
            # A link whose token the world does not make is tried forged.
            return values.get(key, FORGED_TOKEN)
        if name in ("object_id", "id"):
            return admin_object_id(route)
        if name == "content_type_id":
            return "1"
        if name == "app_label":
            return "accounts"
        if name == "url":  # the admin's catch-all
            return "no-such-page/"
        if name not in values:
            raise AssertionError(
                f"The permission matrix does not know how to fill <{name}> in "
                f"{route}; add an object of that kind to `build_world`."
            )
        return str(values[name])

    if (
        "(?P<" in route or "^" in route
    ):  # a regular expression (the admin's, a router's)
        return "/" + re.sub(
            r"\(\?P<(\w+)>[^)]*\)", lambda m: fill(m[1]), route
        ).replace("^", "").replace("$", "")
    return "/" + re.sub(r"<(?:\w+:)?(\w+)>", lambda m: fill(m[1]), route)


class Prober:
    """Fetches addresses as identities, each request in a rolled-back
    savepoint, and counts what it did."""

    def __init__(self, client):
        self.client = client
        self.sessions: dict[str, str] = {}
        self.count = 0

    def log_in(self, name: str, user) -> None:
        self.client.cookies.clear()
        if user is not None:
            self.client.force_login(user)
            self.sessions[name] = self.client.cookies[
                settings.SESSION_COOKIE_NAME
            ].value
        else:
            self.sessions[name] = ""

    def fetch(self, identity: str, method: str, url: str, data=None) -> int:
        """Return the status of ``method`` ``url`` (with ``data`` as its query
        or form) as ``identity``; what the request changed is rolled back."""
        return self.response(identity, method, url, data).status_code

    def response(self, identity: str, method: str, url: str, data=None):
        """Return the response (its content read) of a request as in ``fetch``."""
        self.client.cookies.clear()
        if self.sessions[identity]:
            self.client.cookies[settings.SESSION_COOKIE_NAME] = self.sessions[identity]
        caches["default"].clear()
        self.count += 1
        with transaction.atomic():
            try:
                response = getattr(self.client, method.lower())(url, data or {})
                if response.streaming:
                    b"".join(response.streaming_content)
                # A file download holds its file open until it is closed; as
                # the test client does, keep the close from ending the
                # test's database connection.
                request_finished.disconnect(close_old_connections)
                try:
                    response.close()
                finally:
                    request_finished.connect(close_old_connections)
            finally:
                transaction.set_rollback(True)
        return response


def keep_files(monkeypatch) -> None:
    """Keep uploaded files when a request deletes them: the request's
    database changes are rolled back, but a deleted file would stay deleted
    and the next request would find a row without its file."""
    from django.core.files.storage import FileSystemStorage

    monkeypatch.setattr(FileSystemStorage, "delete", lambda self, name: None)
