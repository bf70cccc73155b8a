"""Readers for the directory. Each returns only what the viewer may see, with
its related rows already joined, so a page runs the same number of queries
however many rows it shows."""

import datetime
import re

from django.db.models import (
    Case,
    Exists,
    IntegerField,
    Min,
    OuterRef,
    Q,
    QuerySet,
    Value,
    When,
)
from django.db.models.expressions import Combinable
from django.utils import timezone
from django.utils.translation import gettext as _

from mandat.core.access import Role, access_for
from mandat.core.models import Organisation
from mandat.core.queries import count_of

from .models import (
    MEMBER_ROLES,
    PRESIDIUM_ROLES,
    ROLE_ORDER,
    Assignment,
    AssignmentRole,
    Body,
    ImportJob,
    Person,
    TargetGroup,
    TargetRule,
)
from .permissions import NEWCOMER_DAYS, can_see_protected_identity

# Roles grouped the way coordinators ask for them.
ROLE_GROUPS = {
    "presidium": PRESIDIUM_ROLES,
    "members": MEMBER_ROLES,
    "substitutes": (AssignmentRole.SUBSTITUTE,),
}


def active_on_q(day: datetime.date, prefix: str = "") -> Q:
    """Return a filter for assignments that run on ``day``."""
    return Q(**{f"{prefix}starts_on__lte": day}) & (
        Q(**{f"{prefix}ends_on__isnull": True}) | Q(**{f"{prefix}ends_on__gte": day})
    )


def role_rank() -> Case:
    """Order roles as a list of members reads: chair first, substitutes last."""
    return Case(
        *[When(role=role, then=Value(rank)) for role, rank in ROLE_ORDER.items()],
        output_field=IntegerField(),
    )


def body_ids_visible(user, organisation: Organisation) -> set[int] | None:
    """Return the ids of the bodies ``user`` may see, or None for all of them:
    a committee secretary's body and its subcommittees."""
    access = access_for(user, organisation)
    if access.manages_organisation:
        return None
    if access.has(Role.COMMITTEE_SECRETARY):
        ids = set(access.secretary_body_ids)
        ids |= set(
            Body.objects.filter(
                organisation=organisation, parent_id__in=access.secretary_body_ids
            ).values_list("id", flat=True)
        )
        return ids
    return set()


def body_list(*, organisation: Organisation, user, on: datetime.date) -> QuerySet:
    """Return the bodies ``user`` may see, with their member counts on ``on``."""
    bodies = Body.objects.filter(organisation=organisation).select_related("parent")
    visible = body_ids_visible(user, organisation)
    if visible is not None:
        bodies = bodies.filter(id__in=visible)
    active = Assignment.objects.filter(active_on_q(on))
    return bodies.annotate(
        member_count=count_of(active, "body", role__in=MEMBER_ROLES),
        substitute_count=count_of(active, "body", role=AssignmentRole.SUBSTITUTE),
    )


def body_get(*, organisation: Organisation, user, body_id: int) -> Body | None:
    """Return one body if ``user`` may see it."""
    bodies = Body.objects.filter(organisation=organisation).select_related("parent")
    visible = body_ids_visible(user, organisation)
    if visible is not None:
        bodies = bodies.filter(id__in=visible)
    return bodies.filter(pk=body_id).first()


def assignment_list(
    *, organisation: Organisation, user, on: datetime.date | None
) -> QuerySet:
    """Return the assignments ``user`` may see, running on ``on`` (all if None)."""
    assignments = Assignment.objects.filter(organisation=organisation).select_related(
        "person", "body", "body__parent", "party"
    )
    visible = body_ids_visible(user, organisation)
    if visible is not None:
        assignments = assignments.filter(body_id__in=visible)
    if on is not None:
        assignments = assignments.filter(active_on_q(on))
    return assignments.annotate(role_rank=role_rank()).order_by(
        "body__name",
        "role_rank",
        "substitute_order",
        "person__last_name",
        "person__first_name",
    )


def body_members(*, body: Body, on: datetime.date | None) -> QuerySet:
    """Return the assignments on ``body`` in list order, on ``on`` or all."""
    assignments = body.assignments.select_related("person", "party")
    if on is not None:
        assignments = assignments.filter(active_on_q(on))
    # Within a role, people are grouped by the party they were elected for, as
    # the body's own list of members reads; substitutes in their call-in order.
    return assignments.annotate(role_rank=role_rank()).order_by(
        "role_rank",
        "party__name",
        "substitute_order",
        "person__last_name",
        "person__first_name",
    )


def person_list(*, organisation: Organisation, user) -> QuerySet:
    """Return the people ``user`` may see."""
    people = Person.objects.filter(organisation=organisation)
    visible = body_ids_visible(user, organisation)
    if visible is not None:
        people = people.filter(assignments__body_id__in=visible).distinct()
    return people


