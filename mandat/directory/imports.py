"""The register of elected officials as a file: reading it, checking every
row, and working out what an import would create, change and end.

The file has one row per assignment; a person with three assignments has three
rows. People are recognised by their register id, or by their e-mail address
when the file has no register id. Problems are kept as a code and parameters,
not as text, so that the same result reads in Swedish or English."""

import codecs
import csv
import datetime
import io
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from mandat.core.forms import YEAR_MAX, YEAR_MIN
from mandat.core.richtext import CONTROL_CHARACTERS, text_strip_controls

from .models import (
    Assignment,
    AssignmentRole,
    Body,
    MandatePeriod,
    Party,
    Person,
)


@dataclass(frozen=True)
class Column:
    key: str
    header: str  # the Swedish header written in the template
    aliases: tuple[str, ...]
    required: bool = False


COLUMNS = (
    Column("register_id", "Register-id", ("registerid", "id", "register id")),
    Column("first_name", "Förnamn", ("fornamn", "first name", "firstname"), True),
    Column("last_name", "Efternamn", ("last name", "lastname", "surname"), True),
    Column("email", "E-post", ("epost", "e-postadress", "email", "e-mail")),
    Column("phone", "Telefon", ("phone", "mobil", "mobiltelefon")),
    Column("gender", "Kön", ("kon", "gender")),
    Column("kind", "Typ", ("kind", "type", "persontyp")),
    Column("title", "Titel", ("title", "befattning")),
    Column("home_municipality", "Hemkommun", ("home municipality",)),
    Column("protected_identity", "Skyddad identitet", ("protected identity",)),
    Column("body", "Organ", ("body", "nämnd", "namnd")),
    Column("role", "Roll", ("role", "uppdrag")),
    Column("party", "Parti", ("party",)),
    Column("starts_on", "Från", ("fran", "from", "startdatum", "fr.o.m.")),
    Column("ends_on", "Till", ("to", "slutdatum", "t.o.m.")),
    Column(
        "substitute_order",
        "Ersättarordning",
        ("ersattarordning", "call-in order", "ordning"),
    ),
    Column("left_party_on", "Lämnat partiet", ("lamnat partiet", "left party")),
)
COLUMN_BY_KEY = {column.key: column for column in COLUMNS}
PERSON_KEYS = (
    "first_name",
    "last_name",
    "email",
    "phone",
    "gender",
    "kind",
    "title",
    "home_municipality",
    "protected_identity",
)

MESSAGES = {
    "file_type": _("The file must be an Excel workbook (.xlsx) or a CSV file (.csv)."),
    "file_xls": _("Old Excel files (.xls) cannot be read. Save the file as .xlsx."),
    "file_unreadable": _("The file could not be read: %(detail)s"),
    "file_encoding": _(
        "The characters of the file could not be read. In Excel, save it as "
        "“CSV UTF-8” or as an Excel workbook (.xlsx) and upload it again."
    ),
    "file_empty": _("The file has no rows below the header row."),
    "file_too_large": _("The file is larger than %(limit)s MB."),
    "missing_columns": _("The file lacks the column(s) %(columns)s."),
    "required": _("A value is required."),
    "too_long": _("At most %(limit)s characters."),
    "no_identity": _(
        "Give an e-mail address or a register id, so the person is recognised "
        "at the next import."
    ),
    "bad_email": _("“%(value)s” is not an e-mail address."),
    "bad_gender": _("Write kvinna, man or annat, or leave it empty."),
    "bad_kind": _("Write förtroendevald, tjänsteperson or extern."),
    "bad_yes_no": _("Write ja or nej."),
    "bad_date": _(
        "“%(value)s” is not a date. Write it as YYYY-MM-DD, e.g. 2027-01-01."
    ),
    "bad_order": _("The call-in order must be a whole number from 1."),
    "order_not_substitute": _("Only substitutes have a call-in order."),
    "unknown_body": _("There is no body called “%(value)s” in the directory."),
    "unknown_role": _(
        "“%(value)s” is not a role. Write ordförande, vice ordförande, "
        "2:e vice ordförande, ledamot, ersättare, sekreterare or adjungerad."
    ),
    "unknown_party": _("There is no party “%(value)s” in the directory."),
    "role_without_body": _("A role needs a body."),
    "body_without_role": _("Give the role on the body."),
    "start_required": _("Give the day the assignment starts."),
    "end_before_start": _("The end date is before the start date."),
    "left_party_without_party": _("Only someone elected for a party can leave it."),
    "duplicate_email": _(
        "The e-mail address is given for another person on row %(row)s."
    ),
    "email_taken": _("The e-mail address belongs to %(name)s in the directory."),
    "conflicting_person": _(
        "The row gives other details for the same person than row %(row)s."
    ),
    "duplicate_assignment": _("The same person, body and role is on row %(row)s."),
}


