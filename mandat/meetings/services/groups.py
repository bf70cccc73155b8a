"""Groups: their settings, members, regular participants and hosts."""

import datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from mandat.core.exceptions import ApplicationError
from mandat.core.models import Organisation
from mandat.core.services import (
    Actor,
    audit_created,
    audit_updated,
    changed,
    snapshot,
)
from mandat.directory.models import Assignment, Body, Party, Person
from mandat.directory.services import assignment_create, body_create, person_update

from ..models import GroupParticipant, HostTurn, Meeting, MeetingGroup, NetworkMember
from ..models.groups import GROUP_KINDS

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
    actor: Actor,
    organisation: Organisation,
    name: str,
    kind: str,
    body: Body | None = None,
    **settings: Any,
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
    audit_created(actor, group, GROUP_FIELDS)
    return group


@transaction.atomic
def group_update(*, actor: Actor, group: MeetingGroup, **fields: Any) -> MeetingGroup:
    """Change a group's settings."""
    before = snapshot(group, GROUP_FIELDS)
    for name, value in fields.items():
        setattr(group, name, value)
    group.save()
    audit_updated(actor, group, changed(before, group))
    return group


@transaction.atomic
def participant_add(
    *,
    actor: Actor,
    group: MeetingGroup,
    person: Person,
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
    audit_updated(
        actor, group, message=_("participant added: %(person)s") % {"person": person}
    )
    return participant


@transaction.atomic
def participant_end(
    *, actor: Actor, participant: GroupParticipant, ends_on: datetime.date | None = None
) -> None:
    """End a regular participation; past minutes keep the person."""
    participant.ends_on = ends_on or datetime.date.today()
    participant.save(update_fields=["ends_on"])
    audit_updated(
        actor,
        participant.group,
        message=_("participant ended: %(person)s") % {"person": participant.person},
    )


@transaction.atomic
def group_member_add(
    *,
    actor: Actor,
    group: MeetingGroup,
    person: Person,
    role: str,
    starts_on: datetime.date,
    ends_on: datetime.date | None = None,
    party: Party | None = None,
    home: NetworkMember | None = None,
) -> Assignment:
    """Give ``person`` a seat in the group; in a network, with their home
    organisation, one of the network's members (kept on the person, as the
    minutes show it: "Anna Berg (Kungsbacka)")."""
    if home is not None:
        if home.group_id != group.pk:
            raise ApplicationError(_("Choose one of the network's members."))
        if person.home_municipality != home.name:
            person_update(actor=actor, person=person, home_municipality=home.name)
    return assignment_create(
        actor=actor,
        person=person,
        body=group.body,
        role=role,
        party=party,
        starts_on=starts_on,
        ends_on=ends_on,
        substitute_order=1 if role == "ersattare" else None,
    )


@transaction.atomic
def network_member_add(
    *,
    actor: Actor,
    group: MeetingGroup,
    name: str,
    joined_on: datetime.date | None = None,
) -> NetworkMember:
    """Record a member organisation of a network."""
    name = " ".join(name.split())
    if not name:
        raise ApplicationError(_("Give the organisation's name."), field="name")
    if group.member_organisations.filter(name__iexact=name).exists():
        raise ApplicationError(
            _("%(name)s is a member already.") % {"name": name}, field="name"
        )
    member = NetworkMember.objects.create(group=group, name=name, joined_on=joined_on)
    audit_updated(
        actor, group, message=_("member organisation added: %(name)s") % {"name": name}
    )
    return member


@transaction.atomic
def host_turn_set(
    *, actor: Actor, group: MeetingGroup, year: int, host: str, note: str = ""
) -> HostTurn | None:
    """Plan or change which member organisation hosts ``year``; an empty
    ``host`` removes the turn. The earlier plan is kept, marked replaced,
    and the meetings planned in the year that had its host get the new
    one (a meeting that named another host for itself keeps it)."""
    host = " ".join(host.split())
    if not 2000 <= year <= 2100:
        raise ApplicationError(_("Give a year between 2000 and 2100."), field="year")
    members = list(group.member_organisations.values_list("name", flat=True))
    if host and members:
        match = next((m for m in members if m.casefold() == host.casefold()), None)
        if match is None:
            raise ApplicationError(
                _("%(name)s is not a member organisation of the network.")
                % {"name": host},
                field="host",
            )
        host = match
    group = MeetingGroup.objects.select_for_update().get(pk=group.pk)
    current = group.host_turns.filter(year=year, replaced_at__isnull=True).first()
    old = current.host if current else ""
    if old == host and (current is None or current.note == note):
        return current
    if current is not None:
        current.replaced_at = timezone.now()
        current.save(update_fields=["replaced_at"])
    turn = (
        HostTurn.objects.create(group=group, year=year, host=host, note=note)
        if host
        else None
    )
    moved = 0
    if old != host:
        moved = Meeting.objects.filter(
            group=group,
            starts_at__year=year,
            starts_at__gt=timezone.now(),
            status=Meeting.Status.PLANNED,
            host__in=[old, ""],
        ).update(host=host)
    audit_updated(
        actor,
        group,
        {f"host {year}": [old, host], "meetings planned": [None, moved]}
        if old != host
        else None,
        message=_("host %(year)s: %(host)s") % {"year": year, "host": host}
        if host
        else _("host %(year)s removed") % {"year": year},
    )
    return turn


def host_turn_for(group: MeetingGroup, day: datetime.date) -> str:
    """The host planned for the year of ``day``, or empty."""
    turn = group.host_turns.filter(year=day.year, replaced_at__isnull=True).first()
    return turn.host if turn else ""
