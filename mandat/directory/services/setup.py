"""Writers for what the directory is built on: mandate periods, parties
and bodies."""

import datetime
from collections.abc import Callable, Iterable
from typing import Any, TypeVar

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Model
from django.utils.translation import gettext as _

from mandat.core.exceptions import ApplicationError
from mandat.core.models import Organisation
from mandat.core.services import Actor, audit_saved, diff, snapshot

from ..models import (
    KIND_DEFAULTS,
    Body,
    BodyKind,
    MandatePeriod,
    Party,
    ReportingCategory,
    TermRule,
)

M = TypeVar("M", bound=Model)
# What the directory is built on: each has an organisation and a name.
Setup = TypeVar("Setup", MandatePeriod, Party, Body)


def validated(instance: M) -> M:
    """Return ``instance`` after its model checks, a failing check raised as
    an ApplicationError on its field."""
    try:
        instance.full_clean(validate_constraints=False)
    except ValidationError as error:
        field, messages = next(iter(error.message_dict.items()))
        raise ApplicationError(
            messages[0], field=None if field == "__all__" else field
        ) from error
    return instance


PERIOD_FIELDS = ("name", "election_date", "starts_on", "ends_on")
PARTY_FIELDS = ("name", "abbreviation", "is_local")
BODY_FIELDS = (
    "name",
    "short_name",
    "kind",
    "parent",
    "reporting_category",
    "is_statutory",
    "term_rule",
    "seats",
)


def _check_unique(instance: Setup, field: str, message: str) -> None:
    """Refuse a second row of the organisation with the same ``field``
    (letter case aside), as the database's unique constraint would, but
    with a message next to the field."""
    value = getattr(instance, field)
    others = (
        type(instance)
        .objects.filter(organisation_id=instance.organisation_id)
        .exclude(pk=instance.pk)
    )
    if value and others.filter(**{f"{field}__iexact": value}).exists():
        raise ApplicationError(message, field=field)


def _save(
    actor: Actor,
    instance: MandatePeriod | Party | Body,
    fields: tuple[str, ...],
    before: dict[str, object] | None,
) -> None:
    """Save ``instance`` and add the audit entry: created when ``before``
    is None, else changed (if anything was)."""
    changes = diff(before or {}, snapshot(instance, fields))
    if before is not None and not changes:
        return
    instance.save()
    audit_saved(actor, instance, before is None, changes)


def _checked_period(period: MandatePeriod) -> MandatePeriod:
    validated(period)
    _check_unique(period, "name", _("There is a mandate period with this name."))
    return period


def _checked_party(party: Party) -> Party:
    validated(party)
    _check_unique(party, "name", _("There is a party with this name."))
    _check_unique(party, "abbreviation", _("Another party has this abbreviation."))
    return party


def _checked_body(body: Body) -> Body:
    validated(body)
    _check_unique(body, "name", _("There is a body with this name."))
    parent = body.parent if body.parent_id else None
    if parent is not None and parent.organisation_id != body.organisation_id:
        raise ApplicationError(
            _("The body it belongs to must be in this organisation."), field="parent"
        )
    if body.pk and body.parent_id:
        # A body cannot belong, at any remove, to itself.
        seen, parent = {body.pk}, body.parent
        while parent is not None:
            if parent.pk in seen:
                raise ApplicationError(
                    _("A body cannot belong to one of its own parts."),
                    field="parent",
                )
            seen.add(parent.pk)
            parent = parent.parent
    return body


def _update(
    actor: Actor,
    instance: Setup,
    fields: dict[str, Any],
    allowed: tuple[str, ...],
    check: Callable[[Setup], Setup],
) -> Setup:
    """Set ``fields`` (each one of ``allowed``) on ``instance``, check it
    with ``check`` and save it with its audit entry if anything changed."""
    before = snapshot(instance, allowed)
    for name, value in fields.items():
        if name not in allowed:
            raise TypeError(f"Unknown field of {type(instance).__name__}: {name}")
        setattr(instance, name, value)
    _save(actor, check(instance), allowed, before)
    return instance


@transaction.atomic
def mandate_period_update(
    *, actor: Actor, period: MandatePeriod, **fields: Any
) -> MandatePeriod:
    """Change a mandate period's name or dates."""
    return _update(actor, period, fields, PERIOD_FIELDS, _checked_period)


@transaction.atomic
def party_update(*, actor: Actor, party: Party, **fields: Any) -> Party:
    """Change a party's name, abbreviation or local standing."""
    return _update(actor, party, fields, PARTY_FIELDS, _checked_party)