def message_text(code: str, params: dict | None = None) -> str:
    """Render a stored problem in the active language."""
    text = str(MESSAGES.get(code, code))
    return text % params if params else text


@dataclass
class Problem:
    row: int | None
    column: str | None
    code: str
    params: dict = field(default_factory=dict)
    value: str = ""

    def as_dict(self) -> dict:
        return {
            "row": self.row,
            "column": self.column,
            "code": self.code,
            "params": self.params,
            "value": self.value[:100],
        }


class FileProblem(Exception):
    def __init__(self, code: str, **params):
        super().__init__(code)
        self.problem = Problem(row=None, column=None, code=code, params=params)


def _normalise_header(text) -> str:
    text = text_strip_controls(str(text or "")).strip().lower()
    return text.replace("å", "a").replace("ä", "a").replace("ö", "o")


HEADER_LOOKUP = {}
for _column in COLUMNS:
    for _name in (_column.header, _column.key, *_column.aliases):
        HEADER_LOOKUP[_normalise_header(_name)] = _column.key


def header_keys(headers: list) -> list[str]:
    """Return the column key of each header cell ("" for unknown columns)."""
    return [HEADER_LOOKUP.get(_normalise_header(cell), "") for cell in headers]


def read_rows(filename: str, content: bytes) -> list[list]:
    """Return the non-empty rows of an .xlsx (its first sheet) or .csv file
    (UTF-8, UTF-16/32 or Windows-1252; ``;``, ``,`` or tab), header first.
    Raises FileProblem for a file that cannot be read as a table."""
    name = filename.lower()
    if name.endswith(".xls"):
        raise FileProblem("file_xls")
    if name.endswith(".xlsx") or content[:2] == b"PK":
        rows = _read_xlsx(content)
    elif name.endswith((".csv", ".txt")):
        rows = _read_csv(content)
    else:
        raise FileProblem("file_type")
    rows = [row for row in rows if any(_text(value) for value in row)]
    if not rows:
        raise FileProblem("file_empty")
    return rows


def cell_text(value) -> str:
    """A cell as text, as the register import reads it."""
    return _text(value)


def cell_date(value) -> datetime.date:
    """A cell as a date (a date cell, 2027-01-22 or 20270122); raises
    ValueError for anything else or a year out of range."""
    return _date(value)


def read_table(filename: str, content: bytes) -> tuple[list[str], list[list]]:
    """Return the column keys and the data rows of an .xlsx or .csv file."""
    header, *data = read_rows(filename, content)
    keys = header_keys(header)
    missing = [
        COLUMN_BY_KEY[key].header
        for key in ("first_name", "last_name")
        if key not in keys
    ]
    if missing:
        raise FileProblem("missing_columns", columns=", ".join(missing))
    if not data:
        raise FileProblem("file_empty")
    return keys, data


def _read_xlsx(content: bytes) -> list[list]:
    from openpyxl import load_workbook
    from openpyxl.utils.exceptions import InvalidFileException

    try:
        workbook = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    except (zipfile.BadZipFile, InvalidFileException, KeyError, OSError) as error:
        raise FileProblem("file_unreadable", detail=type(error).__name__) from error
    try:
        sheet = workbook.worksheets[0]
        return [list(row) for row in sheet.iter_rows(values_only=True)]
    finally:
        workbook.close()


