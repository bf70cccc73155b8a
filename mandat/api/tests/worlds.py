"""Records of the second part of the API for a test to find: a steering
group with a held meeting whose minutes are finalised and one whose minutes
are a draft, a questionnaire, a training plan with an item."""

import datetime
from dataclasses import dataclass

from mandat.directory.models import AssignmentRole, BodyKind
from mandat.directory.tests.factories import (
    AssignmentFactory,
    BodyFactory,
    MandatePeriodFactory,
    PersonFactory,
)
from mandat.evaluations import services as evaluations
from mandat.evaluations.models import Questionnaire
from mandat.meetings import services as meetings
from mandat.meetings.models import ActionItem, AgendaItem, Meeting, MeetingGroup
from mandat.meetings.tests.factories import at, hold
from mandat.trainings import services as trainings
from mandat.trainings.models import PlanItem, TrainingPlan


@dataclass
class Meetings:
    group: MeetingGroup
    finalised: Meeting
    draft: Meeting
    item: AgendaItem
    draft_item: AgendaItem
    action: ActionItem
    draft_action: ActionItem


def steering_group(organisation) -> MeetingGroup:
    """A steering group of a chair, a vice chair and a member (parties from
    the factories' sequence, so it lives beside other assignments)."""
    body = BodyFactory(
        organisation=organisation,
        name="Styrgruppen för politikerutbildning",
        kind=BodyKind.STEERING_GROUP,
        is_statutory=False,
    )
    for role in (
        AssignmentRole.CHAIR,
        AssignmentRole.FIRST_VICE_CHAIR,
        AssignmentRole.MEMBER,
    ):
        AssignmentFactory(
            person=PersonFactory(organisation=organisation), body=body, role=role
        )
    return MeetingGroup.objects.create(organisation=organisation, body=body)


def _held_meeting(group, day: str, *, decision: str) -> tuple[Meeting, AgendaItem]:
    meeting = meetings.meeting_create(
        actor=None,
        group=group,
        starts_at=at(day, "13:30"),
        ends_at=at(day, "14:30"),
        location="Lokal Vargö",
    )
    item = meetings.item_create(
        actor=None,
        meeting=meeting,
        title="Politikerhandboken",
        kind=AgendaItem.Kind.DECISION,
        notes="<p>Handboken kompletteras.</p>",
        decision=decision,
    )
    hold(meeting)
    return Meeting.objects.get(pk=meeting.pk), item


def meetings_world(organisation) -> Meetings:
    """A steering group's meeting with finalised minutes (a registry number,
    an action item) and a later one whose minutes are still a draft."""
    group = steering_group(organisation)
    finalised, item = _held_meeting(
        group, "2026-03-03", decision="Styrgruppen antar handboken."
    )
    action = meetings.action_item_create(
        actor=None,
        meeting=finalised,
        item=item,
        what="Mejla handboken till nämnderna",
        owner_label="Kansliet",
        due_on=datetime.date(2026, 4, 1),
    )
    meetings.minutes_finalise(
        actor=None, meeting=finalised, registry_number="KS 2026/117"
    )
    draft, draft_item = _held_meeting(
        group, "2026-05-05", decision="Hemligt utkast till beslut."
    )
    draft_action = meetings.action_item_create(
        actor=None, meeting=draft, what="Utkastets uppgift", owner_label="Kansliet"
    )
    return Meetings(
        group=group,
        finalised=Meeting.objects.get(pk=finalised.pk),
        draft=draft,
        item=item,
        draft_item=draft_item,
        action=action,
        draft_action=draft_action,
    )


def plan_world(organisation) -> tuple[TrainingPlan, PlanItem]:
    plan = trainings.plan_create(
        actor=None,
        organisation=organisation,
        period=MandatePeriodFactory(organisation=organisation),
        title="Utbildningsplan 2023–2026",
    )
    item = trainings.plan_item_save(
        actor=None,
        plan=plan,
        year=1,
        month=2,
        title="Introduktion för nya förtroendevalda",
        responsible="ks",
        is_basic=True,
    )
    return plan, item


def questionnaire_world(organisation):
    return evaluations.questionnaire_create(
        actor=None, organisation=organisation, title="Enkät om grundutbildningen"
    )


def answered_questionnaire(organisation) -> Questionnaire:
    """An open questionnaire sent to 16: 8 women, 6 men and one "other"
    answered, each with a free text."""
    questionnaire = questionnaire_world(organisation)
    evaluations.questionnaire_set_status(
        actor=None, questionnaire=questionnaire, status="open"
    )
    people = [PersonFactory(organisation=organisation) for _ in range(16)]
    evaluations.questionnaire_send(
        actor=None, questionnaire=questionnaire, people=people
    )
    questions = {q.position: q for q in questionnaire.questions.all()}
    grade, relevance, best, gender = (
        questions[10],
        questions[20],
        questions[30],
        questions[60],
    )
    answers = [(3, 0), (3, 0), (2, 0), (2, 0), (1, 0), (3, 0), (2, 0), (0, 0)]
    answers += [(2, 1), (2, 1), (3, 1), (1, 1), (2, 1), (2, 1), (0, 2)]
    tokens = questionnaire.recipients.order_by("id").values_list("token", flat=True)
    for token, (step, group) in zip(tokens, answers, strict=False):
        evaluations.response_submit(
            token=token,
            answers={
                grade.pk: step,
                relevance.pk: 3,
                best.pk: f"Fritext som pekar ut någon {step}{group}",
                gender.pk: group,
            },
        )
    return questionnaire
