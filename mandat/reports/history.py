"""Recording a past year from a spreadsheet: the trainings held, their
occasions, who was invited, who declined, who registered and who came, one
row per person and occasion, as the coordinator's Excel lists of earlier
years hold them. All or none: every bad row is reported and nothing is
written until the whole file is right."""

import datetime
from dataclasses import dataclass, field
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from mandat.core.exceptions import ApplicationError
from mandat.core.models import AuditEntry
from mandat.core.services import audit_record
from mandat.directory.imports import FileProblem, cell_date, cell_text, read_rows
from mandat.directory.imports import message_text as file_message
from mandat.directory.models import Person
from mandat.directory.selectors import PersonMatcher
from mandat.evaluations.services import history_recipients_record
from mandat.trainings.models import (
    Invitation,
    Occasion,
    PlanItem,
    Registration,
    SessionAttendance,
    Training,
)
from mandat.trainings.services import (
    SessionInput,
    attendance_record,
    occasion_create,
    registration_create,
    training_create,
)

# The columns, by the words a header may use (letter case and å/ä/ö aside).
COLUMNS = {
    "training": ("utbildning", "training", "kurs"),
    "date": ("datum", "date", "dag"),
    "starts": ("start", "börjar", "starts", "från"),
    "ends": ("slut", "slutar", "ends", "till"),
    "label": ("tillfälle", "occasion"),
    "location": ("plats", "lokal", "location", "place"),
    "plan_item": ("planpunkt", "plan item", "i planen"),
    "person": ("namn", "name", "deltagare", "person"),
    "email": ("e-post", "epost", "e-postadress", "email", "e-mail"),
    "answer": ("svar", "närvaro", "answer", "attendance"),
    "evaluation": ("utvärdering", "evaluation"),
}
# Whether the person answered the evaluation (empty: not asked).
EVALUATION = {
    True: ("besvarad", "svarade", "ja", "answered"),
    False: ("ej besvarad", "obesvarad", "svarade inte", "nej", "not answered"),
}
# What happened, by the words the answer column may hold.
ANSWERS = {
    "attended": ("deltog", "närvarande", "ja", "x", "attended", ""),
    "partly": ("delvis", "partly"),
    "absent": ("frånvarande", "uteblev", "absent", "anmäld men kom inte"),
    "registered": ("anmäld", "registered"),
    "declined": ("tackade nej", "avböjde", "nej", "declined"),
    "invited": ("inbjuden", "inget svar", "invited", "no answer"),
}
TEMPLATE_HEADERS = [
    "Utbildning",
    "Datum",
    "Start",
    "Slut",
    "Tillfälle",
    "Plats",
    "Planpunkt",
    "Namn",
    "E-post",
    "Svar",
    "Utvärdering",
]
ANSWER_HELP = gettext_lazy(
    "Svar: deltog (the default), delvis, frånvarande, anmäld, tackade nej or inbjuden."
)


def _fold(text: str) -> str:
    return " ".join(str(text).casefold().split())


@dataclass
class _Row:
    number: int
    training: str
    day: datetime.date
    starts: datetime.time
    ends: datetime.time
    label: str
    location: str
    plan_item: PlanItem | None
    person: Person
    answer: str
    evaluated: bool | None


@dataclass
class HistoryResult:
    """What recording a past year wrote."""

    trainings: int = 0
    occasions: int = 0
    invited: int = 0
    registered: int = 0
    declined: int = 0
    attended: int = 0
    evaluated: int = 0
    years: list[int] = field(default_factory=list)


def _time(value, default: datetime.time) -> datetime.time:
    if isinstance(value, datetime.time):
        return value
    if isinstance(value, datetime.datetime):
        return value.time()
    text = cell_text(value).replace(".", ":")
    if not text:
        return default
    return datetime.time.fromisoformat(text.zfill(5) if len(text) == 4 else text)