def person_get(*, organisation: Organisation, user, person_id: int) -> Person | None:
    """Return one person if ``user`` may see them."""
    return (
        person_list(organisation=organisation, user=user).filter(pk=person_id).first()
    )


def person_assignments(*, person: Person, user) -> QuerySet:
    """Return every assignment of ``person`` that ``user`` may see, newest first."""
    assignments = person.assignments.select_related("body", "party", "period")
    visible = body_ids_visible(user, person.organisation)
    if visible is not None:
        assignments = assignments.filter(body_id__in=visible)
    return assignments.order_by("-starts_on", "body__name")


def assignment_list_for_user(
    *, user, organisation: Organisation, include_ended: bool = False
) -> QuerySet:
    """Return the assignments of the person records linked to ``user``."""
    assignments = Assignment.objects.filter(
        organisation=organisation, person__account=user
    ).select_related("body", "party")
    if not include_ended:
        assignments = assignments.filter(active_on_q(timezone.localdate()))
    return assignments.order_by("-starts_on", "body__name")


def newcomer_ids(*, organisation: Organisation, on: datetime.date) -> QuerySet:
    """Return the ids of the organisation's newcomers on ``on``: elected
    officials whose first assignment there began in the last NEWCOMER_DAYS."""
    return (
        Assignment.objects.filter(organisation=organisation, person__kind="elected")
        .values("person_id")
        .annotate(first=Min("starts_on"))
        .filter(first__gte=on - datetime.timedelta(days=NEWCOMER_DAYS), first__lte=on)
        .values_list("person_id", flat=True)
    )


def directory_counts(*, organisation: Organisation, on: datetime.date) -> dict:
    """Return the headline figures of the directory on ``on``."""
    people = Person.objects.filter(organisation=organisation)
    return {
        "elected": people.filter(kind=Person.Kind.ELECTED).count(),
        "officials": people.filter(kind=Person.Kind.OFFICIAL).count(),
        "bodies": Body.objects.filter(organisation=organisation).count(),
        "assignments": Assignment.objects.filter(organisation=organisation)
        .filter(active_on_q(on))
        .count(),
    }


def import_job_list(*, organisation: Organisation) -> QuerySet:
    """Return the imports of ``organisation``, newest first, without file contents."""
    return (
        ImportJob.objects.filter(organisation=organisation)
        .defer("content", "result")
        .select_related("created_by")
    )


def target_group_people(*, group, on: datetime.date) -> QuerySet:
    """Return the people a target group means on ``on``: the union of its
    rules, each person once, resolved against the directory as it stands."""
    condition = Q(pk__in=[])
    active = active_on_q(on, prefix="assignments__")
    for rule in group.rules.all():
        roles = {
            TargetRule.RoleGroup.PRESIDIUM: PRESIDIUM_ROLES,
            TargetRule.RoleGroup.MEMBERS: MEMBER_ROLES,
            TargetRule.RoleGroup.SUBSTITUTES: (AssignmentRole.SUBSTITUTE,),
            TargetRule.RoleGroup.EVERYONE: (*MEMBER_ROLES, AssignmentRole.SUBSTITUTE),
        }[rule.roles]
        seat = active & Q(assignments__role__in=roles)
        match rule.kind:
            case TargetRule.Kind.ALL_ELECTED:
                condition |= Q(kind=Person.Kind.ELECTED) & seat
            case TargetRule.Kind.BODY:
                condition |= seat & Q(assignments__body=rule.body_id)
            case TargetRule.Kind.CATEGORY:
                condition |= seat & Q(
                    assignments__body__reporting_category=rule.category
                )
            case TargetRule.Kind.BODY_KIND:
                condition |= seat & Q(assignments__body__kind=rule.body_kind)
            case TargetRule.Kind.OFFICIALS_TITLE:
                condition |= Q(kind=Person.Kind.OFFICIAL, title__iexact=rule.title)
            case TargetRule.Kind.PERSON:
                condition |= Q(pk=rule.person_id)
    ids = Person.objects.filter(organisation=group.organisation).filter(condition)
    return (
        Person.objects.filter(pk__in=ids.values("pk"))
        .select_related("account")
        .order_by("last_name", "first_name", "id")
    )


def target_group_choices(*, organisation: Organisation, include=None) -> QuerySet:
    """Return the target groups to offer in a form: those made on their own
    page (a training's own group, made on its invite page, is one of
    thousands in a large city's history), and ``include`` (a group's id)."""
    # No training names the group: NOT EXISTS, probed by the index on the
    # trainings' target group (a join read every training of the country).
    trainings = TargetGroup._meta.get_field("trainings").related_model
    assert not isinstance(trainings, str)  # "self" only before models load
    users = trainings._default_manager.filter(
        organisation=organisation, target_group=OuterRef("pk")
    )
    condition: Q | Combinable = ~Exists(users)
    if include is not None:
        condition |= Q(pk=include)
    return (
        TargetGroup.objects.filter(organisation=organisation)
        .filter(condition)
        .order_by("name")
    )


