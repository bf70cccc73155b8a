"""The results of a questionnaire as Excel and CSV files: distributions per
question and group, and the free texts, never a group small enough to pick
someone out (the same suppression as the results page)."""

from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from mandat.core.exports import Column, ListExporter

from . import permissions, selectors
from .models import Questionnaire


def _result_rows(result):
    """Yield (question, group, answer, count, share) for every question."""
    for item in result.questions:
        question = item.question
        if item.overall is not None:
            groups = [(gettext("All"), item.overall)] + [
                (f"{name}: {group.label}", group)
                for name, split in item.breakdowns.items()
                for group in split
            ]
            for label, group in groups:
                if group.suppressed:
                    yield (
                        question.text,
                        label,
                        gettext("fewer than 5 answers"),
                        None,
                        None,
                    )
                    continue
                for choice, count, share in zip(
                    question.choices, group.counts, group.shares, strict=True
                ):
                    yield (question.text, label, choice, count, share)
        for answer in item.texts:
            yield (question.text, gettext("All"), answer.text, None, None)


class ResultExporter(ListExporter):
    """A closed questionnaire's results, once enough have answered."""

    identifier = "evaluations.results"
    verbose_name = _("Results")
    url_name = "evaluations:results"
    filename = "resultat"
    columns = (
        Column(_("Question"), lambda row: row[0]),
        Column(_("Group"), lambda row: row[1]),
        Column(_("Answer"), lambda row: row[2]),
        Column(_("Count"), lambda row: row[3]),
        Column(_("Share %"), lambda row: row[4]),
    )

    def __init__(
        self, *, user, organisation, questionnaire: Questionnaire, result=None
    ) -> None:
        super().__init__(user=user, organisation=organisation)
        self.questionnaire = questionnaire
        self._result = result

    @property
    def result(self) -> selectors.Results:
        if self._result is None:
            self._result = selectors.questionnaire_results(
                questionnaire=self.questionnaire
            )
        return self._result

    def has_permission(self) -> bool:
        return self.questionnaire.organisation_id == self.organisation.pk and (
            permissions.can_manage_questionnaire(self.user, self.questionnaire)
        )

    def get_title(self) -> str:
        return self.questionnaire.title

    def get_rows(self):
        if self.result.withheld:
            return ()
        return _result_rows(self.result)
