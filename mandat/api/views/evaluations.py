"""Questionnaires and their results: aggregates only, computed by the same
selector as the results page, with its suppression of small groups."""

from drf_spectacular.utils import extend_schema
from rest_framework.decorators import action
from rest_framework.response import Response

from mandat.evaluations.models import Questionnaire
from mandat.evaluations.selectors import questionnaire_list, questionnaire_results

from ..serializers.evaluations import (
    QuestionnaireSerializer,
    ResultsSerializer,
    results_data,
)
from .base import ReadOnly


class QuestionnaireViewSet(ReadOnly):
    """Evaluations of trainings and surveys, with how many were asked and
    how many answered."""

    serializer_class = QuestionnaireSerializer
    queryset = Questionnaire.objects.none()
    filterset_fields = ["kind", "status", "training"]

    def records(self):
        return questionnaire_list(organisation=self.organisation)

    @extend_schema(responses=ResultsSerializer)
    @action(detail=True)
    def results(self, request, pk=None):
        """The results as the results page shows them: per question the
        count per step or choice, a scale's mean and share of the two
        highest steps, and breakdowns by the background questions with the
        groups too small to stay anonymous suppressed. No single answer and
        no free text. Shown once the questionnaire is closed."""
        results = questionnaire_results(questionnaire=self.get_object())
        return Response(ResultsSerializer(results_data(results)).data)