PERSON_SEARCH_LIMIT = 10
# Words of a name; the rest (commas, brackets of a title) is left out.
_WORDS = re.compile(r"[^\W_]+(?:[-'’][^\W_]+)*")


def person_choosable(*, organisation: Organisation, user) -> QuerySet:
    """Return the people ``user`` may choose in a form of ``organisation``:
    everyone in its directory, except, for those who may not see them, the
    people with protected personal data (so that a name typed or searched
    for cannot confirm that such a person exists)."""
    people = Person.objects.filter(organisation=organisation)
    if not can_see_protected_identity(user, organisation):
        people = people.filter(protected_identity=False)
    return people


def person_search(
    *, organisation: Organisation, user, query: str, limit: int = PERSON_SEARCH_LIMIT
) -> list[Person]:
    """Return up to ``limit`` + 1 people ``user`` may choose whose name (or
    title, or home municipality) holds every word of ``query``, in the
    order of the directory; one more than ``limit`` says there are more.

    The query reads the organisation's people in name order from the index
    on (organisation, last name, first name) and stops at ``limit`` + 1."""
    words = _WORDS.findall(query or "")[:6]
    if not words:
        return []
    people = person_choosable(organisation=organisation, user=user)
    for word in words:
        word = word[:60]
        people = people.filter(
            Q(first_name__icontains=word)
            | Q(last_name__icontains=word)
            | Q(title__icontains=word)
            | Q(home_municipality__icontains=word)
        )
    return list(people.order_by("last_name", "first_name", "id")[: limit + 1])


_BRACKETS = re.compile(r"\([^)]*\)")
_EMAIL = re.compile(r"[^\s<>,;]+@[^\s<>,;]+\.[^\s<>,;]+")


def _name_key(text: str) -> str:
    return " ".join(_WORDS.findall(text)).casefold()


class PersonMatcher:
    """Finds the person a line of text names, as people write names in
    minutes and lists: an e-mail address, "First Last" or "Last, First",
    with anything in brackets left out ("Annika Westh (L) ordf" is Annika
    Westh); cells pasted from Excel are read as one line. Reads the
    organisation's people ``user`` may choose once."""

    def __init__(self, *, organisation: Organisation, user):
        self.by_email: dict[str, list[Person]] = {}
        self.by_name: dict[str, list[Person]] = {}
        for person in person_choosable(organisation=organisation, user=user).only(
            "pk", "first_name", "last_name", "email", "kind", "organisation_id"
        ):
            if person.email:
                self.by_email.setdefault(person.email.casefold(), []).append(person)
            for key in (
                _name_key(f"{person.first_name} {person.last_name}"),
                _name_key(f"{person.last_name} {person.first_name}"),
            ):
                self.by_name.setdefault(key, []).append(person)

    def match(self, line: str) -> list[Person]:
        """Return the people ``line`` may mean: one, none or several."""
        email = _EMAIL.search(line)
        if email:
            matches = self.by_email.get(email.group().casefold(), [])
        else:
            words = _name_key(_BRACKETS.sub(" ", line.replace("\t", " ")))
            matches = self.by_name.get(words, [])
            # "Annika Westh ordf": a role or note after the name.
            while not matches and " " in words:
                words = words.rsplit(" ", 1)[0]
                if " " in words:
                    matches = self.by_name.get(words, [])
        return list(dict.fromkeys(matches))

    def problem(self, found: list[Person], line: str) -> str:
        """What is wrong with a line that did not name one person."""
        shown = line.strip()[:80]
        if not found:
            return _("no one in the directory matches “%(text)s”.") % {"text": shown}
        return _(
            "%(count)s people match “%(text)s”; write their e-mail address instead."
        ) % {"count": len(found), "text": shown}


def person_match_lines(
    *, organisation: Organisation, user, text: str
) -> tuple[list[Person], list[str]]:
    """Return the people a pasted list names, one per line (see
    PersonMatcher), in its order, and a message for each line that names no
    one or several people. Blank lines are skipped."""
    matcher = PersonMatcher(organisation=organisation, user=user)
    found, errors = [], []
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        matches = matcher.match(line)
        if len(matches) == 1:
            found.append(matches[0])
        else:
            errors.append(
                _("Line %(number)s: %(problem)s")
                % {"number": number, "problem": matcher.problem(matches, line)}
            )
    return found, errors
