"""No query, page, export or log links an answer to a person, for anyone,
administrators included: who answered (Recipient) and what was answered
(Response, Answer) share nothing but the questionnaire."""

import logging

import pytest
from django.db import connection, models
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from mandat.core.access import Role
from mandat.core.models import AuditEntry
from mandat.directory.tests.factories import PersonFactory
from mandat.evaluations import services
from mandat.evaluations.models import Answer, Recipient, Response

pytestmark = pytest.mark.django_db


def test_responses_and_answers_hold_no_way_back_to_a_person():
    for model in (Response, Answer):
        for field in model._meta.get_fields():
            if field.is_relation and field.related_model is not None:
                label = field.related_model._meta.label
                assert label in {
                    "evaluations.Questionnaire",
                    "evaluations.Response",
                    "evaluations.Question",
                    "evaluations.Answer",
                }, f"{model.__name__}.{field.name} points to {label}"
            assert not isinstance(field, models.DateTimeField | models.TimeField), (
                f"{model.__name__}.{field.name} holds a time finer than the day"
            )
            assert not isinstance(field, models.GenericIPAddressField)
    # The key is random, so the order of the rows says nothing.
    assert isinstance(Response._meta.pk, models.UUIDField)


def test_answering_writes_nothing_that_names_the_person(
    organisation, client, caplog, make_user
):
    people = [
        PersonFactory(organisation=organisation, last_name=f"Svarandesson{n}")
        for n in range(5)
    ]
    questionnaire = services.questionnaire_create(
        actor=None, organisation=organisation, title="Enkät om grundutbildningen"
    )
    services.questionnaire_set_status(
        actor=None, questionnaire=questionnaire, status="open"
    )
    services.questionnaire_send(actor=None, questionnaire=questionnaire, people=people)
    grade, best = (
        list(questionnaire.questions.all())[0],
        list(questionnaire.questions.all())[2],
    )
    audit_before = AuditEntry.objects.count()
    secrets = []
    for number, recipient in enumerate(Recipient.objects.select_related("person")):
        person = recipient.person
        secrets += [
            recipient.token,
            person.email,
            person.last_name,
            str(person.pk),
            str(recipient.pk),
        ]
        caplog.clear()
        with (
            caplog.at_level(logging.DEBUG),
            CaptureQueriesContext(connection) as queries,
        ):
            response = client.post(
                reverse("evaluations:answer", args=[recipient.token]),
                {
                    f"q{grade.pk}": str(number % 4),
                    f"q{best.pk}": f"Svar {'EDCBA'[number]}",
                },
            )
        assert response.status_code == 302
        writes = [
            q["sql"]
            for q in queries.captured_queries
            if q["sql"].lstrip().upper().startswith(("INSERT", "UPDATE"))
        ]
        response_writes = [
            w
            for w in writes
            if "evaluations_response" in w or "evaluations_answer" in w
        ]
        assert response_writes
        for write in response_writes:
            for value in (person.email, person.last_name, recipient.token):
                assert value not in write
        assert "evaluations_recipient" in " ".join(writes)
        for record in caplog.records:
            text = record.getMessage()
            assert recipient.token not in text and person.email not in text
    # Answering adds nothing to the audit trail.
    assert AuditEntry.objects.count() == audit_before
    services.questionnaire_set_status(
        actor=None, questionnaire=questionnaire, status="closed"
    )
    # An administrator's every evaluation page and export: the answers are
    # there, and nothing that names who gave them.
    admin = make_user(Role.ADMINISTRATOR, organisation)
    client.force_login(admin)
    slug = organisation.slug
    pages = [
        reverse("evaluations:results", args=[slug, questionnaire.pk]),
        reverse("evaluations:results", args=[slug, questionnaire.pk]) + "?export=xlsx",
        reverse("evaluations:questionnaire-detail", args=[slug, questionnaire.pk]),
        reverse("evaluations:questionnaire-list", args=[slug]),
    ]
    results_page = client.get(pages[0]).content.decode()
    # The free texts come sorted by their text, not in the order people
    # answered (C, B, A).
    assert results_page.index("Svar A") < results_page.index("Svar B")
    assert results_page.index("Svar B") < results_page.index("Svar C")
    for page in pages:
        content = client.get(page).content
        for secret in secrets[::5] + secrets[1::5] + secrets[2::5]:
            assert secret.encode() not in content, (page, secret)
