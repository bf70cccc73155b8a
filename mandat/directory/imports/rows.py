"""One row of the register's file: the words it may use for a role, a kind
of person, a gender and yes or no, and the check of every cell of a row
against the directory."""

import datetime
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.core.validators import validate_email

from ..models import AssignmentRole, Body, Party, Person
from .files import COLUMN_BY_KEY, Problem, cell_date, cell_text


def fold(text: str) -> str:
    return " ".join(text.lower().replace("\u00a0", " ").split())


ROLE_WORDS = {
    AssignmentRole.CHAIR: ("ordförande", "ordf", "ordf.", "chair"),
    AssignmentRole.FIRST_VICE_CHAIR: (
        "vice ordförande",
        "1:e vice ordförande",
        "förste vice ordförande",
        "första vice ordförande",
        "1:a vice ordförande",
        "vice ordf",
        "first vice chair",
        "vice chair",
    ),
    AssignmentRole.SECOND_VICE_CHAIR: (
        "2:e vice ordförande",
        "andre vice ordförande",
        "andra vice ordförande",
        "second vice chair",
    ),
    AssignmentRole.MEMBER: ("ledamot", "member"),
    AssignmentRole.SUBSTITUTE: ("ersättare", "substitute"),
    AssignmentRole.SECRETARY: ("sekreterare", "secretary"),
    AssignmentRole.CO_OPTED: ("adjungerad", "adjungerande", "co-opted"),
}
ROLE_LOOKUP = {
    word: role for role, words in ROLE_WORDS.items() for word in (*words, role)
}
KIND_LOOKUP = {
    "förtroendevald": Person.Kind.ELECTED,
    "politiker": Person.Kind.ELECTED,
    "elected": Person.Kind.ELECTED,
    "elected official": Person.Kind.ELECTED,
    "tjänsteperson": Person.Kind.OFFICIAL,
    "tjänsteman": Person.Kind.OFFICIAL,
    "official": Person.Kind.OFFICIAL,
    "extern": Person.Kind.EXTERNAL,
    "external": Person.Kind.EXTERNAL,
}
GENDER_LOOKUP = {
    "kvinna": Person.Gender.WOMAN,
    "k": Person.Gender.WOMAN,
    "woman": Person.Gender.WOMAN,
    "man": Person.Gender.MAN,
    "m": Person.Gender.MAN,
    "annat": Person.Gender.OTHER,
    "annan": Person.Gender.OTHER,
    "other": Person.Gender.OTHER,
}
YES = {"ja", "j", "x", "1", "yes", "true", "sant"}
NO = {"", "nej", "n", "0", "no", "false", "falskt"}


@dataclass
class Row:
    number: int
    person: dict
    person_key: str
    body: Body | None = None
    role: str = ""
    party: Party | None = None
    starts_on: datetime.date | None = None
    ends_on: datetime.date | None = None
    substitute_order: int | None = None
    left_party_on: datetime.date | None = None


def parse_row(number, keys, values, directory, problems) -> Row:
    raw = {}
    for key, value in zip(keys, values, strict=False):
        if key:
            raw[key] = value

    def problem(column_key, code, cell="", **params):
        header = COLUMN_BY_KEY[column_key].header if column_key else None
        problems.append(Problem(number, header, code, params, cell_text(cell)))

    person: dict[str, str | bool] = {}
    for key in ("first_name", "last_name"):
        text = cell_text(raw.get(key))
        if not text:
            problem(key, "required")
        elif len(text) > 100:
            problem(key, "too_long", text, limit=100)
        person[key] = text
    email = cell_text(raw.get("email")).lower()
    if email:
        try:
            validate_email(email)
        except ValidationError:
            problem("email", "bad_email", email, value=email)
    person["email"] = email
    for key, limit in (("phone", 40), ("title", 120), ("home_municipality", 120)):
        text = cell_text(raw.get(key))
        if len(text) > limit:
            problem(key, "too_long", text, limit=limit)
        person[key] = text
    gender_text = fold(cell_text(raw.get("gender")))
    person["gender"] = GENDER_LOOKUP.get(gender_text, "")
    if gender_text and gender_text not in GENDER_LOOKUP:
        problem("gender", "bad_gender", gender_text)
    kind_text = fold(cell_text(raw.get("kind")))
    person["kind"] = KIND_LOOKUP.get(kind_text, Person.Kind.ELECTED)
    if kind_text and kind_text not in KIND_LOOKUP:
        problem("kind", "bad_kind", kind_text)
    protected_text = fold(cell_text(raw.get("protected_identity")))
    person["protected_identity"] = protected_text in YES
    if protected_text not in YES | NO:
        problem("protected_identity", "bad_yes_no", protected_text)
    register_id = cell_text(raw.get("register_id"))
    if len(register_id) > 64:
        problem("register_id", "too_long", register_id, limit=64)
    person["register_id"] = register_id
    if not register_id and not email:
        problem("email", "no_identity")
    row = Row(
        number=number,
        person=person,
        person_key=f"id:{register_id}" if register_id else f"email:{email}",
    )

    body_text = cell_text(raw.get("body"))
    role_text = fold(cell_text(raw.get("role")))
    if body_text:
        row.body = directory.bodies.get(fold(body_text))
        if row.body is None:
            problem("body", "unknown_body", body_text, value=body_text)
        if not role_text:
            problem("role", "body_without_role")
    elif role_text:
        problem("body", "role_without_body")
    if role_text:
        row.role = ROLE_LOOKUP.get(role_text, "")
        if not row.role:
            problem("role", "unknown_role", role_text, value=cell_text(raw.get("role")))
    party_text = cell_text(raw.get("party"))
    if party_text:
        row.party = directory.parties.get(fold(party_text))
        if row.party is None:
            problem("party", "unknown_party", party_text, value=party_text)
    for key in ("starts_on", "ends_on", "left_party_on"):
        value = raw.get(key)
        if cell_text(value):
            try:
                setattr(row, key, cell_date(value))
            except ValueError:
                problem(key, "bad_date", value, value=cell_text(value))
    if body_text and not row.starts_on and not cell_text(raw.get("starts_on")):
        problem("starts_on", "start_required")
    if row.starts_on and row.ends_on and row.ends_on < row.starts_on:
        problem("ends_on", "end_before_start", raw.get("ends_on"))
    if row.left_party_on and not party_text:
        problem("left_party_on", "left_party_without_party", raw.get("left_party_on"))
    order_text = cell_text(raw.get("substitute_order"))
    if order_text:
        try:
            row.substitute_order = int(order_text)
            if row.substitute_order < 1 or row.substitute_order > 999:
                raise ValueError
        except ValueError:
            problem("substitute_order", "bad_order", order_text)
        if row.role and row.role != AssignmentRole.SUBSTITUTE:
            problem("substitute_order", "order_not_substitute", order_text)
    return row
