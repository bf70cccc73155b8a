"""Issue 5's path in a real browser, in the demo: the attendees of a held
occasion get the evaluation and answer it from their links, the coordinator
sees the response rate and the results with a small group suppressed, books
a cost, and produces the annual report as PDF and Word whose JSON matches
the page. axe-core checks every page."""

import io
import json
import re
from pathlib import Path

import pytest
from docx import Document
from playwright.sync_api import expect

from mandat.notifications.models import Message
from mandat.testing.browser import log_in
from mandat.testing.pdfs import is_pdf_a
from mandat.trainings.models import Training

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def click(page, name, *, role="link", context=""):
    with page.expect_navigation():
        page.get_by_role(role, name=name, exact=True).first.click()
    page.axe.check(context or name)


def test_evaluation_costs_and_the_annual_report(
    demo, page, new_page, live_server, settings
):
    settings.SITE_URL = live_server.url
    training = Training.objects.get(status="held", questionnaire__isnull=True)
    occasion = training.occasions.first()
    year = occasion.starts_at.year
    log_in(page, "samordnare@exempelstad.example")

    # Make the evaluation from the standard questions and send it.
    page.goto(f"/o/exempelstad/trainings/{training.pk}/")
    page.axe.check("held training")
    click(
        page,
        "Skapa utvärderingen utifrån standardfrågorna",
        role="button",
        context="evaluation",
    )
    click(page, "Öppna för svar", role="button", context="evaluation open")
    click(page, re.compile("^Skicka nu"), role="button", context="evaluation sent")
    links = [
        re.search(r"https?://\S+/e/\S+/", m.body_text).group(0)
        for m in Message.objects.filter(event="evaluations.request").order_by("id")
    ]
    assert len(links) == 33

    # Six answer on their phones: five women and one man.
    tab = new_page(width=390, height=844)
    for number, link in enumerate(links[:6]):
        tab.goto(link)
        tab.axe.check(f"questionnaire {number}")
        tab.get_by_label("utmärkt" if number % 2 else "mer än godkänt").check()
        tab.get_by_label("man" if number == 5 else "kvinna", exact=True).check()
        tab.get_by_label("Vad var bäst?").fill(f"Tydliga exempel {number}")
        with tab.expect_navigation():
            tab.get_by_role("button", name="Skicka mina svar").click()
        tab.axe.check(f"answered {number}")
        expect(tab.locator(".message--success")).to_contain_text("anonyma")
    tab.goto(links[0])
    tab.axe.check("link used again")
    expect(tab.get_by_role("button", name="Skicka mina svar")).to_have_count(0)

    # The results: shown once the evaluation is closed, with the response
    # rate, and the man's group not shown.
    click(page, "Resultat", context="results while open")
    expect(page.locator(".message--warning")).to_contain_text("stängts")
    page.go_back()
    click(page, "Stäng", role="button", context="evaluation closed")
    click(page, "Resultat", context="results")
    expect(page.locator(".lead")).to_contain_text("6 av 33")
    expect(page.locator(".lead")).to_contain_text("svarsfrekvens 18 %")
    expect(page.get_by_text(re.compile("^man: visas inte"))).to_have_count(1)

    # A cost for the training.
    click(page, "Uppföljning", context="follow-up")
    click(page, "Kostnader och budget", context="costs")
    page.get_by_label("Utbildning", exact=True).select_option(label=training.title)
    page.get_by_label("Kategori").select_option(label="Föreläsare")
    page.get_by_label("Belopp (kr)").fill("-100")
    click(page, "Bokför kostnaden", role="button", context="negative cost")
    expect(page.locator(".errorlist").first).to_contain_text("negativt")
    page.get_by_label("Belopp (kr)").fill("12 500 kr")
    page.get_by_label("Datum").fill(occasion.starts_at.date().isoformat())
    click(page, "Bokför kostnaden", role="button", context="cost booked")
    expect(page.locator("main")).to_contain_text(training.title)

    # The annual report of that year, as page, JSON, PDF and Word.
    page.goto(f"/o/exempelstad/reports/annual/?year={year}")
    page.axe.check("annual report")
    report = json.loads(page.request.get(f"{page.url}&format=json").text())
    row = next(
        t
        for t in report["trainings_in_plan"] + report["trainings_outside_plan"]
        if t["title"] == training.title
    )
    assert row["evaluation"]["answered"] == 6
    assert row["evaluation"]["response_rate"] == 18
    table = page.locator("table").filter(has_text=training.title).first
    expect(table).to_contain_text(str(row["attended"]))
    expect(page.locator("main")).to_contain_text(
        f"{report['totals']['trainings']} utbildningar med"
    )
    with page.expect_download() as pdf:
        page.get_by_role("link", name="PDF", exact=True).click()
    assert is_pdf_a(Path(pdf.value.path()).read_bytes())
    with page.expect_download() as word:
        page.get_by_role("link", name="Word", exact=True).click()
    document = Document(io.BytesIO(Path(word.value.path()).read_bytes()))
    cells = [c.text for t in document.tables for r in t.rows for c in r.cells]
    assert training.title in cells
