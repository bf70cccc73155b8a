"""What needs the coordinator's attention now, each with the one action that
resolves it: the overview page's list. A fixed number of queries."""

import datetime
from dataclasses import dataclass

from django.conf import settings
from django.db.models import Exists, OuterRef
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from mandat.core.figures import whole_percent
from mandat.core.queries import count_of
from mandat.evaluations.models import Questionnaire, Recipient
from mandat.meetings.models import ActionItem, Meeting
from mandat.trainings.models import (
    Invitation,
    InvitationBatch,
    Occasion,
    Registration,
    Training,
)

from .selectors import budget_status


@dataclass(frozen=True)
class Attention:
    kind: str
    text: str
    action: str
    url: str


def attention_list(*, organisation) -> list[Attention]:
    slug = organisation.slug
    now = timezone.now()
    today = timezone.localdate()
    items: list[Attention] = []

    # Occasions under their minimum, with the deadline near or passed.
    occasions = (
        Occasion.objects.filter(
            organisation=organisation,
            status=Occasion.Status.PLANNED,
            minimum_participants__isnull=False,
            registration_deadline__lte=now + datetime.timedelta(days=7),
            starts_at__gt=now,
        )
        .annotate(
            registered=count_of(
                Registration, "occasion", status=Registration.Status.REGISTERED
            )
        )
        .select_related("training")
        .order_by("starts_at")
    )
    for occasion in occasions:
        if occasion.registered >= occasion.minimum_participants:
            continue
        items.append(
            Attention(
                kind="minimum",
                text=_(
                    "%(training)s on %(day)s: %(count)s registered, minimum "
                    "%(minimum)s."
                )
                % {
                    "training": occasion.training.title,
                    "day": f"{timezone.localdate(occasion.starts_at):%Y-%m-%d}",
                    "count": occasion.registered,
                    "minimum": occasion.minimum_participants,
                },
                action=_("Decide: hold or cancel"),
                url=reverse("trainings:occasion-decide", args=[slug, occasion.pk]),
            )
        )

    # Invitations a week old that almost no one has answered.
    # Counted per training by subqueries: a Count over the join of both
    # would multiply every invitation by every registration.
    trainings = _open_and_sent_a_week_ago(
        Training, InvitationBatch, "training", organisation=organisation, now=now
    ).annotate(
        invited=count_of(Invitation, "training"),
        answered=count_of(
            Registration.objects.exclude(status=Registration.Status.CANCELLED),
            "training",
        ),
    )
    for training in trainings:
        if training.invited and training.answered * 10 < training.invited:
            items.append(
                Attention(
                    kind="invitations",
                    text=_(
                        "%(training)s: %(answered)s of %(invited)s invited have "
                        "registered after a week."
                    )
                    % {
                        "training": training.title,
                        "answered": training.answered,
                        "invited": training.invited,
                    },
                    action=_("Invite again or widen the target group"),
                    url=reverse("trainings:invite", args=[slug, training.pk]),
                )
            )

    # Open evaluations under the response-rate target a week after sending.
    target = getattr(settings, "EVALUATION_RESPONSE_TARGET", 50)
    questionnaires = _open_and_sent_a_week_ago(
        Questionnaire, Recipient, "questionnaire", organisation=organisation, now=now
    ).annotate(
        asked=count_of(Recipient, "questionnaire"),
        answered=count_of(Recipient, "questionnaire", has_answered=True),
    )
    for questionnaire in questionnaires:
        rate = whole_percent(questionnaire.answered, questionnaire.asked)
        if rate is not None and rate < target:  # asked is never 0 here
            items.append(
                Attention(
                    kind="evaluation",
                    text=_(
                        "%(title)s: response rate %(rate)s %%, the target is "
                        "%(target)s %%."
                    )
                    % {"title": questionnaire.title, "rate": rate, "target": target},
                    action=_("See who was asked and send to more"),
                    url=reverse(
                        "evaluations:questionnaire-detail",
                        args=[slug, questionnaire.pk],
                    ),
                )
            )

    # Minutes not written, or written and not approved.
    meetings = (
        Meeting.objects.filter(
            organisation=organisation,
            status=Meeting.Status.HELD,
            ends_at__lte=now - datetime.timedelta(days=3),
        )
        .exclude(minutes_status=Meeting.Minutes.APPROVED)
        .select_related("group__body")
    )
    for meeting in meetings.order_by("starts_at"):
        day = f"{timezone.localdate(meeting.starts_at):%Y-%m-%d}"
        if meeting.minutes_status == Meeting.Minutes.DRAFT:
            items.append(
                Attention(
                    kind="minutes",
                    text=_("The minutes of %(group)s %(day)s are not finalised.")
                    % {"group": meeting.group.body.name, "day": day},
                    action=_("Write and finalise the minutes"),
                    url=reverse("meetings:minutes", args=[slug, meeting.pk]),
                )
            )
        else:
            items.append(
                Attention(
                    kind="minutes",
                    text=_("The minutes of %(group)s %(day)s are not yet approved.")
                    % {"group": meeting.group.body.name, "day": day},
                    action=_("Send for approval by e-mail"),
                    url=reverse(
                        "meetings:approval-create", args=[slug, meeting.group_id]
                    )
                    + f"?minutes={meeting.pk}",
                )
            )

    # Action items past their due date.
    overdue = ActionItem.objects.filter(
        organisation=organisation, status=ActionItem.Status.OPEN, due_on__lt=today
    ).select_related("owner", "meeting")
    for action in overdue.order_by("due_on"):
        items.append(
            Attention(
                kind="action",
                text=_("%(what)s (%(who)s) was due %(day)s.")
                % {"what": action.what, "who": action.owner_name, "day": action.due_on},
                action=_("Follow it up at the meeting"),
                url=reverse("meetings:meeting-detail", args=[slug, action.meeting_id]),
            )
        )

    # Costs over budget this year.
    for status in budget_status(organisation=organisation, year=today.year):
        if status.over:
            items.append(
                Attention(
                    kind="budget",
                    text=_("The training costs are %(over)s kr over the budget.")
                    % {"over": f"{status.over_by:,}".replace(",", "\u00a0")},
                    action=_("See the costs"),
                    url=reverse("reports:cost-list", args=[slug])
                    + f"?year={today.year}",
                )
            )
    return items


def _open_and_sent_a_week_ago(model, sent, link: str, *, organisation, now):
    """The organisation's open trainings (or questionnaires) of which
    something (``sent``: an invitation batch, a recipient) went out a week
    ago or more."""
    return model.objects.filter(
        Exists(
            sent.objects.filter(
                **{link: OuterRef("pk")},
                sent_at__lte=now - datetime.timedelta(days=7),
            )
        ),
        organisation=organisation,
        status=model.Status.OPEN,
    )
