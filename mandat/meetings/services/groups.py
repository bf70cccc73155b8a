"""Groups: their settings, members, regular participants and hosts."""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from mandat.core.exceptions import ApplicationError
from mandat.core.models import Organisation
from mandat.core.services import diff, snapshot
from mandat.directory.models import Body
from mandat.directory.services import body_create

from ..models import GroupParticipant, HostTurn, MeetingGroup
from ..models.groups import GROUP_KINDS
from .common import Action, audit

GROUP_FIELDS = (
    "notice_days",
    "quorum_rule",
    "default_location",
    "default_meeting_url",
    "remote_label",
    "minutes_kind",
    "reports_to",
)


@transaction.atomic
def group_create(
    *,
    actor,
    organisation: Organisation,
    name: str,
    kind: str,
    body: Body | None = None,
    **settings,
) -> MeetingGroup:
    """Create a group, with a new body of ``kind`` named ``name`` unless an
    existing ``body`` is given."""
    if kind not in GROUP_KINDS:
        raise ApplicationError(_("Choose steering group, network or other group."))
    if body is None:
        if Body.objects.filter(organisation=organisation, name__iexact=name).exists():
            raise ApplicationError(
                _("A body with this name exists already."), field="name"
            )
        body = body_create(organisation=organisation, name=name, kind=kind)
    settings.setdefault(
        "minutes_kind",
        MeetingGroup.MinutesKind.FORMAL
        if body.is_statutory
        else MeetingGroup.MinutesKind.NOTES,
    )
    group = MeetingGroup(organisation=organisation, body=body, **settings)
    try:
        group.full_clean()
    except ValidationError as error:
        raise ApplicationError(" ".join(error.messages)) from error
    group.save()
    audit(actor, group, Action.CREATE, changes=diff({}, snapshot(group, GROUP_FIELDS)))
    return group


@transaction.atomic
def group_update(*, actor, group: MeetingGroup, **fields) -> MeetingGroup:
    """Change a group's settings."""
    before = snapshot(group, GROUP_FIELDS)
    for name, value in fields.items():
        setattr(group, name, value)
    group.save()
    audit(
        actor, group, Action.UPDATE, changes=diff(before, snapshot(group, GROUP_FIELDS))
    )
    return group


@transaction.atomic
def participant_add(
    *,
    actor,
    group: MeetingGroup,
    person,
    affiliation: str = "",
    is_secretary: bool = False,
    starts_on: datetime.date | None = None,
) -> GroupParticipant:
    """Make ``person`` a regular participant of ``group``."""
    if person.organisation_id != group.organisation_id:
        raise ApplicationError(_("The person must be in this organisation."))
    participant, created = GroupParticipant.objects.get_or_create(
        group=group,
        person=person,
        defaults={
            "affiliation": affiliation,
            "is_secretary": is_secretary,
            "starts_on": starts_on or datetime.date.today(),
        },
    )
    if not created:
        raise ApplicationError(
            _("%(name)s is a participant already.") % {"name": person.full_name},
            field="person",
        )
    audit(
        actor,
        group,
        Action.UPDATE,
        message=_("participant added: %(person)s") % {"person": person},
    )
    return participant


@transaction.atomic
def participant_end(
    *, actor, participant: GroupParticipant, ends_on: datetime.date | None = None
) -> None:
    """End a regular participation; past minutes keep the person."""
    participant.ends_on = ends_on or datetime.date.today()
    participant.save(update_fields=["ends_on"])
    audit(
        actor,
        participant.group,
        Action.UPDATE,
        message=_("participant ended: %(person)s") % {"person": participant.person},
    )


@transaction.atomic
def host_turn_set(
    *, actor, group: MeetingGroup, year: int, host: str, note: str = ""
) -> HostTurn | None:
    """Plan or change which member organisation hosts ``year``; an empty
    ``host`` removes the turn."""
    host = host.strip()
    if not 2000 <= year <= 2100:
        raise ApplicationError(_("Give a year between 2000 and 2100."), field="year")
    if not host:
        HostTurn.objects.filter(group=group, year=year).delete()
        audit(
            actor,
            group,
            Action.UPDATE,
            message=_("host %(year)s removed") % {"year": year},
        )
        return None
    turn, _created = HostTurn.objects.update_or_create(
        group=group, year=year, defaults={"host": host, "note": note}
    )
    audit(
        actor,
        group,
        Action.UPDATE,
        message=_("host %(year)s: %(host)s") % {"year": year, "host": host},
    )
    return turn


def host_for(group: MeetingGroup, day: datetime.date) -> str:
    """The host planned for the year of ``day``, or empty."""
    turn = group.host_turns.filter(year=day.year).first()
    return turn.host if turn else ""