def _parse(*, organisation, user, rows: list[list]) -> tuple[list[_Row], list[str]]:
    header, *data = rows
    names = [_fold(cell_text(cell)) for cell in header]
    where = {
        key: names.index(word)
        for key, words in COLUMNS.items()
        for word in words
        if word in names
    }
    missing = [
        word
        for key, word in (("training", "Utbildning"), ("date", "Datum"))
        if key not in where
    ]
    if "person" not in where and "email" not in where:
        missing.append("Namn / E-post")
    if missing:
        return [], [
            _("The file has no column %(columns)s.") % {"columns": ", ".join(missing)}
        ]
    matcher = PersonMatcher(organisation=organisation, user=user)
    items = {
        _fold(item.title): item
        for item in PlanItem.objects.filter(plan__organisation=organisation)
    }
    answers = {_fold(w): key for key, words in ANSWERS.items() for w in words}
    parsed, errors = [], []

    def cell(values, key):
        index = where.get(key)
        return values[index] if index is not None and index < len(values) else None

    for number, values in enumerate(data, start=2):
        problems = []
        title = " ".join(cell_text(cell(values, "training")).split())[:200]
        if not title:
            problems.append(_("the training has no title"))
        day: datetime.date | None
        starts: datetime.time | None
        ends: datetime.time | None
        try:
            day = cell_date(cell(values, "date"))
        except ValueError:
            day = None
            problems.append(
                _("“%(value)s” is not a date (write 2025-03-12)")
                % {"value": cell_text(cell(values, "date"))[:40]}
            )
        try:
            starts = _time(cell(values, "starts"), datetime.time(9))
            ends = _time(cell(values, "ends"), datetime.time(16))
            if ends <= starts:
                problems.append(_("it ends before it starts"))
        except ValueError:
            starts = ends = None
            problems.append(_("a time is not a time (write 13:30)"))
        item_text = cell_text(cell(values, "plan_item"))
        item = items.get(_fold(item_text)) if item_text else None
        if item_text and item is None:
            problems.append(
                _("the plan has no item “%(title)s”") % {"title": item_text[:80]}
            )
        who = " ".join(
            cell_text(cell(values, key)) for key in ("person", "email")
        ).strip()
        found = matcher.match(who) if who else []
        if len(found) != 1:
            problems.append(
                matcher.problem(found, who).rstrip(".")
                if who
                else _("no name or e-mail address")
            )
        answer = answers.get(_fold(cell_text(cell(values, "answer"))))
        if answer is None:
            problems.append(
                _("“%(value)s” is not an answer: %(help)s")
                % {"value": cell_text(cell(values, "answer"))[:40], "help": ANSWER_HELP}
            )
        evaluation_text = _fold(cell_text(cell(values, "evaluation")))
        evaluated = next(
            (key for key, words in EVALUATION.items() if evaluation_text in words),
            None,
        )
        if evaluation_text and evaluated is None:
            problems.append(
                _("“%(value)s” is not an evaluation answer: besvarad or ej besvarad")
                % {"value": cell_text(cell(values, "evaluation"))[:40]}
            )
        if evaluated is not None and answer in ("declined", "invited", "absent"):
            problems.append(_("only those who came can evaluate"))
        if problems:
            errors.append(
                _("Row %(number)s: %(problems)s.")
                % {"number": number, "problems": "; ".join(problems)}
            )
            continue
        # Each of them missing added a problem above.
        assert day is not None and starts is not None and ends is not None
        assert answer is not None
        parsed.append(
            _Row(
                number=number,
                training=title,
                day=day,
                starts=starts,
                ends=ends,
                label=cell_text(cell(values, "label"))[:60],
                location=cell_text(cell(values, "location"))[:300],
                plan_item=item,
                person=found[0],
                answer=answer,
                evaluated=evaluated,
            )
        )
    if not parsed and not errors:
        errors.append(_("The file has no rows under its header."))
    return parsed, errors


