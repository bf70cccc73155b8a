"""No input gives a 500: every form class of Mandat's forms modules is bound
to generated data directly, as its view builds it, so a form no page of the
test's world shows is fuzzed too (a new constructor argument fails the test
until it is taught here)."""

from collections import Counter

import pytest
from django import forms as django_forms
from django.test import RequestFactory
from hypothesis import given, settings
from hypothesis import strategies as st

from mandat.core.tests.fuzzing import (
    EXAMPLES_PER_FORM,
    FUZZ,
    field_values,
    foreign_ids,
    fuzz_world,
    mandat_form_classes,
    text_values,
)
from mandat.core.tests.world import keep_files

# Run once, on PostgreSQL (production's database): what a form or a query
# parameter does with bad input does not depend on the engine, and the
# fuzzers are among the suite's longest tests (~40 s a run).
pytestmark = [pytest.mark.django_db, pytest.mark.postgres]


@pytest.fixture
def world(client, django_user_model):
    return fuzz_world(client)


@pytest.fixture(autouse=True)
def _keep_files(monkeypatch):
    keep_files(monkeypatch)


def _constructor_kwargs(form_class, world) -> tuple[list, dict]:
    """The arguments a view gives ``form_class`` besides its data."""
    import inspect

    from mandat.directory.models import Body
    from mandat.evaluations.models import Questionnaire
    from mandat.meetings.models import Meeting, MeetingGroup
    from mandat.meetings.services import attendance_prefill
    from mandat.trainings.models import Occasion, Training

    values = world["ours"]["values"]
    organisation = world["ours"]["organisation"]
    meeting = Meeting.objects.get(pk=values["meeting_id"])
    providers = {
        "organisation": lambda: organisation,
        "questions": lambda: list(
            Questionnaire.objects.get(pk=values["questionnaire_id"]).questions.all()
        ),
        "meeting": lambda: meeting,
        "group": lambda: MeetingGroup.objects.get(pk=values["group_id"]),
        "rows": lambda: (
            attendance_prefill(meeting=meeting),
            list(meeting.attendances.select_related("person")),
        )[1],
        "bodies": lambda: Body.objects.filter(organisation=organisation),
        "occasions": lambda: Occasion.objects.filter(pk=values["occasion_id"]),
        "occasion": lambda: Occasion.objects.get(pk=values["occasion_id"]),
        "training": lambda: Training.objects.get(pk=values["training_id"]),
        "object_types": lambda: [("meetings.meeting", "Meeting")],
        "request": lambda: RequestFactory().post("/accounts/login/"),
        "user": lambda: world["ours"]["users"]["elected"],
    }
    args, kwargs = [], {}
    for name, parameter in inspect.signature(form_class.__init__).parameters.items():
        if name in ("self", "args", "kwargs") or name not in providers:
            if (
                parameter.default is inspect.Parameter.empty
                and parameter.kind is inspect.Parameter.KEYWORD_ONLY
            ):
                raise AssertionError(
                    f"{form_class.__name__} needs `{name}`: teach _constructor_kwargs "
                    "in test_fuzz_form_classes.py what a view gives it."
                )
            continue
        if parameter.kind is inspect.Parameter.POSITIONAL_OR_KEYWORD and name in (
            "user",
            "request",
        ):
            args.append(providers[name]())
        else:
            kwargs[name] = providers[name]()
    return args, kwargs


def _field_strategy(field, foreign_ids):
    """Values for one Django form field, valid ones among them."""
    import datetime

    anything = text_values()
    if isinstance(field, django_forms.FileField):
        return field_values({"type": "file", "options": []}, foreign_ids)
    if isinstance(field, django_forms.ModelMultipleChoiceField):
        choices = [str(pk) for pk in field.queryset.values_list("pk", flat=True)[:5]]
        return st.lists(st.sampled_from(choices + foreign_ids + ["x"]), max_size=3)
    if isinstance(field, django_forms.ModelChoiceField):
        choices = [str(pk) for pk in field.queryset.values_list("pk", flat=True)[:5]]
        return st.one_of(st.sampled_from(choices + foreign_ids + ["", "x"]), anything)
    if isinstance(field, django_forms.MultipleChoiceField):
        choices = [str(value) for value, _label in field.choices]
        return st.lists(st.sampled_from(choices + ["x"]), max_size=3)
    if isinstance(field, django_forms.ChoiceField):
        choices = [str(value) for value, _label in field.choices if value != ""]
        return st.one_of(st.sampled_from(choices or [""]), anything)
    if isinstance(field, django_forms.BooleanField):
        return st.sampled_from(["on", "", "false", "x"])
    if isinstance(field, django_forms.DateTimeField):
        return field_values({"type": "datetime-local", "options": []}, foreign_ids)
    if isinstance(field, django_forms.DateField):
        return st.one_of(
            st.dates(min_value=datetime.date(1, 1, 1)).map(str),
            field_values({"type": "date", "options": []}, foreign_ids),
        )
    if isinstance(field, django_forms.TimeField):
        return field_values({"type": "time", "options": []}, foreign_ids)
    if isinstance(field, django_forms.IntegerField | django_forms.DecimalField):
        return field_values({"type": "number", "options": []}, foreign_ids)
    if isinstance(field, django_forms.EmailField):
        return field_values({"type": "email", "options": []}, foreign_ids)
    return anything


def _bind_fuzzed(form_class, args, kwargs, strategy) -> int:
    """Bind ``form_class`` to generated data and validate it; return how many
    inputs were tried."""
    from django.db import transaction

    tried = 0

    @settings(FUZZ, max_examples=EXAMPLES_PER_FORM)
    @given(data=strategy)
    def bind(data):
        nonlocal tried
        tried += 1
        files = {key: value for key, value in data.items() if hasattr(value, "read")}
        values = {key: value for key, value in data.items() if key not in files}
        with transaction.atomic():
            form = form_class(*args, data=values, files=files, **kwargs)
            form.is_valid()
            form.errors.as_text()
            transaction.set_rollback(True)

    bind()
    return tried


def test_no_form_class_raises_on_any_input(world):
    """Every form class of Mandat, bound to generated data as its view builds
    it, validates without an exception (what it cannot accept is an error
    next to the field)."""

    foreign = foreign_ids(world)
    classes = sorted(
        (
            cls
            for cls in mandat_form_classes()
            if cls.__name__ not in ("Form", "ModelForm")
        ),
        key=lambda cls: f"{cls.__module__}.{cls.__name__}",
    )
    tried = Counter()
    for form_class in classes:
        args, kwargs = _constructor_kwargs(form_class, world)
        fields = form_class(*args, **kwargs).fields
        strategy = st.fixed_dictionaries(
            {},
            optional={
                name: _field_strategy(field, foreign) for name, field in fields.items()
            },
        )

        tried[form_class] = _bind_fuzzed(form_class, args, kwargs, strategy)
    print(
        f"\nbound {len(tried)} form classes to {sum(tried.values())} generated inputs"
    )
    assert len(tried) == len(classes)
