"""Log-in with the keyboard alone, and its errors, in a real browser."""

import pytest
from playwright.sync_api import expect

from mandat.accounts.models import Membership
from mandat.accounts.tests.factories import PASSWORD, UserFactory
from mandat.core.access import Role

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_keyboard_user_logs_in_and_a_wrong_password_is_announced(page, organisation):
    user = UserFactory(email="elin@example.se", full_name="Elin Exempel")
    Membership.objects.create(user=user, organisation=organisation, role=Role.ELECTED)
    page.goto("/accounts/login/")
    page.axe.check("log-in")

    # The first Tab reaches the skip link.
    page.keyboard.press("Tab")
    expect(page.get_by_role("link", name="Hoppa till innehållet")).to_be_focused()

    page.get_by_label("E-postadress").fill("elin@example.se")
    page.get_by_label("Lösenord").fill("fel-lösenord")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    page.axe.check("log-in failed")
    summary = page.get_by_role("alert")
    expect(summary).to_be_focused()
    expect(summary).to_contain_text("E-postadressen eller lösenordet är fel.")

    page.get_by_label("Lösenord").fill(PASSWORD)
    with page.expect_navigation():
        page.keyboard.press("Enter")
    page.axe.check("overview")
    expect(page.get_by_role("heading", level=1)).to_have_text("Välkommen, Elin Exempel")

    # English is one click away, and stays chosen.
    with page.expect_navigation():
        page.get_by_role("button", name="English").click()
    page.axe.check("overview in English")
    expect(page.get_by_role("heading", level=1)).to_have_text("Welcome, Elin Exempel")
    expect(page.locator("html")).to_have_attribute("lang", "en")