# Byte order marks, longest first: UTF-32's begin like UTF-16's.
BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


def _decode(content: bytes) -> str:
    """Return the text of a CSV file: UTF-8 or UTF-16/32 by their byte order
    mark (Excel's "Unicode text" is UTF-16), else UTF-8, else Windows-1252.
    Anything else is reported, never guessed: a wrong guess would import
    garbled names."""
    for bom, encoding in BOMS:
        if content.startswith(bom):
            try:
                return content.decode(encoding)
            except UnicodeDecodeError as error:
                raise FileProblem("file_encoding") from error
    if content.count(b"\x00") * 4 > len(content):
        # Every other byte NUL: UTF-16 without a mark, or not text at all.
        for encoding in ("utf-16-le", "utf-16-be"):
            try:
                text = content.decode(encoding)
            except UnicodeDecodeError:
                continue
            if _looks_like_text(text):
                return text
        raise FileProblem("file_encoding")
    for encoding in ("utf-8", "cp1252"):
        try:
            text = content.decode(encoding)
        except UnicodeDecodeError:
            continue
        # A stray control character is stripped from its cell later; many
        # mean the file is not text.
        if len(CONTROL_CHARACTERS.findall(text)) * 20 > len(text):
            break
        return text
    raise FileProblem("file_encoding")


def _looks_like_text(text: str) -> bool:
    """Whether decoded text is mostly letters, digits, punctuation and
    spaces, as a register is (a wrong UTF-16 byte order gives CJK)."""
    sample = text[:2000]
    plain = sum(1 for c in sample if c.isascii() or c in "åäöÅÄÖéüÉÜ")
    return bool(sample) and plain / len(sample) > 0.9


def _read_csv(content: bytes) -> list[list]:
    text = _decode(content)
    first_line = text.split("\n", 1)[0]
    delimiter = max(";,\t", key=first_line.count)
    try:
        return [list(row) for row in csv.reader(io.StringIO(text), delimiter=delimiter)]
    except csv.Error as error:
        raise FileProblem("file_unreadable", detail=str(error)[:200]) from error


def _text(value) -> str:
    """A cell as text, without control and bidirectional override characters
    (a NUL in a name would break every export of it)."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return text_strip_controls(str(value)).strip()


def _fold(text: str) -> str:
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


def _date(value) -> datetime.date:
    day = _parse_date(value)
    if not YEAR_MIN <= day.year <= YEAR_MAX:
        raise ValueError(day)
    return day


def _parse_date(value) -> datetime.date:
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    text = _text(value)
    for pattern in ("%Y-%m-%d", "%Y%m%d", "%Y-%m-%d %H:%M:%S"):
        try:
            return datetime.datetime.strptime(text, pattern).date()
        except ValueError:
            continue
    raise ValueError(text)


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


@dataclass
class Plan:
    """What an import would do, and every problem that stops it."""

    problems: list[Problem] = field(default_factory=list)
    new_people: list[Person] = field(default_factory=list)
    changed_people: list[tuple[Person, dict]] = field(default_factory=list)
    new_assignments: list[tuple[Assignment, str]] = field(default_factory=list)
    changed_assignments: list[tuple[Assignment, dict]] = field(default_factory=list)
    ended_assignments: list[Assignment] = field(default_factory=list)
    unchanged_rows: int = 0
    rows_total: int = 0

    @property
    def ok(self) -> bool:
        return not self.problems

    def summary(self) -> dict:
        return {
            "rows": self.rows_total,
            "people_created": len(self.new_people),
            "people_changed": len(self.changed_people),
            "assignments_created": len(self.new_assignments),
            "assignments_changed": len(self.changed_assignments),
            "assignments_ended": len(self.ended_assignments),
            "errors": len(self.problems),
        }

    def preview(self, limit: int = 200) -> list[dict]:
        """Return the first ``limit`` changes as readable rows, fields named by
        the file's own column headers."""

        def headed(changes: dict) -> dict:
            return {
                COLUMN_BY_KEY[key].header: values for key, values in changes.items()
            }

        items = []
        for person in self.new_people:
            items.append({"action": "create", "what": "person", "label": str(person)})
        for person, changes in self.changed_people:
            items.append(
                {
                    "action": "update",
                    "what": "person",
                    "label": str(person),
                    "changes": headed(changes),
                }
            )
        for assignment, person_label in self.new_assignments:
            items.append(
                {
                    "action": "create",
                    "what": "assignment",
                    "label": _assignment_label(assignment, person_label),
                }
            )
        for assignment, changes in self.changed_assignments:
            items.append(
                {
                    "action": "update",
                    "what": "assignment",
                    "label": _assignment_label(assignment, str(assignment.person)),
                    "changes": headed(changes),
                }
            )
        for assignment in self.ended_assignments:
            items.append(
                {
                    "action": "end",
                    "what": "assignment",
                    "label": _assignment_label(assignment, str(assignment.person)),
                }
            )
        return items[:limit]


