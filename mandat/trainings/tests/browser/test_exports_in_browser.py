"""Exports as Chromium downloads them, in the demo: the plan's file keeps
the en dash of "2026–2030" in its name, and a committee secretary's fee basis
(whose sheet name once held a colon and answered 500) opens. axe-core checks
every page."""

import csv
import io
from pathlib import Path

import pytest
from django.utils import timezone
from openpyxl import load_workbook

from mandat.directory.models import Body
from mandat.testing.browser import log_in
from mandat.trainings.models import TrainingPlan

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def download(page, name):
    with page.expect_download() as event:
        page.get_by_role("link", name=name, exact=True).first.click()
    return event.value


def test_exports_arrive_with_their_names_and_open(demo, page, new_page):
    today = timezone.localdate()
    plan = TrainingPlan.objects.filter(period__starts_on__lte=today).latest(
        "period__starts_on"
    )
    log_in(page, "samordnare@exempelstad.example")

    page.goto(f"/o/exempelstad/plan/{plan.pk}/")
    page.axe.check("plan")
    xlsx = download(page, "Exportera till Excel")
    text = download(page, "Exportera till CSV")

    stem = f"utbildningsplan-{plan.period.name}-{today.isoformat()}"
    assert "–" in plan.period.name
    assert xlsx.suggested_filename == f"{stem}.xlsx"
    assert text.suggested_filename == f"{stem}.csv"
    sheet = load_workbook(io.BytesIO(Path(xlsx.path()).read_bytes())).active
    rows = list(sheet.iter_rows(values_only=True))
    content = Path(text.path()).read_bytes()
    assert content.startswith(b"\xef\xbb\xbf")
    assert [
        tuple(row)
        for row in csv.reader(io.StringIO(content.decode("utf-8-sig")), delimiter=";")
    ][0] == rows[0]
    assert len(rows) == 1 + plan.items.count()

    social = Body.objects.get(organisation=plan.organisation, name="Socialnämnden")
    page = new_page()
    log_in(page, "sekreterare.sn@exempelstad.example")
    page.goto(
        f"/o/exempelstad/fee-basis/?body={social.pk}"
        f"&starts_on={today.year - 1}-01-01&ends_on={today.isoformat()}"
    )
    page.axe.check("fee basis")
    xlsx = download(page, "Exportera till Excel")

    assert xlsx.suggested_filename.startswith("arvodesunderlag-")
    sheet = load_workbook(io.BytesIO(Path(xlsx.path()).read_bytes())).active
    assert sheet.title == "Arvodesunderlag Socialnämnden"
    assert sheet.freeze_panes == "A2"
