"""Attendance and the quorum rule."""

from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from mandat.core.exceptions import ApplicationError
from mandat.core.services import (
    Actor,
    audit_updated,
    changed,
    snapshot,
)
from mandat.directory.models import PRESIDIUM_ROLES, Person

from ..models import AgendaItem, Attendance, Meeting, QuorumRule
from ..selectors import attendance_expected
from .common import meeting_check_editable

Status = Attendance.Status
Capacity = Attendance.Capacity


@transaction.atomic
def attendance_prefill(*, meeting: Meeting) -> int:
    """Add a row for every member, substitute and regular participant on the
    meeting day who has none yet; return how many were added."""
    rows = attendance_expected(meeting=meeting)
    Attendance.objects.bulk_create(rows)
    return len(rows)


@dataclass(frozen=True)
class Quorum:
    quorate: bool
    members: int
    attending: int
    chair_present: bool
    reasons: tuple[str, ...]


def quorum_check(meeting: Meeting, attendances: list[Attendance]) -> Quorum:
    """Apply the group's quorum rule to the attendance: members present on
    site or remotely, and substitutes serving for absent members, count."""
    members = [row for row in attendances if row.capacity == Capacity.MEMBER]
    attending = sum(1 for row in members if row.attends) + sum(
        1
        for row in attendances
        if row.capacity == Capacity.SUBSTITUTE and row.attends and row.serving_for_id
    )
    chair_present = any(row.attends and row.role in PRESIDIUM_ROLES for row in members)
    rule = meeting.group.quorum_rule
    reasons = []
    if rule in (QuorumRule.CHAIR, QuorumRule.CHAIR_AND_MAJORITY) and not chair_present:
        reasons.append(_("Neither the chair nor a vice chair attends."))
    if rule in (QuorumRule.MAJORITY, QuorumRule.CHAIR_AND_MAJORITY) and not (
        attending * 2 > len(members)
    ):
        reasons.append(
            _("%(attending)s of %(members)s members attend; more than half must.")
            % {"attending": attending, "members": len(members)}
        )
    return Quorum(
        quorate=not reasons,
        members=len(members),
        attending=attending,
        chair_present=chair_present,
        reasons=tuple(reasons),
    )