def _assignment_label(assignment: Assignment, person_label: str) -> str:
    return f"{person_label} – {assignment.get_role_display()}, {assignment.body.name}"


class Directory:
    """The parts of one organisation's directory an import compares against,
    loaded in a handful of queries."""

    def __init__(self, organisation):
        self.organisation = organisation
        bodies = list(Body.objects.filter(organisation=organisation))
        self.bodies = {}
        for body in bodies:
            self.bodies[_fold(body.name)] = body
            if body.short_name:
                self.bodies.setdefault(_fold(body.short_name), body)
        self.parties = {}
        for party in Party.objects.filter(organisation=organisation):
            self.parties[_fold(party.abbreviation)] = party
            self.parties.setdefault(_fold(party.name), party)
        self.periods = list(MandatePeriod.objects.filter(organisation=organisation))
        people = list(Person.objects.filter(organisation=organisation))
        self.people_by_register_id = {p.register_id: p for p in people if p.register_id}
        self.people_by_email = {p.email.lower(): p for p in people if p.email}
        self.assignments: dict[int, list[Assignment]] = {}
        for assignment in Assignment.objects.filter(
            organisation=organisation
        ).select_related("body", "party", "person"):
            self.assignments.setdefault(assignment.person_id, []).append(assignment)

    def period_for(self, day: datetime.date | None) -> MandatePeriod | None:
        for period in self.periods:
            if day and period.contains(day):
                return period
        return None


def plan_import(
    *,
    organisation,
    keys: list[str],
    data: list[list],
    end_missing: bool,
    end_date: datetime.date | None,
    progress: Callable[[int], None] | None = None,
) -> Plan:
    """Check every row against the directory and return what the import would do."""
    directory = Directory(organisation)
    plan = Plan(rows_total=len(data))
    rows: list[Row] = []
    for index, values in enumerate(data):
        # Rows with problems still take part in the checks across rows, so a
        # duplicate of a bad row is reported in the same round.
        rows.append(_parse_row(index + 2, keys, values, directory, plan.problems))
        if progress and index % 250 == 249:
            progress(index + 1)
    _check_across_rows(rows, directory, plan.problems)
    if plan.problems:
        plan.problems.sort(key=lambda problem: problem.row or 0)
        return plan
    _plan_changes(rows, keys, directory, plan, end_missing, end_date)
    if progress:
        progress(len(data))
    return plan


