"""No register file gives a 500: generated CSV and Excel files, with odd
headers, cells and encodings, through the import's check and its page."""

import codecs
import io

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mandat.core.tests.fuzzing import FUZZ, fuzz_world, text_values
from mandat.core.tests.world import keep_files
from mandat.directory import imports
from mandat.directory import services as directory_services
from mandat.directory.models import ImportJob

# Run once, on PostgreSQL (production's database): what a form or a query
# parameter does with bad input does not depend on the engine, and the
# fuzzers are among the suite's longest tests (~40 s a run).
pytestmark = [pytest.mark.django_db, pytest.mark.postgres]


@pytest.fixture
def world(client, django_user_model):
    return fuzz_world(client)


@pytest.fixture(autouse=True)
def _keep_files(monkeypatch):
    keep_files(monkeypatch)


CELLS = st.one_of(
    text_values(),
    st.sampled_from(["ja", "nej", "kvinna", "ledamot", "ersättare", "2027-01-01"]),
    st.integers(min_value=-(10**12), max_value=10**12),
    st.floats(allow_nan=True, allow_infinity=True),
    st.dates(),
    st.datetimes(),
    st.none(),
)
HEADERS = [column.header for column in imports.COLUMNS]


def _csv(rows: list[list], encoding: str, delimiter: str) -> bytes:
    text = "\r\n".join(
        delimiter.join(str(cell if cell is not None else "") for cell in row)
        for row in rows
    )
    data = text.encode(encoding, errors="replace")
    if encoding == "utf-16":
        return data
    return (codecs.BOM_UTF8 if encoding == "utf-8-sig" else b"") + data


def _xlsx(rows: list[list]) -> bytes:
    from openpyxl import Workbook
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    def cell(value):
        # Control characters cannot be stored in a workbook at all.
        if isinstance(value, str):
            return ILLEGAL_CHARACTERS_RE.sub("", value)
        return value

    workbook = Workbook()
    sheet = workbook.active
    for row in rows:
        try:
            sheet.append([cell(value) for value in row])
        except (ValueError, TypeError, OverflowError):
            # A value Excel cannot hold (a far-off date) is written as text.
            sheet.append([cell(str(value)) for value in row])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


@st.composite
def register_files(draw) -> tuple[str, bytes]:
    headers = draw(
        st.lists(
            st.one_of(st.sampled_from(HEADERS), text_values()), min_size=0, max_size=10
        )
    )
    if draw(st.booleans()):
        headers = ["Förnamn", "Efternamn", *headers]
    rows = [headers] + draw(
        st.lists(st.lists(CELLS, max_size=len(headers) + 2), max_size=6)
    )
    kind = draw(st.sampled_from(["csv", "xlsx", "bytes"]))
    if kind == "bytes":
        name = draw(st.sampled_from(["r.csv", "r.xlsx", "r.xls", "r.txt", "r"]))
        return name, draw(st.binary(max_size=2000))
    if kind == "xlsx":
        return "register.xlsx", _xlsx(rows)
    encoding = draw(
        st.sampled_from(["utf-8", "utf-8-sig", "cp1252", "utf-16", "latin-1", "cp437"])
    )
    delimiter = draw(st.sampled_from([";", ",", "\t"]))
    return "register.csv", _csv(rows, encoding, delimiter)


def test_no_register_file_breaks_the_check_or_its_page(world):
    prober = world["prober"]
    ours = world["ours"]
    coordinator = ours["users"]["coordinator"]
    tried = 0

    @settings(FUZZ, max_examples=50)
    @given(upload=register_files(), end_missing=st.booleans())
    def check(upload, end_missing):
        nonlocal tried
        tried += 1
        filename, content = upload
        job = ImportJob.objects.create(
            organisation=ours["organisation"],
            filename=filename,
            content=content,
            created_by=coordinator,
            end_missing=end_missing,
        )
        try:
            job = directory_services.import_job_check(job_id=job.pk)
            assert job.status in (ImportJob.Status.CHECKED, ImportJob.Status.REJECTED)
            url = f"/o/{ours['organisation'].slug}/directory/import/{job.pk}/"
            assert prober.fetch("coordinator", "GET", url) == 200
        finally:
            job.delete()

    check()
    print(f"\nfuzzed the register import with {tried} files")