@transaction.atomic
def attendance_record(
    *,
    actor: Actor,
    meeting: Meeting,
    statuses: dict[int, str],
    serving_for: dict[int, int | None],
    serving_chair: Person | None = None,
) -> Quorum:
    """Record who attended and how (``statuses``: person id → status), which
    substitute served for which member (``serving_for``: the substitute's
    person id → the member's), and who chaired; then apply the quorum rule.
    The rows of the day's members, substitutes and regular participants are
    saved here if they are not yet (the page shows them before). A meeting
    that is not quorate handles its items as information, so the attendance
    cannot change that way while decisions are recorded."""
    meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
    meeting_check_editable(meeting)
    attendance_prefill(meeting=meeting)
    rows = {row.pk: row for row in meeting.attendances.select_related("person")}
    by_person = {row.person_id: row for row in rows.values()}
    before = {pk: _attendance_shown(row, rows) for pk, row in rows.items()}
    before_meeting = snapshot(meeting, ("quorate", "serving_chair"))
    for person_id, status in statuses.items():
        if person_id not in by_person:
            raise ApplicationError(_("Unknown attendance row."))
        if status not in Status.values:
            raise ApplicationError(_("Unknown attendance status."))
        by_person[person_id].status = status
    for person_id, member_person_id in serving_for.items():
        if person_id not in by_person or (
            member_person_id and member_person_id not in by_person
        ):
            raise ApplicationError(_("Unknown attendance row."))
        member = by_person.get(member_person_id) if member_person_id else None
        by_person[person_id].serving_for_id = member.pk if member else None
    for row in rows.values():
        if not row.serving_for_id:
            continue
        member = rows.get(row.serving_for_id)
        if row.capacity != Capacity.SUBSTITUTE or member is None:
            raise ApplicationError(
                _("Only a substitute can serve for a member."),
                field=f"serving_for_{row.person_id}",
            )
        if member.capacity != Capacity.MEMBER or member.attends:
            raise ApplicationError(
                _("%(name)s attends, so no substitute can serve for them.")
                % {"name": member.person.full_name},
                field=f"serving_for_{row.person_id}",
            )
        if not row.attends:
            raise ApplicationError(
                _("%(name)s must attend to serve for a member.")
                % {"name": row.person.full_name},
                field=f"serving_for_{row.person_id}",
            )
    served = [row.serving_for_id for row in rows.values() if row.serving_for_id]
    if len(served) != len(set(served)):
        raise ApplicationError(_("Two substitutes cannot serve for the same member."))
    if serving_chair is not None:
        chair_row = next(
            (row for row in rows.values() if row.person_id == serving_chair.pk), None
        )
        if chair_row is None or not chair_row.attends:
            raise ApplicationError(
                _("The person chairing must attend the meeting."),
                field="serving_chair",
            )
    quorum = quorum_check(meeting, list(rows.values()))
    if (
        not quorum.quorate
        and meeting.items.filter(kind=AgendaItem.Kind.DECISION)
        .exclude(decision="")
        .exists()
    ):
        raise ApplicationError(
            _(
                "With this attendance the meeting is not quorate, but decisions "
                "are recorded. Remove the decisions first."
            )
        )
    Attendance.objects.bulk_update(list(rows.values()), ["status", "serving_for"])
    meeting.quorate = quorum.quorate
    meeting.serving_chair = serving_chair
    # Absences announced ahead are recorded on a meeting still to come; only
    # a meeting that has begun is held.
    if (
        meeting.status != Meeting.Status.CANCELLED
        and meeting.starts_at <= timezone.now()
    ):
        meeting.status = Meeting.Status.HELD
    meeting.save(update_fields=["quorate", "serving_chair", "status", "updated_at"])
    # Who attended and how, old and new, by name; then the quorum and chair.
    changes: dict[str, list[object]] = {
        str(row.person): [before[pk], after]
        for pk, row in rows.items()
        if (after := _attendance_shown(row, rows)) != before[pk]
    }
    changes.update(changed(before_meeting, meeting))
    audit_updated(
        actor,
        meeting,
        changes,
        message=_("attendance recorded")
        if quorum.quorate
        else _("attendance recorded; not quorate: %(reasons)s")
        % {"reasons": " ".join(quorum.reasons)},
    )
    return quorum


def _attendance_shown(row: Attendance, rows: dict[int, Attendance]) -> str:
    """One person's attendance as the audit trail shows it."""
    shown = str(row.get_status_display())
    member = rows.get(row.serving_for_id) if row.serving_for_id else None
    if member is not None:
        shown = _("%(status)s, serving for %(name)s") % {
            "status": shown,
            "name": member.person,
        }
    return shown


@transaction.atomic
def attendance_add(
    *,
    actor: Actor,
    meeting: Meeting,
    person: Person,
    affiliation: str = "",
    status: str = "",
) -> Attendance:
    """Add someone who took part this once (a guest or a speaker)."""
    meeting_check_editable(meeting)
    if person.organisation_id != meeting.organisation_id:
        raise ApplicationError(_("The person must be in this organisation."))
    if meeting.attendances.filter(person=person).exists():
        raise ApplicationError(
            _("%(name)s is on the list already.") % {"name": person.full_name},
            field="person",
        )
    row = Attendance.objects.create(
        meeting=meeting,
        person=person,
        capacity=Capacity.PARTICIPANT,
        affiliation=affiliation,
        status=status or Status.PRESENT,
    )
    audit_updated(
        actor, meeting, message=_("participant added: %(person)s") % {"person": person}
    )
    return row
