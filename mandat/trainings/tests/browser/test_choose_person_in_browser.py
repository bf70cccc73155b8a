"""Choosing a person by name in a real browser, in the demo: the coordinator
registers someone on a participant list and gives a meeting's action item an
owner, each with the keyboard in the combobox (type, Down, Enter), and
registers someone by writing a name shared by several and choosing among
those listed. axe-core checks every page, the open listbox too."""

from collections import Counter

import pytest
from django.db.models import Count
from django.urls import reverse
from playwright.sync_api import expect

from mandat.core.models import Organisation
from mandat.directory.models import Person
from mandat.meetings.models import ActionItem, Meeting
from mandat.testing.browser import log_in
from mandat.trainings.models import Occasion, Registration

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _unique_person(organisation, *, exclude=()):
    """Someone whose name no one else has, not yet registered."""
    people = Person.objects.filter(organisation=organisation, protected_identity=False)
    names = Counter(people.values_list("first_name", "last_name"))
    return next(
        p
        for p in people.exclude(pk__in=list(exclude)).order_by("last_name", "id")
        if names[(p.first_name, p.last_name)] == 1 and len(p.last_name) > 3
    )


def _choose(page, form, text: str, label: str) -> None:
    """Type ``text`` into the form's person box and choose ``label`` with the
    keyboard; check the page with the list open."""
    field = form.locator("[data-person-search]")
    box = field.get_by_role("combobox")
    box.fill(text)
    listbox = field.get_by_role("listbox")
    expect(listbox).to_be_visible()
    expect(box).to_have_attribute("aria-expanded", "true")
    page.axe.check("listbox open")
    option = listbox.get_by_role("option").filter(has_text=label).first
    # Down to the option wanted, then Enter.
    for _ in range(listbox.get_by_role("option").count()):
        box.press("ArrowDown")
        if option.get_attribute("aria-selected") == "true":
            break
    expect(box).to_have_attribute("aria-activedescendant", option.get_attribute("id"))
    box.press("Enter")
    expect(listbox).to_be_hidden()
    expect(box).to_have_attribute("aria-expanded", "false")
    expect(box).to_have_value(label)


def test_the_coordinator_chooses_people_by_name_with_the_keyboard(
    demo, page, live_server
):
    organisation = Organisation.objects.get(slug="exempelstad")
    occasion = (
        Occasion.objects.filter(organisation=organisation, status="planned")
        .order_by("starts_at")
        .first()
    )
    registered = occasion.registrations.values_list("person_id", flat=True)
    person = _unique_person(organisation, exclude=registered)
    log_in(page, "samordnare@exempelstad.example")

    page.goto(reverse("trainings:participants", args=[organisation.slug, occasion.pk]))
    page.axe.check("participants")
    form = page.locator("form[action$='/participants/add/']")
    _choose(
        page, form, f"{person.first_name} {person.last_name[:-1]}", person.sort_name
    )
    with page.expect_navigation():
        form.get_by_role("button").click()
    page.axe.check("registered on behalf")
    expect(page.get_by_text(f"{person.full_name}:")).to_be_visible()
    assert Registration.objects.filter(occasion=occasion, person=person).exists()

    # The owner of an action item, on a meeting's page.
    meeting = (
        Meeting.objects.filter(
            organisation=organisation, status="planned", minutes_status="draft"
        )
        .order_by("starts_at")
        .first()
    )
    owner = _unique_person(organisation, exclude=[person.pk])
    page.goto(reverse("meetings:meeting-detail", args=[organisation.slug, meeting.pk]))
    page.axe.check("meeting")
    form = page.locator("form[action$='/actions/new/']")
    if not form.is_visible():
        page.locator("details", has=form).locator("summary").click()
    form.get_by_label("Vad").fill("Ta fram ett förslag till nästa möte")
    _choose(page, form, f"{owner.last_name} {owner.first_name}", owner.sort_name)
    with page.expect_navigation():
        form.get_by_role("button").click()
    page.axe.check("action item added")
    action = ActionItem.objects.get(meeting=meeting, what__startswith="Ta fram")
    assert action.owner == owner


def test_a_name_shared_by_several_is_chosen_among_those_listed(demo, page, live_server):
    organisation = Organisation.objects.get(slug="exempelstad")
    occasion = (
        Occasion.objects.filter(organisation=organisation, status="planned")
        .order_by("starts_at")
        .first()
    )
    shared = (
        Person.objects.filter(organisation=organisation, protected_identity=False)
        .values("first_name")
        .annotate(n=Count("id"))
        .filter(n__gte=2, n__lte=10)
        .order_by("first_name")
        .first()["first_name"]
    )
    log_in(page, "samordnare@exempelstad.example")
    page.goto(reverse("trainings:participants", args=[organisation.slug, occasion.pk]))
    page.axe.check("participants")

    # Written and sent without choosing: the server lists those it matches.
    form = page.locator("form[action$='/participants/add/']")
    box = form.locator("[data-person-search]").get_by_role("combobox")
    box.fill(shared)
    with page.expect_navigation():
        form.get_by_role("button").click()
    page.axe.check("several match")
    form = page.locator("form[action$='/participants/add/']")
    expect(
        form.get_by_text("Flera personer", exact=False).or_(
            form.get_by_text("Several people", exact=False)
        )
    ).to_be_visible()
    choices = form.get_by_role("radio")
    assert choices.count() >= 2
    chosen = choices.nth(1)
    person = Person.objects.get(pk=chosen.get_attribute("value"))
    chosen.check()
    box = form.locator("[data-person-search]").get_by_role("combobox")
    expect(box).to_have_value(person.sort_name)
    with page.expect_navigation():
        form.get_by_role("button").click()
    page.axe.check("registered on behalf")
    assert Registration.objects.filter(occasion=occasion, person=person).exists()