@transaction.atomic
def body_update(*, actor: Actor, body: Body, **fields: Any) -> Body:
    """Change a body: its name, kind, the body it belongs to, how reports
    count it, whether it is statutory, and when its terms begin."""
    return _update(actor, body, fields, BODY_FIELDS, _checked_body)


@transaction.atomic
def mandate_period_create(
    *,
    actor: Actor = None,
    organisation: Organisation,
    name: str,
    starts_on: datetime.date,
    ends_on: datetime.date,
    election_date: datetime.date | None = None,
) -> MandatePeriod:
    """Create a mandate period."""
    period = MandatePeriod(
        organisation=organisation,
        name=name,
        starts_on=starts_on,
        ends_on=ends_on,
        election_date=election_date,
    )
    _save(actor, _checked_period(period), PERIOD_FIELDS, None)
    return period


@transaction.atomic
def party_create(
    *,
    actor: Actor = None,
    organisation: Organisation,
    name: str,
    abbreviation: str,
    is_local: bool = False,
) -> Party:
    """Create a party."""
    party = Party(
        organisation=organisation,
        name=name,
        abbreviation=abbreviation,
        is_local=is_local,
    )
    _save(actor, _checked_party(party), PARTY_FIELDS, None)
    return party


@transaction.atomic
def body_create(
    *,
    actor: Actor = None,
    organisation: Organisation,
    name: str,
    kind: str,
    short_name: str = "",
    parent: Body | None = None,
    reporting_category: str | None = None,
    is_statutory: bool | None = None,
    term_rule: str | None = None,
    seats: int | None = None,
) -> Body:
    """Create a body; category, statutory status and term rule follow its kind
    unless given."""
    default_category, default_statutory, default_rule = KIND_DEFAULTS[kind]
    if parent is not None and reporting_category is None:
        default_category = parent.reporting_category
    body = Body(
        organisation=organisation,
        name=name,
        short_name=short_name,
        kind=kind,
        parent=parent,
        reporting_category=reporting_category or default_category,
        is_statutory=default_statutory if is_statutory is None else is_statutory,
        term_rule=term_rule or default_rule,
        seats=seats,
    )
    _save(actor, _checked_body(body), BODY_FIELDS, None)
    return body


def body_term_start(*, body: Body, period: MandatePeriod) -> datetime.date:
    """Return the day a new term on ``body`` usually begins in ``period``.

    The council's term begins on 15 October of the election year; the
    executive board and the committees on 1 January after it; company and
    foundation boards at their annual meeting (taken as 1 May); bodies
    elected per calendar year on 1 January."""
    election_year = (period.election_date or period.starts_on).year
    match body.term_rule:
        case TermRule.COUNCIL:
            return datetime.date(election_year, 10, 15)
        case TermRule.CALENDAR_YEAR_AFTER_ELECTION | TermRule.CALENDAR_YEAR:
            return datetime.date(election_year + 1, 1, 1)
        case TermRule.ANNUAL_MEETING:
            return datetime.date(election_year + 1, 5, 1)
    return period.starts_on


def body_term_end(*, body: Body, period: MandatePeriod) -> datetime.date | None:
    """Return the day a term on ``body`` usually ends in ``period``."""
    start = body_term_start(body=body, period=period)
    match body.term_rule:
        case TermRule.COUNCIL:
            return datetime.date(start.year + 4, 10, 14)
        case TermRule.CALENDAR_YEAR_AFTER_ELECTION:
            return datetime.date(start.year + 3, 12, 31)
        case TermRule.CALENDAR_YEAR:
            return datetime.date(start.year, 12, 31)
        case TermRule.ANNUAL_MEETING:
            return datetime.date(start.year + 4, 4, 30)
    return period.ends_on


# What a body's name says about its kind, the first match winning: the
# Swedish names of bodies are regular enough that a pasted list of 58 needs
# a kind written out only for the odd one.
_KIND_BY_NAME = (
    ("utskott", BodyKind.SUBCOMMITTEE, None),
    ("beredning", BodyKind.DRAFTING, None),
    ("stadsdelsnämnd", BodyKind.COMMITTEE, ReportingCategory.DISTRICT_COMMITTEE),
    ("nämnd", BodyKind.COMMITTEE, None),
    ("stiftelse", BodyKind.FOUNDATION, None),
    ("aktiebolag", BodyKind.COMPANY, None),
    (" ab ", BodyKind.COMPANY, None),
    ("bolag", BodyKind.COMPANY, None),
    ("styrgrupp", BodyKind.STEERING_GROUP, None),
    ("nätverk", BodyKind.NETWORK, None),
    ("kommunstyrelse", BodyKind.EXECUTIVE, None),
    ("regionstyrelse", BodyKind.EXECUTIVE, None),
    ("fullmäktige", BodyKind.COUNCIL, None),
)


