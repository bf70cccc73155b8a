"""Questionnaires for the coordinator, the results, and the public page
where people answer from their personal link."""

from itertools import groupby

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.paginator import Paginator
from django.db.models import Exists, OuterRef
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from mandat.core.exceptions import ApplicationError, parse_id
from mandat.core.exports import export_response
from mandat.core.forms import service_call
from mandat.core.pages import form_page, found
from mandat.core.permissions import allowed, require
from mandat.core.queries import count_of, window_page
from mandat.directory.selectors import target_group_people
from mandat.trainings import selectors as training_selectors
from mandat.trainings.models import Registration, SessionAttendance
from mandat.trainings.permissions import can_manage_training

from . import exporters, permissions, selectors, services
from .forms import (
    AnswerForm,
    PaperAnswersForm,
    QuestionForm,
    QuestionnaireForm,
    SendForm,
    SurveyForm,
)
from .models import Need, Question, Questionnaire, Recipient


def _questionnaire(request, questionnaire_id):
    questionnaire = found(
        selectors.questionnaire_get(
            organisation=request.organisation, questionnaire_id=questionnaire_id
        )
    )
    require(permissions.can_manage_questionnaire(request.user, questionnaire))
    return questionnaire


def _to(questionnaire, name="evaluations:questionnaire-detail"):
    return redirect(name, questionnaire.organisation.slug, questionnaire.pk)


QUESTIONNAIRES_PAGE_SIZE = 50


@allowed(permissions.can_manage_questionnaires)
def questionnaire_list(request):
    organisation = request.organisation
    form = SurveyForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        survey = services.questionnaire_create(
            actor=request.user,
            organisation=organisation,
            title=form.cleaned_data["title"],
        )
        messages.success(
            request, _("The survey was created with the standard questions.")
        )
        return _to(survey)
    # A page at a time: every training of every year has its evaluation.
    page = window_page(
        selectors.questionnaire_list(organisation=organisation),
        request.GET.get("page"),
        QUESTIONNAIRES_PAGE_SIZE,
    )
    return render(
        request,
        "evaluations/questionnaire_list.html",
        {"questionnaires": page.object_list, "page": page, "form": form},
    )


@require_POST
def evaluation_for_training(request, training_id):
    training = found(
        training_selectors.training_get(
            organisation=request.organisation,
            user=request.user,
            training_id=training_id,
        )
    )
    require(can_manage_training(request.user, training))
    existing = getattr(training, "questionnaire", None)
    if existing is None:
        existing = services.questionnaire_create(
            actor=request.user,
            organisation=request.organisation,
            title=_("Evaluation: %(title)s") % {"title": training.title},
            training=training,
        )
        messages.success(
            request, _("The evaluation was made from the standard questions.")
        )
    return _to(existing)


def questionnaire_detail(request, questionnaire_id):
    questionnaire = _questionnaire(request, questionnaire_id)
    form = QuestionnaireForm(request.POST or None, instance=questionnaire)
    if request.method == "POST" and form.is_valid():
        service_call(
            request,
            lambda: services.questionnaire_update(
                actor=request.user, questionnaire=questionnaire, **form.cleaned_data
            ),
            success=_("The questionnaire was saved."),
        )
        return _to(questionnaire)
    occasions = []
    if questionnaire.training_id:
        occasions = list(
            questionnaire.training.occasions.annotate(
                # Counted per occasion: a Count over the join of both would
                # multiply the attendance by the recipients.
                attendees=count_of(
                    Registration.objects.filter(
                        Exists(
                            SessionAttendance.objects.filter(
                                registration=OuterRef("pk"),
                                status__in=services.ATTENDED,
                            )
                        )
                    ),
                    "occasion",
                ),
                asked=count_of(
                    Recipient.objects.filter(questionnaire=questionnaire), "occasion"
                ),
            ).prefetch_related("sessions")
        )
    return render(
        request,
        "evaluations/questionnaire_detail.html",
        {
            "questionnaire": questionnaire,
            "questions": list(questionnaire.questions.all()),
            "form": form,
            "question_form": QuestionForm(),
            "send_form": SendForm(organisation=request.organisation),
            "occasions": occasions,
            "locked": questionnaire.responses.exists(),
        },
    )


def paper_answers(request, questionnaire_id):
    """Record answers given on paper, as counts per step."""
    questionnaire = _questionnaire(request, questionnaire_id)
    form = PaperAnswersForm(
        request.POST or None, questions=list(questionnaire.questions.all())
    )
    return form_page(
        request,
        form,
        "evaluations/paper_answers.html",
        {"questionnaire": questionnaire},
        save=lambda _data: services.paper_answers_record(
            actor=request.user,
            questionnaire=questionnaire,
            counts={pk: steps for pk, steps in form.counts().items() if any(steps)},
        ),
        done=lambda _count: _to(questionnaire, "evaluations:results"),
        success=lambda count: (
            _("%(count)s answers from paper were recorded.") % {"count": count}
        ),
    )


@require_POST
def questionnaire_status(request, questionnaire_id):
    questionnaire = _questionnaire(request, questionnaire_id)
    service_call(
        request,
        lambda: services.questionnaire_set_status(
            actor=request.user,
            questionnaire=questionnaire,
            status=request.POST.get("status", ""),
        ),
    )
    return _to(questionnaire)


