"""The English texts of the OpenAPI schema that come from the code
(docstrings) or from DRF, marked for translation. Made by
``mandat api_texts``; do not edit."""

from django.utils.translation import gettext_noop

SCHEMA_TEXTS = [
    gettext_noop("A filter with a value it cannot take."),
    gettext_noop("A model's fields as the API reads and writes them."),
    gettext_noop("A page number within the paginated result set."),
    gettext_noop("A read-only token that writes."),
    gettext_noop("A refusal: the field it concerns and why."),
    gettext_noop("A training's occasions, each with its sessions."),
    gettext_noop("Action items, who owns them and how they went: those of meetings\nwhose minutes are finalised (a draft's may still change)."),
    gettext_noop("Cancel the registration; a freed place goes to the first waiting."),
    gettext_noop("End the assignment on a day, with the reason."),
    gettext_noop("Evaluations of trainings and surveys, with how many were asked and\nhow many answered."),
    gettext_noop("Meetings: when and where, their status, and the state of their\nminutes (draft, finalised, approved; the registry number once\nregistered)."),
    gettext_noop("No such record in the token's organisation."),
    gettext_noop("No token, or an unknown or revoked one."),
    gettext_noop("Number of results to return per page."),
    gettext_noop("One group of respondents: everyone, or one answer to a background\nquestion."),
    gettext_noop("Registrations: made on the person's behalf, with the same places,\nwaiting list and rules as the coordinator's page."),
    gettext_noop("The annual report: the same JSON as ``mandat report annual``."),
    gettext_noop("The items of meetings' agendas: their kind, and once the minutes are\nfinalised what was said and decided."),
    gettext_noop("The items of the training plans: what, when in the period, who is\nresponsible, its status and the trainings that carry it out."),
    gettext_noop("The minutes of a meeting: their state, not their content."),
    gettext_noop("The organisation the token belongs to."),
    gettext_noop("The organisation's bodies: the council, its boards and committees,\ntheir subcommittees, companies and networks."),
    gettext_noop("The people of the directory: elected officials, officials and others;\nadded and changed as the register sync of another system does."),
    gettext_noop("The results as the results page shows them: per question the\ncount per step or choice, a scale's mean and share of the two\nhighest steps, and breakdowns by the background questions with the\ngroups too small to stay anonymous suppressed. No single answer and\nno free text. Shown once the questionnaire is closed."),
    gettext_noop("The steering groups, networks and working groups that meet."),
    gettext_noop("The training plan of each mandate period."),
    gettext_noop("Too many requests: try again after Retry-After seconds."),
    gettext_noop("Trainings; a new one is a draft, as on the page."),
    gettext_noop("Who attended each session, in the order recorded; recording again\nchanges the record."),
    gettext_noop("Who sits on which body, in which role, from when to when; added and\nended as the register sync of another system does."),
    gettext_noop("{field: [messages]} or {detail: message}"),
]