def body_kind_from_name(name: str) -> tuple[str, str | None]:
    """Return the kind of body ``name`` suggests, and the reporting category
    when the kind alone does not say it (a district committee). The part
    wins over the whole: *Kommunstyrelsens arbetsutskott* is a
    subcommittee, *Kommunfullmäktiges valberedning* a drafting committee."""
    text = f" {name.casefold()} "
    for word, kind, category in _KIND_BY_NAME:
        if word in text:
            return kind, category
    return BodyKind.OTHER, None


def _owner(name: str) -> str:
    """The body a part's name says it belongs to: "Kommunstyrelsens
    arbetsutskott" belongs to "Kommunstyrelsen"."""
    first, _, rest = name.partition(" ")
    return first[:-1] if rest and first.endswith("s") else ""


def _choice(choices: Iterable[tuple[str, object]], text: str) -> str | None:
    """The value of ``choices`` whose value or label is ``text``."""
    wanted = text.strip().casefold()
    for value, label in choices:
        if wanted in (value.casefold(), str(label).casefold()):
            return value
    # "Nämnd" for "Committee (nämnd)": the word in brackets is enough.
    for value, label in choices:
        if f"({wanted})" in str(label).casefold():
            return value
    return None


@transaction.atomic
def bodies_create_from_text(
    *, actor: Actor, organisation: Organisation, text: str
) -> list[Body]:
    """Create a body for each line of ``text``: its name, and optionally,
    separated by a tab (cells pasted from Excel) or a semicolon, its kind,
    its reporting category and the body it belongs to; without them the
    kind follows the name (`Kulturnämnden` a committee, `Stadsdelsnämnd
    Norr` a district committee, `Hamnbolaget AB` a company) and a
    subcommittee belongs to the body its name says (`Kommunstyrelsens
    arbetsutskott` to `Kommunstyrelsen`, on the list above it or in the
    directory). All or none: raises ApplicationError with every bad line
    in ``extra["rows"]``."""
    bodies: list[Body] = []
    errors: list[str] = []
    names: set[str] = set()
    known = {
        b.name.casefold(): b for b in Body.objects.filter(organisation=organisation)
    }
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        cells = [c.strip() for c in line.replace(";", "\t").split("\t")]
        name = " ".join(cells[0].split())
        kind, category = body_kind_from_name(name)
        if len(cells) > 1 and cells[1]:
            chosen = _choice(BodyKind.choices, cells[1])
            if chosen is None:
                errors.append(
                    _("Line %(number)s: “%(text)s” is not a kind of body.")
                    % {"number": number, "text": cells[1][:60]}
                )
                continue
            kind, category = chosen, None
        if len(cells) > 2 and cells[2]:
            category = _choice(ReportingCategory.choices, cells[2])
            if category is None:
                errors.append(
                    _("Line %(number)s: “%(text)s” is not a reporting category.")
                    % {"number": number, "text": cells[2][:60]}
                )
                continue
        if name.casefold() in names:
            errors.append(
                _("Line %(number)s: “%(name)s” is on the list twice.")
                % {"number": number, "name": name[:80]}
            )
            continue
        names.add(name.casefold())
        parent_name = cells[3] if len(cells) > 3 and cells[3] else _owner(name)
        parent = known.get(" ".join(parent_name.split()).casefold())
        if len(cells) > 3 and cells[3] and parent is None:
            errors.append(
                _("Line %(number)s: there is no body called “%(name)s”.")
                % {"number": number, "name": cells[3][:80]}
            )
            continue
        try:
            with transaction.atomic():
                body = body_create(
                    actor=actor,
                    organisation=organisation,
                    name=name,
                    kind=kind,
                    reporting_category=category,
                    parent=parent if kind == BodyKind.SUBCOMMITTEE else None,
                )
                bodies.append(body)
                known[body.name.casefold()] = body
        except ApplicationError as error:
            errors.append(
                _("Line %(number)s: %(message)s")
                % {"number": number, "message": error.message}
            )
    if errors:
        raise ApplicationError(
            _("No body was added: correct the list and try again."),
            field="text",
            extra={"rows": errors},
        )
    return bodies
