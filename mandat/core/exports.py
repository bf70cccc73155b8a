"""Exports of lists to Excel and CSV.

Each list declares its export once, as an exporter in the app that owns the
list (``<app>/exporters.py``): a title, a file name, its columns, its rows and
who may use it (pretix's ``ListExporter``). One writer here makes the file, so
what breaks a file where it is opened is handled in one place:

- sheet names that Excel accepts (no ``: \\ / ? * [ ]``, at most 31
  characters, cut between words, never empty, never "History");
- a frozen bold header row with filter buttons, repeated on printed pages;
- real numbers, dates and times (in Europe/Stockholm, shown as Swedish
  dates), so that a column of hours can be summed;
- text that a spreadsheet would run as a formula (starting with ``= + - @``,
  a tab or a carriage return, per OWASP) kept as text;
- characters that XML forbids removed instead of failing the download;
- protected identities (*skyddad identitet*) hidden, whoever exports:
  files leave Mandat, so they never carry such a name;
- CSV as Swedish Excel opens it: UTF-8 with a byte order mark, ``;`` between
  fields, CRLF line ends, decimal commas.

A view picks the exporter and returns :func:`export_response`."""

import csv
import datetime
import decimal
import io
import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, ClassVar

from django.contrib.auth.base_user import AbstractBaseUser
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import ImproperlyConfigured
from django.db.models import QuerySet
from django.http import Http404, HttpResponse
from django.utils import timezone
from django.utils.module_loading import autodiscover_modules
from django.utils.translation import gettext, gettext_lazy, pgettext

from .downloads import download_response
from .models import Organisation
from .permissions import require

if TYPE_CHECKING:
    from django.utils.functional import _StrOrPromise
    from openpyxl.cell.cell import Cell

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
CSV_TYPE = "text/csv; charset=utf-8"
FORMATS = {"xlsx": XLSX_TYPE, "csv": CSV_TYPE}

# What stands in a name column for a person with protected personal data; the
# same text as ``Person.public_name``.
PROTECTED_NAME = gettext_lazy("Protected identity")

SHEET_NAME_MAX = 31
# Excel refuses these in a sheet name; openpyxl raises ValueError for them.
SHEET_NAME_FORBIDDEN = re.compile(r"[:\\/?*\[\]]")
# Excel keeps this name for the change history of a shared workbook.
SHEET_NAME_RESERVED = "history"
# Text starting with one of these is a formula to a spreadsheet (OWASP, CSV
# injection).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
# Characters that XML 1.0 does not allow; openpyxl raises for them.
ILLEGAL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
WIDTH_MAX = 60

# Excel number formats; Swedish Excel shows "#,##0.00" as 1 234,50.
DATE_FORMAT = "yyyy-mm-dd"
DATETIME_FORMAT = "yyyy-mm-dd hh:mm"
TIME_FORMAT = "hh:mm"


@dataclass(frozen=True)
class Column:
    """One column of an export: its header and how to get a row's value.

    ``person`` names the person a cell identifies; for a person with
    protected personal data the cell holds ``protected`` instead of the
    value. ``decimals`` fixes the decimals of a number column."""

    header: "_StrOrPromise"
    value: Callable[[Any], Any]
    person: Callable[[Any], Any] | None = None
    protected: "_StrOrPromise" = ""
    decimals: int | None = None

    def cell(self, row: Any) -> Any:
        """Return the value of this column in ``row``."""
        if self.person is not None:
            person = self.person(row)
            if person is not None and person.protected_identity:
                return str(self.protected)
        return self.value(row)


def person_columns(person: Callable[[Any], Any], *, email: bool = True) -> list[Column]:
    """Return last name, first name (and e-mail) of the person ``person(row)``
    as columns; for a protected identity they read "Skyddad identitet"."""
    columns = [
        Column(
            gettext_lazy("Last name"),
            lambda row: person(row).last_name,
            person=person,
            protected=PROTECTED_NAME,
        ),
        Column(
            gettext_lazy("First name"),
            lambda row: person(row).first_name,
            person=person,
        ),
    ]
    if email:
        columns.append(
            Column(
                gettext_lazy("E-mail address"),
                lambda row: person(row).email,
                person=person,
            )
        )
    return columns


def person_name_column(header: "_StrOrPromise", person: Callable[[Any], Any]) -> Column:
    """Return a column with the full name of ``person(row)``, hidden for a
    protected identity."""
    return Column(
        header,
        lambda row: person(row).full_name,
        person=person,
        protected=PROTECTED_NAME,
    )


# Exporters ------------------------------------------------------------------------

_registry: dict[str, type["ListExporter"]] = {}