def question_edit(request, questionnaire_id, question_id=None):
    questionnaire = _questionnaire(request, questionnaire_id)
    question = (
        get_object_or_404(Question, pk=question_id, questionnaire=questionnaire)
        if question_id
        else None
    )
    initial = {}
    if question is not None:
        initial = {
            "kind": question.kind,
            "text": question.text,
            "help_text": question.help_text,
            "choices": "\n".join(question.choices),
            "required": question.required,
        }
    form = QuestionForm(request.POST or None, initial=initial)
    return form_page(
        request,
        form,
        "evaluations/question_form.html",
        {"questionnaire": questionnaire, "question": question},
        save=lambda data: services.question_save(
            actor=request.user,
            questionnaire=questionnaire,
            question=question,
            kind=data["kind"],
            text=data["text"],
            help_text=data["help_text"],
            choices=form.choice_list(),
            required=data["required"],
        ),
        done=lambda _question: _to(questionnaire),
        success=_("The question was saved."),
    )


@require_POST
def question_remove(request, questionnaire_id, question_id):
    questionnaire = _questionnaire(request, questionnaire_id)
    question = get_object_or_404(Question, pk=question_id, questionnaire=questionnaire)
    service_call(
        request, lambda: services.question_remove(actor=request.user, question=question)
    )
    return _to(questionnaire)


@require_POST
def questionnaire_send(request, questionnaire_id):
    questionnaire = _questionnaire(request, questionnaire_id)
    occasion_id = parse_id(request.POST.get("occasion"))

    def send() -> int:
        if questionnaire.training_id:
            # A training's evaluation goes to those who attended, no one else.
            occasion = get_object_or_404(
                questionnaire.training.occasions, pk=occasion_id or 0
            )
            people = list(
                services.occasion_attendees(
                    occasion,
                    elected_only=questionnaire.audience
                    == Questionnaire.Audience.ELECTED,
                )
            )
        else:
            require(
                permissions.can_manage_questionnaires(
                    request.user, request.organisation
                )
            )
            occasion = None
            form = SendForm(request.POST, organisation=request.organisation)
            if not form.is_valid():
                raise ApplicationError(_("Choose a target group."))
            people = list(
                target_group_people(
                    group=form.cleaned_data["target_group"],
                    on=form.cleaned_data["on"] or timezone.localdate(),
                )
            )
        return services.questionnaire_send(
            actor=request.user,
            questionnaire=questionnaire,
            people=people,
            occasion=occasion,
        )

    service_call(
        request,
        send,
        success=lambda count: (
            _("%(count)s people got their personal link.") % {"count": count}
        ),
    )
    return _to(questionnaire)


def _same_texts_together(answers) -> list[dict]:
    """The free-text answers (sorted by their text) with each text once and
    how many wrote it: thirteen "Bra blandning av teori och exempel" are
    one line with its count."""
    return [
        {
            "text": text,
            "count": len(same),
            "is_need": any(answer.is_need for answer in same),
        }
        for text, same in (
            (text, list(group))
            for text, group in groupby(answers, key=lambda answer: answer.text)
        )
    ]


# Free-text answers shown per question and page: a questionnaire sent to a
# large city's officials has hundreds, each with its "mark as a need" form.
TEXTS_PER_PAGE = 25


def results(request, questionnaire_id):
    questionnaire = _questionnaire(request, questionnaire_id)
    result = selectors.questionnaire_results(questionnaire=questionnaire)
    export = request.GET.get("export")
    # Withheld results have no file either: the page tells why.
    if export in exporters.ResultExporter.formats and not result.withheld:
        exporter = exporters.ResultExporter(
            user=request.user,
            organisation=request.organisation,
            questionnaire=questionnaire,
            result=result,
        )
        return export_response(exporter, export)
    for item in result.questions:
        if item.texts:
            item.text_param = f"answers-{item.question.pk}"
            item.text_page = Paginator(
                _same_texts_together(item.texts), TEXTS_PER_PAGE
            ).get_page(request.GET.get(item.text_param))
    return render(
        request,
        "evaluations/results.html",
        {
            "questionnaire": questionnaire,
            "result": result,
            "min_group": selectors.MIN_GROUP,
        },
    )


@require_POST
def need_add(request, questionnaire_id, question_id):
    """Take a free-text suggestion to the needs list. The answer is named by
    its text, never by an id, since ids would show the order of answering."""
    questionnaire = _questionnaire(request, questionnaire_id)
    question = get_object_or_404(
        Question,
        pk=question_id,
        questionnaire=questionnaire,
        kind=Question.Kind.TEXT,
    )
    service_call(
        request,
        lambda: services.need_add(
            actor=request.user, question=question, text=request.POST.get("text", "")
        ),
        success=_("The suggestion is on the needs list."),
    )
    return redirect("evaluations:results", request.organisation.slug, questionnaire.pk)


@allowed(permissions.can_manage_questionnaires)
def needs(request):
    rows = Need.objects.filter(organisation=request.organisation).select_related(
        "period", "source"
    )
    return render(request, "evaluations/need_list.html", {"needs": list(rows)})


@login_not_required
def answer(request, token):
    recipient = (
        Recipient.objects.select_related(
            "questionnaire__organisation", "questionnaire__training", "person"
        )
        .filter(token=token)
        .first()
    )
    if recipient is None:
        return render(
            request,
            "public_link_invalid.html",
            {
                "message": _(
                    "This link is not valid. Use the link in your e-mail; if it "
                    "still does not work, ask the coordinator."
                )
            },
            status=404,
        )
    questionnaire = recipient.questionnaire
    questions = list(questionnaire.questions.all())
    form = AnswerForm(request.POST or None, questions=questions)
    closed = (
        questionnaire.status != questionnaire.Status.OPEN
        or recipient.closes_at <= timezone.now()
    )
    return form_page(
        request,
        form,
        "evaluations/answer.html",
        {
            "recipient": recipient,
            "questionnaire": questionnaire,
            "closed": closed,
            "page_org": questionnaire.organisation,
        },
        save=lambda _data: services.response_submit(
            token=token, answers=form.answers()
        ),
        done=lambda _response: ("evaluations:answer", token),
    )