@transaction.atomic
def history_import(
    *, actor, organisation, filename: str, content: bytes
) -> HistoryResult:
    """Record the trainings of past years from a spreadsheet, all or none.

    A training is found by its title among those with an occasion in the
    same year, or made (held, in the plan when the row names a plan item);
    an occasion by its training, day and start, or made (held, one session);
    then each row's person is invited and, as the answer says, declined,
    registered, and marked attended, partly or absent at every session.
    Nothing is sent: the days are gone. Raises ApplicationError with every
    bad row in ``extra["rows"]``."""
    try:
        rows = read_rows(filename, content)
    except FileProblem as problem:
        raise ApplicationError(
            file_message(problem.problem.code, problem.problem.params), field="file"
        ) from problem
    parsed, errors = _parse(organisation=organisation, user=actor, rows=rows)
    today = timezone.localdate()
    errors += [
        _("Row %(number)s: %(day)s has not happened yet; plan it as a training.")
        % {"number": row.number, "day": row.day.isoformat()}
        for row in parsed
        if row.day >= today
    ]
    if errors:
        raise ApplicationError(
            _("Nothing was recorded: correct the file and upload it again."),
            field="file",
            extra={"rows": errors},
        )
    zone = ZoneInfo(settings.TIME_ZONE)
    result = HistoryResult()
    trainings: dict[tuple[str, int], Training] = {}
    occasions: dict[tuple[int, datetime.datetime], Occasion] = {}
    for row in parsed:
        key = (_fold(row.training), row.day.year)
        training = trainings.get(key) or (
            Training.objects.filter(
                organisation=organisation,
                title__iexact=row.training,
                occasions__starts_at__year=row.day.year,
            ).first()
        )
        if training is None:
            training = training_create(
                actor=actor,
                organisation=organisation,
                title=row.training,
                status=Training.Status.HELD,
                plan_item=row.plan_item,
            )
            result.trainings += 1
        trainings[key] = training
        starts_at = datetime.datetime.combine(row.day, row.starts, tzinfo=zone)
        occasion = occasions.get((training.pk, starts_at)) or (
            training.occasions.filter(starts_at=starts_at).first()
        )
        if occasion is None:
            occasion = occasion_create(
                actor=actor,
                training=training,
                sessions=[
                    SessionInput(
                        starts_at=starts_at,
                        ends_at=datetime.datetime.combine(
                            row.day, row.ends, tzinfo=zone
                        ),
                    )
                ],
                label=row.label,
                location=row.location,
                status=Occasion.Status.HELD,
            )
            result.occasions += 1
        occasions[(training.pk, starts_at)] = occasion
        try:
            _record(actor, organisation, training, occasion, row, result)
        except ApplicationError as error:
            # Found only while writing (the person registered for another
            # occasion of the training): the transaction is undone.
            raise ApplicationError(
                _("Nothing was recorded: correct the file and upload it again."),
                field="file",
                extra={
                    "rows": [
                        _("Row %(number)s: %(problems)s.")
                        % {"number": row.number, "problems": error.message}
                    ]
                },
            ) from error
    evaluated: dict[int, tuple[Occasion, list[Person], list[Person]]] = {}
    for row in parsed:
        if row.evaluated is None:
            continue
        starts_at = datetime.datetime.combine(row.day, row.starts, tzinfo=zone)
        training = trainings[(_fold(row.training), row.day.year)]
        occasion = occasions[(training.pk, starts_at)]
        _occasion, answered, not_answered = evaluated.setdefault(
            occasion.pk, (occasion, [], [])
        )
        (answered if row.evaluated else not_answered).append(row.person)
    for occasion, answered, not_answered in evaluated.values():
        history_recipients_record(
            occasion=occasion, answered=answered, not_answered=not_answered
        )
        result.evaluated += len(answered) + len(not_answered)
    result.years = sorted({row.day.year for row in parsed})
    return result


def _record(actor, organisation, training, occasion, row, result) -> None:
    invitation, created = Invitation.objects.get_or_create(
        training=training,
        person=row.person,
        defaults={"organisation": organisation},
    )
    if created:
        result.invited += 1
        audit_record(
            actor=actor,
            organisation=organisation,
            action=AuditEntry.Action.CREATE,
            instance=invitation,
            message=_("recorded afterwards"),
        )
    if row.answer == "invited":
        return
    if row.answer == "declined":
        Invitation.objects.filter(pk=invitation.pk).update(
            declined_at=datetime.datetime.combine(
                row.day, row.starts, tzinfo=ZoneInfo(settings.TIME_ZONE)
            )
        )
        result.declined += 1
        return
    registration = registration_create(
        actor=actor,
        occasion=occasion,
        person=row.person,
        invitation=invitation,
        on_behalf=True,
    )
    result.registered += 1
    status = {
        "attended": SessionAttendance.Status.ATTENDED,
        "partly": SessionAttendance.Status.PARTLY,
        "absent": SessionAttendance.Status.ABSENT,
    }.get(row.answer)
    if status is None or registration.status != Registration.Status.REGISTERED:
        return
    for session in occasion.sessions.all():
        attendance_record(
            actor=actor, registration=registration, session=session, status=status
        )
    if status != SessionAttendance.Status.ABSENT:
        result.attended += 1