class ListExporter:
    """A list as a file. A subclass declares, once:

    ``identifier``
        a unique name such as ``"directory.people"``; giving it registers the
        exporter, so that tests can reach every export Mandat offers;
    ``verbose_name``
        what the list is; the default title of the sheet;
    ``url_name``
        the page that offers the export as ``?export=<format>`` (or, with
        ``format_parameter = None``, the address of the file itself);
    ``filename``
        the start of the file's name, to which the day (unless ``dated`` is
        false) and the extension are added;
    ``columns`` or ``get_columns()``, ``get_rows()`` and ``has_permission()``.

    The view makes the exporter with the user, the organisation and what the
    list shows (a filtered queryset, an occasion, a year, ...)."""

    identifier: ClassVar[str] = ""
    verbose_name: ClassVar["_StrOrPromise"] = ""
    url_name: ClassVar[str] = ""
    filename: ClassVar[str] = "export"
    dated: ClassVar[bool] = True
    formats: ClassVar[tuple[str, ...]] = ("xlsx", "csv")
    format_parameter: ClassVar[str | None] = "export"
    columns: ClassVar[Sequence[Column]] = ()

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        identifier = cls.__dict__.get("identifier")
        if not identifier:
            return
        known = _registry.get(identifier)
        if known is not None and known.__qualname__ != cls.__qualname__:
            raise ImproperlyConfigured(
                f"Two exporters are called {identifier}: {known} and {cls}."
            )
        _registry[identifier] = cls

    def __init__(
        self, *, user: AbstractBaseUser | AnonymousUser, organisation: Organisation
    ) -> None:
        self.user = user
        self.organisation = organisation

    def has_permission(self) -> bool:
        """Return whether the user may export this list."""
        raise NotImplementedError

    def get_title(self) -> str:
        """Return the title of the list, which names the sheet."""
        return str(self.verbose_name)

    def get_filename(self) -> str:
        """Return the file name without the day and the extension."""
        return self.filename

    def get_columns(self) -> Sequence[Column]:
        """Return the columns, in order."""
        return self.columns

    def get_rows(self) -> Iterable[Any]:
        """Return the rows; each column gets its value from one of them."""
        raise NotImplementedError


class QuerysetExporter(ListExporter):
    """An exporter of the list a page shows: its filtered queryset, read in
    chunks so that a long list is not held in memory at once."""

    def __init__(
        self,
        *,
        user: AbstractBaseUser | AnonymousUser,
        organisation: Organisation,
        queryset: QuerySet[Any],
    ) -> None:
        super().__init__(user=user, organisation=organisation)
        self.queryset = queryset

    def get_rows(self) -> Iterator[Any]:
        return self.queryset.iterator(chunk_size=1000)


def exporter_registry() -> dict[str, type[ListExporter]]:
    """Return every exporter of every app, by identifier."""
    autodiscover_modules("exporters")
    return dict(sorted(_registry.items()))


def export_url_query(exporter_class: type[ListExporter], file_format: str) -> str:
    """Return the query string that asks ``url_name`` for a file."""
    if exporter_class.format_parameter is None:
        return ""
    return f"{exporter_class.format_parameter}={file_format}"


def export_build(exporter: ListExporter, file_format: str) -> bytes:
    """Return the list of ``exporter`` as an XLSX or CSV file."""
    columns = list(exporter.get_columns())
    rows = ([column.cell(row) for column in columns] for row in exporter.get_rows())
    if file_format == "xlsx":
        return xlsx_write(title=exporter.get_title(), columns=columns, rows=rows)
    if file_format == "csv":
        return csv_write(columns=columns, rows=rows)
    raise ValueError(file_format)


def export_response(exporter: ListExporter, file_format: str) -> HttpResponse:
    """Return the list of ``exporter`` as a download, if the user may have it."""
    if type(exporter).identifier not in _registry:
        raise ImproperlyConfigured(f"{type(exporter)} has no identifier.")
    if file_format not in exporter.formats:
        raise Http404
    require(exporter.has_permission())
    content = export_build(exporter, file_format)
    name = exporter.get_filename()
    if exporter.dated:
        name = f"{name}-{timezone.localdate().isoformat()}"
    return download_response(
        content, filename=f"{name}.{file_format}", content_type=FORMATS[file_format]
    )


# Writers --------------------------------------------------------------------------


def sheet_name(title: str) -> str:
    """Return ``title`` as a sheet name that Excel accepts: without the
    characters it forbids, cut between words to 31 characters, never empty and
    never the reserved "History"."""
    name = " ".join(
        SHEET_NAME_FORBIDDEN.sub(" ", ILLEGAL_CHARACTERS.sub("", title)).split()
    )
    # Excel also refuses a name that starts or ends with an apostrophe.
    name = name.strip("'").strip()
    if len(name) > SHEET_NAME_MAX:
        cut = name[: SHEET_NAME_MAX + 1]
        space = cut.rfind(" ")
        name = cut[:space] if space > 0 else cut[:SHEET_NAME_MAX]
        name = name.rstrip(" -–—,;.'").strip()
    if not name:
        name = pgettext("spreadsheet", "Sheet")
    if name.lower() == SHEET_NAME_RESERVED:
        name = f"{name} 1"
    return name


