"""The second part of the API as an integrator meets it: meetings whose
draft minutes say nothing, the minutes as a real PDF/A, evaluation results
as the results page's aggregates with small groups suppressed and no free
text, the training plan; another organisation's token sees none of it."""

import pytest
from django.urls import reverse

from mandat.evaluations import services as evaluations
from mandat.evaluations.selectors import questionnaire_results
from mandat.testing.pdfs import is_pdf_a, needs_pdf, pdf_streams
from mandat.trainings.tests.factories import TrainingFactory

from .worlds import (
    answered_questionnaire,
    meetings_world,
    plan_world,
    questionnaire_world,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(organisation):
    return meetings_world(organisation)


def test_draft_minutes_say_nothing_and_finalised_minutes_say_what_was_decided(
    make_api, world
):
    api = make_api("read")

    items = {
        item["id"]: item
        for item in api.get("/api/v1/items/?kind=decision").json()["results"]
    }
    assert items[world.item.pk]["decision"] == "Styrgruppen antar handboken."
    assert items[world.item.pk]["notes"] == "<p>Handboken kompletteras.</p>"
    draft = items[world.draft_item.pk]
    assert draft["title"] == "Politikerhandboken"  # the agenda, as noticed
    assert (draft["notes"], draft["decision"]) == (None, None)
    detail = api.get(f"/api/v1/items/{world.draft_item.pk}/")
    assert "Hemligt" not in detail.content.decode()
    # The draft's action items wait for the minutes too.
    actions = api.get("/api/v1/action-items/").json()["results"]
    assert [action["id"] for action in actions] == [world.action.pk]
    assert actions[0]["what"] == "Mejla handboken till nämnderna"
    assert api.get(f"/api/v1/action-items/{world.draft_action.pk}/").status_code == 404
    # The draft's PDF is not there; the meeting says why there is no link.
    response = api.get(f"/api/v1/meetings/{world.draft.pk}/minutes.pdf")
    assert response.status_code == 404
    assert response["Content-Type"] == "application/json"
    assert "Hemligt" not in response.content.decode()
    meeting = api.get(f"/api/v1/meetings/{world.draft.pk}/").json()
    assert meeting["minutes"]["status"] == "draft"
    assert meeting["minutes"]["pdf"] is None


def test_meetings_give_the_minutes_state_and_filter_by_it(make_api, world):
    api = make_api("read")

    [meeting] = api.get("/api/v1/meetings/?minutes_status=finalised").json()["results"]

    assert meeting["id"] == world.finalised.pk
    assert meeting["group"] == world.group.pk
    assert meeting["location"] == "Lokal Vargö"
    assert meeting["status"] == "held"
    minutes = meeting["minutes"]
    assert minutes["status"] == "finalised"
    assert minutes["registry_number"] == "KS 2026/117"
    assert minutes["finalised_at"] and minutes["approved_at"] is None
    assert minutes["pdf"].endswith(f"/api/v1/meetings/{world.finalised.pk}/minutes.pdf")
    [group] = api.get("/api/v1/meeting-groups/").json()["results"]
    assert group["name"] == "Styrgruppen för politikerutbildning"
    assert api.get("/api/v1/meetings/?minutes_status=secret").status_code == 400


@needs_pdf
def test_finalised_minutes_are_the_pages_pdf_a(make_api, world):
    response = make_api("read").get(
        f"/api/v1/meetings/{world.finalised.pk}/minutes.pdf",
        Accept="application/pdf",
    )

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert is_pdf_a(response.content)
    assert response["Content-Disposition"].startswith("attachment;")
    # The title in the document's metadata names the minutes of that day.
    assert b"Minnesanteckningar 2026-03-03" in pdf_streams(response.content)


def test_another_organisations_token_sees_no_meeting_result_or_plan(
    make_api, world, organisation, other_organisation
):
    questionnaire = questionnaire_world(organisation)
    plan, plan_item = plan_world(organisation)
    theirs = make_api("write", organisation=other_organisation, name="Grannen")

    for path in (
        "meeting-groups",
        "meetings",
        "items",
        "action-items",
        "questionnaires",
        "plans",
        "plan-items",
    ):
        assert theirs.get(f"/api/v1/{path}/").json()["count"] == 0, path
    for path in (
        f"meetings/{world.finalised.pk}/",
        f"meetings/{world.finalised.pk}/minutes.pdf",
        f"items/{world.item.pk}/",
        f"action-items/{world.action.pk}/",
        f"questionnaires/{questionnaire.pk}/results/",
        f"plans/{plan.pk}/",
        f"plan-items/{plan_item.pk}/",
    ):
        assert theirs.get(f"/api/v1/{path}").status_code == 404, path


def test_the_plan_and_its_items_with_the_trainings_that_carry_them_out(
    make_api, organisation
):
    plan, item = plan_world(organisation)
    api = make_api("read")
    TrainingFactory(organisation=organisation, plan_item=item)

    [read_plan] = api.get("/api/v1/plans/").json()["results"]
    assert read_plan["title"] == "Utbildningsplan 2023–2026"
    assert read_plan["starts_on"] == plan.period.starts_on.isoformat()
    [read_item] = api.get(f"/api/v1/plan-items/?plan={plan.pk}&is_basic=true").json()[
        "results"
    ]
    assert (read_item["year"], read_item["month"], read_item["status"]) == (
        1,
        2,
        "planned",
    )
    assert read_item["trainings"] == [item.trainings.get().pk]


@pytest.fixture
def answered(organisation):
    """An open questionnaire: 8 women, 6 men and one "other" answered."""
    return answered_questionnaire(organisation)


def test_results_are_the_pages_aggregates_with_small_groups_suppressed(
    make_api, answered, organisation, coordinator_client
):
    api = make_api("read")
    url = f"/api/v1/questionnaires/{answered.pk}/results/"
    # While open, nothing but the response rate: a new answer would show.
    open_results = api.get(url).json()
    assert open_results["withheld"] and open_results["questions"] == []
    assert (open_results["asked"], open_results["answered"]) == (16, 15)
    evaluations.questionnaire_set_status(
        actor=None, questionnaire=answered, status="closed"
    )

    response = api.get(url)

    results = response.json()
    page = questionnaire_results(questionnaire=answered)
    assert results["withheld"] is None
    assert results["response_rate"] == page.response_rate == 93
    assert results["minimum_group"] == 5
    grade = results["questions"][0]
    assert grade["text"] == "Vilket helhetsbetyg ger du utbildningen?"
    assert grade["overall"]["counts"] == page.questions[0].overall.counts
    assert grade["overall"]["counts"] == [2, 2, 7, 4]
    assert grade["overall"]["mean"] == page.questions[0].overall.mean == 2.87
    assert grade["overall"]["top_two"] == 73
    # By gender: the women are shown; the one "other" is suppressed, and so
    # are the men, who would otherwise reveal the "other" by subtraction.
    by_gender = next(b for b in grade["breakdowns"] if b["text"] == "Kön (frivilligt)")
    assert by_gender["question"] == answered.questions.get(position=60).pk
    groups = {group["label"]: group for group in by_gender["groups"]}
    assert groups["kvinna"]["counts"] == [1, 1, 3, 3]
    for hidden in ("man", "annat eller vill inte ange"):
        assert groups[hidden] == {
            "label": hidden,
            "suppressed": True,
            "answered": None,
            "counts": None,
            "mean": None,
            "top_two": None,
        }
    # No free text, and the background question only breaks the others down.
    kinds = {question["kind"] for question in results["questions"]}
    assert kinds == {"scale"}
    assert "Fritext" not in response.content.decode()
    # The results page shows the same figures.
    shown = coordinator_client.get(
        reverse("evaluations:results", args=[organisation.slug, answered.pk])
    ).content.decode()
    assert "2,87" in shown and "73 %" in shown