def _parse_row(number, keys, values, directory, problems) -> Row:
    raw = {}
    for key, value in zip(keys, values, strict=False):
        if key:
            raw[key] = value

    def problem(column_key, code, cell="", **params):
        header = COLUMN_BY_KEY[column_key].header if column_key else None
        problems.append(Problem(number, header, code, params, _text(cell)))

    person = {}
    for key in ("first_name", "last_name"):
        text = _text(raw.get(key))
        if not text:
            problem(key, "required")
        elif len(text) > 100:
            problem(key, "too_long", text, limit=100)
        person[key] = text
    email = _text(raw.get("email")).lower()
    if email:
        try:
            validate_email(email)
        except ValidationError:
            problem("email", "bad_email", email, value=email)
    person["email"] = email
    for key, limit in (("phone", 40), ("title", 120), ("home_municipality", 120)):
        text = _text(raw.get(key))
        if len(text) > limit:
            problem(key, "too_long", text, limit=limit)
        person[key] = text
    gender_text = _fold(_text(raw.get("gender")))
    person["gender"] = GENDER_LOOKUP.get(gender_text, "")
    if gender_text and gender_text not in GENDER_LOOKUP:
        problem("gender", "bad_gender", gender_text)
    kind_text = _fold(_text(raw.get("kind")))
    person["kind"] = KIND_LOOKUP.get(kind_text, Person.Kind.ELECTED)
    if kind_text and kind_text not in KIND_LOOKUP:
        problem("kind", "bad_kind", kind_text)
    protected_text = _fold(_text(raw.get("protected_identity")))
    person["protected_identity"] = protected_text in YES
    if protected_text not in YES | NO:
        problem("protected_identity", "bad_yes_no", protected_text)
    register_id = _text(raw.get("register_id"))
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

    body_text = _text(raw.get("body"))
    role_text = _fold(_text(raw.get("role")))
    if body_text:
        row.body = directory.bodies.get(_fold(body_text))
        if row.body is None:
            problem("body", "unknown_body", body_text, value=body_text)
        if not role_text:
            problem("role", "body_without_role")
    elif role_text:
        problem("body", "role_without_body")
    if role_text:
        row.role = ROLE_LOOKUP.get(role_text, "")
        if not row.role:
            problem("role", "unknown_role", role_text, value=_text(raw.get("role")))
    party_text = _text(raw.get("party"))
    if party_text:
        row.party = directory.parties.get(_fold(party_text))
        if row.party is None:
            problem("party", "unknown_party", party_text, value=party_text)
    for key in ("starts_on", "ends_on", "left_party_on"):
        value = raw.get(key)
        if _text(value):
            try:
                setattr(row, key, _date(value))
            except ValueError:
                problem(key, "bad_date", value, value=_text(value))
    if body_text and not row.starts_on and not _text(raw.get("starts_on")):
        problem("starts_on", "start_required")
    if row.starts_on and row.ends_on and row.ends_on < row.starts_on:
        problem("ends_on", "end_before_start", raw.get("ends_on"))
    if row.left_party_on and not party_text:
        problem("left_party_on", "left_party_without_party", raw.get("left_party_on"))
    order_text = _text(raw.get("substitute_order"))
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


def _check_across_rows(rows: list[Row], directory: Directory, problems) -> None:
    first_row_of_person: dict[str, Row] = {}
    owner_of_email: dict[str, Row] = {}
    first_row_of_assignment: dict[tuple, int] = {}
    for row in rows:
        if row.person_key == "email:":
            continue  # no identity: already reported on the row itself
        earlier = first_row_of_person.setdefault(row.person_key, row)
        if earlier is not row and any(
            earlier.person[key] != row.person[key] for key in PERSON_KEYS
        ):
            problems.append(
                Problem(row.number, None, "conflicting_person", {"row": earlier.number})
            )
        email = row.person["email"]
        if email:
            owner = owner_of_email.setdefault(email, row)
            if owner.person_key != row.person_key:
                problems.append(
                    Problem(
                        row.number,
                        COLUMN_BY_KEY["email"].header,
                        "duplicate_email",
                        {"row": owner.number},
                        email,
                    )
                )
            existing = directory.people_by_email.get(email)
            matched = _match_person(row, directory)
            if existing is not None and existing != matched:
                problems.append(
                    Problem(
                        row.number,
                        COLUMN_BY_KEY["email"].header,
                        "email_taken",
                        {"name": str(existing)},
                        email,
                    )
                )
        if row.body is not None:
            key = (row.person_key, row.body.pk, row.role, row.starts_on)
            if key in first_row_of_assignment:
                problems.append(
                    Problem(
                        row.number,
                        None,
                        "duplicate_assignment",
                        {"row": first_row_of_assignment[key]},
                    )
                )
            else:
                first_row_of_assignment[key] = row.number


