"""Steps every browser test takes."""

from mandat.core.demo import DEMO_NAME, DEMO_PASSWORD


def log_in(page, email: str, password: str = DEMO_PASSWORD, *, start: str = "/"):
    """Log in from ``start``; an account in several organisations (the demo
    coordinator is in Exempelstad and its network) then picks Exempelstad."""
    page.goto(start)
    page.axe.check("log-in")
    page.get_by_label("E-postadress").fill(email)
    page.get_by_label("Lösenord").fill(password)
    with page.expect_navigation():
        page.get_by_role("button", name="Logga in").click()
    if page.get_by_role("heading", name="Välj organisation").count():
        page.axe.check("choose organisation")
        with page.expect_navigation():
            page.get_by_role("link", name=DEMO_NAME, exact=True).click()
    page.axe.check("overview")
