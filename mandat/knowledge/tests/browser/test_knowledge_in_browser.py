"""An elected official in the demo watches a captioned film of the basic
training and reads the handbook page on digital meetings; axe-core checks
every page."""

import pytest
from playwright.sync_api import expect

from mandat.knowledge.models import FilmView
from mandat.testing.browser import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def click(page, name, *, role="link", context=""):
    with page.expect_navigation():
        page.get_by_role(role, name=name, exact=True).first.click()
    page.axe.check(context or name)


def test_a_newcomer_catches_up_with_a_film_and_reads_the_handbook(demo, page):
    log_in(page, "nyvald@exempelstad.example")
    page.locator(".main-nav summary", has_text="Mitt").click()
    click(page, "Kom ikapp", context="catch-up")
    expect(page.locator("main")).to_contain_text(
        "Grundutbildning för alla förtroendevalda"
    )
    expect(page.locator("main")).to_contain_text(
        "Grundutbildning för förtroendevalda 2027"
    )
    click(page, "Filmer och handbok", context="film library")
    expect(page.locator("main")).not_to_contain_text("Medborgardialog i praktiken")
    click(page, "Att leda digitala sammanträden", context="film")
    expect(page.locator("main")).to_contain_text("Undertexter (WebVTT)")
    click(page, "Jag har sett filmen", role="button", context="watched")
    assert FilmView.objects.filter(
        person__account__email="nyvald@exempelstad.example"
    ).exists()
    click(page, "Digitala sammanträden", context="handbook page")
    expect(page.get_by_role("heading", level=1)).to_have_text("Digitala sammanträden")
    expect(page.locator(".prose h2").first).to_have_text(
        "Digitalt möte eller hybridmöte"
    )
    click(page, "Politikerhandboken", context="handbook")

    # Search from the box on every page: the handbook page and the minutes.
    page.get_by_role("searchbox", name="Sök i Mandat").fill("digitalt möte")
    with page.expect_navigation():
        page.get_by_role("search").first.get_by_role("button", name="Sök").click()
    page.axe.check("search results")
    hits = page.locator(".search-hits")
    expect(hits).to_contain_text("Digitala sammanträden")
    expect(hits).to_contain_text("Politikerhandboken (Kommunstyrelsens styrgrupp")
    click(page, "Digitala sammanträden", context="page from search")