def _match_person(row: Row, directory: Directory) -> Person | None:
    register_id = row.person["register_id"]
    if register_id and register_id in directory.people_by_register_id:
        return directory.people_by_register_id[register_id]
    email = row.person["email"]
    if email and email in directory.people_by_email:
        person = directory.people_by_email[email]
        if not register_id or not person.register_id:
            return person
    return None


def _plan_changes(rows, keys, directory, plan, end_missing, end_date) -> None:
    present = set(keys)
    organisation = directory.organisation
    people: dict[str, Person] = {}
    new_people_keys: set[str] = set()
    matched_assignment_ids: set[int] = set()
    bodies_in_file: set[int] = set()
    for row in rows:
        person = people.get(row.person_key)
        if person is None:
            person = _match_person(row, directory)
            fields = {
                key: value
                for key, value in row.person.items()
                if key in present or key == "register_id" and value
            }
            if person is None:
                person = Person(organisation=organisation, **fields)
                plan.new_people.append(person)
                new_people_keys.add(row.person_key)
            else:
                changes = {
                    key: [_show(getattr(person, key)), _show(value)]
                    for key, value in fields.items()
                    if getattr(person, key) != value
                }
                if changes:
                    for key, value in fields.items():
                        setattr(person, key, value)
                    plan.changed_people.append((person, changes))
            people[row.person_key] = person
        if row.body is None:
            continue
        bodies_in_file.add(row.body.pk)
        existing = None
        if row.person_key not in new_people_keys:
            existing = _match_assignment(
                directory.assignments.get(person.pk, []), row, matched_assignment_ids
            )
        wanted = {
            "party": row.party,
            "starts_on": row.starts_on,
            "ends_on": row.ends_on if "ends_on" in present else None,
            "substitute_order": row.substitute_order
            if row.role == AssignmentRole.SUBSTITUTE
            else None,
            "left_party_on": row.left_party_on,
        }
        if existing is None:
            assignment = Assignment(
                organisation=organisation,
                person=person,
                body=row.body,
                role=row.role,
                period=directory.period_for(row.starts_on),
                **wanted,
            )
            plan.new_assignments.append((assignment, str(person)))
            continue
        matched_assignment_ids.add(existing.pk)
        if "ends_on" not in present:
            wanted["ends_on"] = existing.ends_on
        if "substitute_order" not in present:
            wanted["substitute_order"] = existing.substitute_order
        if "left_party_on" not in present:
            wanted["left_party_on"] = existing.left_party_on
        changes = {
            key: [_show(getattr(existing, key)), _show(value)]
            for key, value in wanted.items()
            if getattr(existing, key) != value
        }
        if changes:
            for key, value in wanted.items():
                setattr(existing, key, value)
            plan.changed_assignments.append((existing, changes))
        else:
            plan.unchanged_rows += 1
    if end_missing and end_date:
        for assignments in directory.assignments.values():
            for assignment in assignments:
                if (
                    assignment.body_id in bodies_in_file
                    and assignment.pk not in matched_assignment_ids
                    and assignment.starts_on <= end_date
                    and (assignment.ends_on is None or assignment.ends_on > end_date)
                ):
                    assignment.ends_on = end_date
                    plan.ended_assignments.append(assignment)


def _match_assignment(candidates, row: Row, taken: set[int]) -> Assignment | None:
    same = [
        a
        for a in candidates
        if a.body_id == row.body.pk and a.role == row.role and a.pk not in taken
    ]
    for assignment in same:
        if assignment.starts_on == row.starts_on:
            return assignment
    for assignment in same:
        if assignment.ends_on is None or (
            row.starts_on and assignment.ends_on >= row.starts_on
        ):
            return assignment
    return None


def _show(value) -> str:
    if value is None or value == "":
        return ""
    if isinstance(value, bool):
        return str(_("yes") if value else pgettext_lazy("answer", "no"))
    if isinstance(value, datetime.date):
        return value.isoformat()
    return str(value)
