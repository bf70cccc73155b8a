"""Questionnaires and their results as aggregates only: counts per step or
choice, the mean of a scale, and breakdowns with the small groups
suppressed as the results page suppresses them. Never a single answer, and
no free text (it can name or identify the one who wrote it)."""

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from mandat.evaluations.models import Question, Questionnaire
from mandat.evaluations.selectors import MIN_GROUP, Distribution, Results

from .common import ModelSerializer


class QuestionnaireSerializer(ModelSerializer):
    asked = serializers.IntegerField(
        read_only=True, help_text=_("How many were asked.")
    )
    answered = serializers.IntegerField(
        read_only=True, help_text=_("How many have answered.")
    )

    class Meta:
        model = Questionnaire
        fields = [
            "id",
            "kind",
            "title",
            "training",
            "status",
            "audience",
            "asked",
            "answered",
            "created_at",
        ]


class GroupSerializer(serializers.Serializer):
    """One group of respondents: everyone, or one answer to a background
    question."""

    label = serializers.CharField(
        help_text=_("The background answer; empty for everyone.")
    )
    suppressed = serializers.BooleanField(
        help_text=_(
            "Too few answers to show, or showing it would reveal such a group: "
            "the figures are empty."
        )
    )
    answered = serializers.IntegerField(allow_null=True)
    counts = serializers.ListField(
        child=serializers.IntegerField(),
        allow_null=True,
        help_text=_("How many chose each step or choice, in the question's order."),
    )
    mean = serializers.FloatField(
        allow_null=True, help_text=_("A scale's mean step, the lowest counted as 1.")
    )
    top_two = serializers.IntegerField(
        allow_null=True,
        help_text=_("A scale's share, in per cent, of the two highest steps."),
    )


class BreakdownSerializer(serializers.Serializer):
    question = serializers.IntegerField(help_text=_("The background question."))
    text = serializers.CharField()
    groups = GroupSerializer(many=True)


class QuestionResultSerializer(serializers.Serializer):
    question = serializers.IntegerField()
    text = serializers.CharField()
    kind = serializers.ChoiceField(choices=Question.Kind.choices)
    choices = serializers.ListField(child=serializers.CharField())
    is_grade = serializers.BooleanField()
    overall = GroupSerializer()
    breakdowns = BreakdownSerializer(many=True)


class ResultsSerializer(serializers.Serializer):
    questionnaire = serializers.IntegerField()
    asked = serializers.IntegerField()
    answered = serializers.IntegerField()
    response_rate = serializers.IntegerField(
        allow_null=True, help_text=_("In per cent, rounded down.")
    )
    minimum_group = serializers.IntegerField(
        help_text=_("Groups with fewer answers than this are not shown.")
    )
    withheld = serializers.CharField(
        allow_null=True,
        help_text=_(
            "Why there are no results yet (the questionnaire is open, or too "
            "few have answered); empty when there are."
        ),
    )
    questions = QuestionResultSerializer(
        many=True,
        help_text=_(
            "The questions answered by a scale or by choices; free-text "
            "questions are left out, and background questions only break "
            "the others down."
        ),
    )


def _group(group: Distribution, *, scale: bool) -> dict:
    if group.suppressed:
        figures: dict = dict.fromkeys(("answered", "counts", "mean", "top_two"))
    else:
        figures = {
            "answered": group.answered,
            "counts": group.counts,
            "mean": group.mean if scale else None,
            "top_two": group.top_two if scale else None,
        }
    return {"label": str(group.label), "suppressed": group.suppressed, **figures}


def results_data(results: Results) -> dict:
    """The results page's figures as the API gives them."""
    backgrounds = {
        str(question.text): question.pk
        for question in results.questionnaire.questions.all()
        if question.background
    }
    questions = []
    for item in results.questions:
        question = item.question
        if item.overall is None:  # free text, or a background question
            continue
        questions.append(
            {
                "question": question.pk,
                "text": question.text,
                "kind": question.kind,
                "choices": [str(choice) for choice in question.choices],
                "is_grade": question.is_grade,
                "overall": _group(item.overall, scale=question.is_scale),
                "breakdowns": [
                    {
                        "question": backgrounds[text],
                        "text": text,
                        "groups": [
                            _group(group, scale=question.is_scale) for group in split
                        ],
                    }
                    for text, split in item.breakdowns.items()
                ],
            }
        )
    return {
        "questionnaire": results.questionnaire.pk,
        "asked": results.asked,
        "answered": results.answered,
        "response_rate": results.response_rate,
        "minimum_group": MIN_GROUP,
        "withheld": results.withheld or None,
        "questions": questions,
    }