def xlsx_write(
    *, title: str, columns: Sequence[Column], rows: Iterable[list[Any]]
) -> bytes:
    """Return an .xlsx workbook with one sheet: the header, then the rows."""
    from openpyxl import Workbook
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.properties import PageSetupProperties

    workbook = Workbook()
    workbook.properties.title = str(title)
    workbook.properties.creator = "Mandat"
    sheet = workbook.active
    sheet.title = sheet_name(str(title))
    headers = [_text(str(column.header)) for column in columns]
    bold = Font(bold=True)
    for index, header in enumerate(headers, start=1):
        # Headers can hold what people typed (a plan item's title): text too.
        cell = sheet.cell(row=1, column=index)
        _xlsx_set(cell, header, None)
        cell.font = bold
    widths = [len(header) for header in headers]
    formats = [_decimals_format(column.decimals) for column in columns]
    row_number = 1
    for values in rows:
        row_number += 1
        for index, value in enumerate(values):
            cell = sheet.cell(row=row_number, column=index + 1)
            _xlsx_set(cell, value, formats[index])
            widths[index] = max(widths[index], _width(cell.value))
    last = get_column_letter(max(len(columns), 1))
    sheet.auto_filter.ref = f"A1:{last}{row_number}"
    sheet.freeze_panes = "A2"
    sheet.print_title_rows = "1:1"
    sheet.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
    sheet.page_setup.fitToHeight = 0
    for index, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = min(
            WIDTH_MAX, width + 2
        )
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _xlsx_set(cell: "Cell", value: object, number_format: str | None) -> None:
    if isinstance(value, bool):
        value = gettext("yes") if value else gettext("no")
    if isinstance(value, datetime.datetime):
        if timezone.is_aware(value):
            value = timezone.localtime(value)
        cell.value = value.replace(tzinfo=None)
        cell.number_format = DATETIME_FORMAT
    elif isinstance(value, datetime.date):
        cell.value = value
        cell.number_format = DATE_FORMAT
    elif isinstance(value, datetime.time):
        cell.value = value.replace(tzinfo=None)
        cell.number_format = TIME_FORMAT
    elif isinstance(value, int | float | decimal.Decimal):
        cell.value = value
        if number_format:
            cell.number_format = number_format
    elif value is None:
        cell.value = None
    else:
        text = _text(str(value))
        cell.value = text
        # openpyxl makes every text starting with "=" a formula: the cell is
        # text, and marked so Excel keeps it text when someone edits it.
        cell.data_type = "s"
        if text.startswith(FORMULA_STARTS):
            cell.quotePrefix = True


def _decimals_format(decimals: int | None) -> str | None:
    if decimals is None:
        return None
    return "#,##0" + ("." + "0" * decimals if decimals else "")


def _text(value: str) -> str:
    return ILLEGAL_CHARACTERS.sub("", value)


def _width(value: object) -> int:
    if value is None:
        return 0
    if isinstance(value, datetime.datetime):
        return 16
    if isinstance(value, datetime.date):
        return 10
    return max((len(line) for line in str(value).splitlines()), default=0)


def csv_write(*, columns: Sequence[Column], rows: Iterable[list[Any]]) -> bytes:
    """Return the rows as CSV that Swedish Excel opens without a question:
    UTF-8 with a byte order mark, semicolons, CRLF and decimal commas."""
    output = io.StringIO()
    writer = csv.writer(output, delimiter=";", lineterminator="\r\n")
    writer.writerow([_csv_text(str(column.header)) for column in columns])
    for values in rows:
        writer.writerow(
            [
                _csv_value(value, column.decimals)
                for value, column in zip(values, columns, strict=True)
            ]
        )
    return ("\ufeff" + output.getvalue()).encode("utf-8")


def _csv_value(value: object, decimals: int | None) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return gettext("yes") if value else gettext("no")
    if isinstance(value, datetime.datetime):
        if timezone.is_aware(value):
            value = timezone.localtime(value)
        return value.strftime("%Y-%m-%d %H:%M")
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, datetime.time):
        return value.strftime("%H:%M")
    if isinstance(value, int | float | decimal.Decimal):
        # Swedish spreadsheets read "3,50" as a number and "3.50" as text.
        if decimals is not None:
            text = f"{value:.{decimals}f}"
        elif isinstance(value, int):
            text = str(value)
        else:
            # Written out in full: "1e-05" would be text to a spreadsheet.
            number = value if isinstance(value, decimal.Decimal) else repr(value)
            text = format(decimal.Decimal(number).normalize(), "f")
        return text.replace(".", ",")
    return _csv_text(str(value))


def _csv_text(text: str) -> str:
    # A leading apostrophe makes the spreadsheet read a formula as text (OWASP).
    text = ILLEGAL_CHARACTERS.sub("", text)
    if text.startswith(FORMULA_STARTS):
        return "'" + text
    return text
