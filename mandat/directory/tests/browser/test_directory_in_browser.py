"""The coordinator's way through the directory in a real browser, with axe-core
checking every page on the way."""

import re

import pytest
from playwright.sync_api import expect

from mandat.accounts.models import Membership
from mandat.accounts.tests.factories import PASSWORD, UserFactory
from mandat.core.access import Role
from mandat.core.demo import DEMO_PASSWORD
from mandat.directory.models import Person
from mandat.directory.tests.factories import BodyFactory, PartyFactory
from mandat.directory.tests.helpers import register_row, xlsx_bytes
from mandat.testing.browser import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_coordinator_finds_the_presidium_of_socialnamnden_in_the_demo(demo, page):
    log_in(page, "samordnare@exempelstad.example", DEMO_PASSWORD)
    expect(page.get_by_role("heading", level=1)).to_contain_text("Välkommen")
    page.axe.check("dashboard")

    menu = page.get_by_role("navigation", name="Huvudmeny")
    menu.locator("summary", has_text="Register").click()
    menu.get_by_role("link", name="Organ").click()
    page.axe.check("bodies")
    page.get_by_label("Sök", exact=True).fill("Socialnämnden")
    page.get_by_role("button", name="Visa").click()
    page.axe.check("bodies filtered")
    page.get_by_role("link", name="Socialnämnden", exact=True).click()
    page.axe.check("Socialnämnden")

    expect(page.get_by_role("heading", level=1)).to_contain_text("Socialnämnden")
    presidium = page.get_by_role("table", name="Presidium")
    expect(presidium.get_by_role("row")).to_have_count(4)  # header + 3
    expect(presidium).to_contain_text("Ordförande")
    expect(presidium).to_contain_text("1:e vice ordförande")
    expect(presidium).to_contain_text("2:e vice ordförande")


def test_the_coordinator_finds_a_person_and_their_assignments(page, organisation):
    coordinator = UserFactory(email="cora@example.se")
    Membership.objects.create(
        user=coordinator, organisation=organisation, role=Role.COORDINATOR
    )
    PartyFactory(organisation=organisation, abbreviation="S")
    BodyFactory(organisation=organisation, name="Socialnämnden")
    from mandat.directory.services import register_import_rows

    register_import_rows(
        actor=None,
        organisation=organisation,
        rows=[
            register_row(
                **{
                    "Förnamn": "Märta",
                    "Efternamn": "Sökbar",
                    "E-post": "marta@example.se",
                    "Roll": "ordförande",
                }
            )
        ],
        note="test",
    )
    log_in(page, "cora@example.se", PASSWORD)
    page.axe.check("dashboard")

    page.locator(".main-nav summary", has_text="Register").click()
    page.get_by_role("link", name="Personer").first.click()
    page.axe.check("people")
    page.get_by_label("Sök", exact=True).fill("märta")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    page.axe.check("people search")
    page.get_by_role("link", name="Sökbar, Märta").click()
    page.axe.check("person")

    expect(page.get_by_role("heading", level=1)).to_have_text("Märta Sökbar")
    expect(page.get_by_role("table", name="Uppdrag")).to_contain_text("Ordförande")


def test_an_import_with_a_bad_row_is_refused_and_the_corrected_file_imports(
    page, organisation, tmp_path
):
    coordinator = UserFactory(email="cora@example.se")
    Membership.objects.create(
        user=coordinator, organisation=organisation, role=Role.COORDINATOR
    )
    PartyFactory(organisation=organisation, abbreviation="S")
    BodyFactory(organisation=organisation, name="Socialnämnden")
    good = register_row(**{"Register-id": "1", "E-post": "a@example.se"})
    bad = register_row(**{"Register-id": "2", "E-post": "b@example.se", "Parti": "ZZ"})
    bad_file = tmp_path / "register.xlsx"
    bad_file.write_bytes(xlsx_bytes([good, bad]))
    fixed_file = tmp_path / "register-rättad.xlsx"
    fixed_file.write_bytes(xlsx_bytes([good, {**bad, "Parti": "S"}]))

    log_in(page, "cora@example.se", PASSWORD)
    page.axe.check("dashboard")
    menu = page.get_by_role("navigation", name="Huvudmeny")
    menu.locator("summary", has_text="Register").click()
    menu.get_by_role("link", name="Import").click()
    page.axe.check("import")

    page.get_by_label("Fil (.xlsx eller .csv)").set_input_files(str(bad_file))
    page.get_by_role("button", name="Kontrollera filen").click()
    page.axe.check("import with errors")
    errors = page.get_by_role("table", name="Fel per rad")
    expect(errors).to_contain_text("Det finns inget parti ”ZZ” i registret.")
    expect(errors.get_by_role("row").nth(1)).to_contain_text("3")
    expect(page.get_by_role("button", name="Importera")).to_have_count(0)
    assert Person.objects.filter(organisation=organisation).count() == 0

    page.get_by_role("link", name="Tillbaka till importerna").click()
    page.axe.check("import again")
    page.get_by_label("Fil (.xlsx eller .csv)").set_input_files(str(fixed_file))
    page.get_by_role("button", name="Kontrollera filen").click()
    page.axe.check("import checked")
    page.get_by_role("button", name="Importera").click()
    page.axe.check("import applied")

    expect(page.get_by_role("status")).to_contain_text(re.compile("Importerad"))
    assert Person.objects.filter(organisation=organisation).count() == 2
