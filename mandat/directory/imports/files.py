"""Reading the register's file: its columns, the problems found in it and
their messages, the rows of an .xlsx or .csv file, and a cell as text or as
a date."""

import codecs
import csv
import datetime
import io
import zipfile
from dataclasses import dataclass, field

from django.utils.translation import gettext_lazy as _

from mandat.core.forms import YEAR_MAX, YEAR_MIN
from mandat.core.richtext import CONTROL_CHARACTERS, text_strip_controls


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
    rows = [row for row in rows if any(cell_text(value) for value in row)]
    if not rows:
        raise FileProblem("file_empty")
    return rows


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


def cell_text(value) -> str:
    """A cell as text, as the register import reads it: without control and
    bidirectional override characters (a NUL in a name would break every
    export of it)."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return text_strip_controls(str(value)).strip()


def cell_date(value) -> datetime.date:
    """A cell as a date (a date cell, 2027-01-22 or 20270122); raises
    ValueError for anything else or a year out of range."""
    day = _parse_date(value)
    if not YEAR_MIN <= day.year <= YEAR_MAX:
        raise ValueError(day)
    return day


def _parse_date(value) -> datetime.date:
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    text = cell_text(value)
    for pattern in ("%Y-%m-%d", "%Y%m%d", "%Y-%m-%d %H:%M:%S"):
        try:
            return datetime.datetime.strptime(text, pattern).date()
        except ValueError:
            continue
    raise ValueError(text)
