from django import forms
from django.utils.translation import gettext_lazy as _

from mandat.core.forms import Form, ModelForm
from mandat.directory.models import TargetGroup
from mandat.directory.selectors import target_group_choices

from .models import Question, Questionnaire


class QuestionnaireForm(ModelForm):
    class Meta:
        model = Questionnaire
        fields = [
            "title",
            "introduction",
            "send_automatically",
            "audience",
            "reminder_days",
            "open_days",
        ]
        widgets = {"introduction": forms.Textarea(attrs={"rows": 3})}

    def clean_open_days(self):
        days = self.cleaned_data["open_days"]
        if not 1 <= days <= 120:
            raise forms.ValidationError(_("Between 1 and 120 days."))
        return days

    def clean_reminder_days(self):
        days = self.cleaned_data["reminder_days"]
        if days > 60:
            raise forms.ValidationError(_("At most 60 days."))
        return days


class SurveyForm(Form):
    title = forms.CharField(label=_("Title"), max_length=200)


class QuestionForm(Form):
    prefix = "question"
    kind = forms.ChoiceField(label=_("Kind"), choices=Question.Kind.choices)
    text = forms.CharField(label=_("Question"), max_length=300)
    help_text = forms.CharField(label=_("Help text"), max_length=300, required=False)
    choices = forms.CharField(
        label=_("Choices"),
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
        help_text=_("One per line; for a scale from the lowest to the highest."),
    )
    required = forms.BooleanField(label=_("Must be answered"), required=False)

    def choice_list(self) -> list[str]:
        return [line for line in self.cleaned_data["choices"].splitlines() if line]


class SendForm(Form):
    target_group = forms.ModelChoiceField(
        label=_("Target group"), queryset=TargetGroup.objects.none()
    )
    on = forms.DateField(
        label=_("Members on"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        help_text=_("The day the target group is read; empty means today."),
    )

    def __init__(self, *args, organisation, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["target_group"].queryset = target_group_choices(
            organisation=organisation
        )


class AnswerForm(Form):
    """One field per question, named q<id>."""

    def __init__(self, *args, questions, **kwargs):
        super().__init__(*args, **kwargs)
        self.questions = questions
        for question in questions:
            name = f"q{question.pk}"
            choices = list(enumerate(question.choices))
            common = {
                "label": question.text,
                "help_text": question.help_text,
                "required": question.required,
            }
            if question.kind == Question.Kind.TEXT:
                field = forms.CharField(
                    widget=forms.Textarea(attrs={"rows": 3}), max_length=5000, **common
                )
            elif question.kind == Question.Kind.MULTIPLE:
                field = forms.TypedMultipleChoiceField(
                    choices=choices,
                    coerce=int,
                    widget=forms.CheckboxSelectMultiple,
                    **common,
                )
            else:
                field = forms.TypedChoiceField(
                    choices=choices,
                    coerce=int,
                    empty_value=None,
                    widget=forms.RadioSelect,
                    **common,
                )
            self.fields[name] = field

    def answers(self) -> dict:
        return {
            question.pk: self.cleaned_data.get(f"q{question.pk}")
            for question in self.questions
        }


class PaperAnswersForm(Form):
    """How many chose each step of each scale question, counted from the
    paper forms: one number field per step."""

    def __init__(self, *args, questions, **kwargs):
        super().__init__(*args, **kwargs)
        self.scales = [q for q in questions if q.kind == Question.Kind.SCALE]
        for question in self.scales:
            for step, label in enumerate(question.choices):
                self.fields[f"q{question.pk}-{step}"] = forms.IntegerField(
                    label=f"{question.text}: {label}",
                    min_value=0,
                    max_value=2000,
                    required=False,
                    widget=forms.NumberInput(attrs={"min": 0, "max": 2000}),
                )

    def counts(self) -> dict[int, list[int]]:
        return {
            question.pk: [
                self.cleaned_data.get(f"q{question.pk}-{step}") or 0
                for step in range(len(question.choices))
            ]
            for question in self.scales
        }

    def groups(self):
        """The fields question by question, for the page."""
        return [
            (
                question,
                [
                    (label, self[f"q{question.pk}-{step}"])
                    for step, label in enumerate(question.choices)
                ],
            )
            for question in self.scales
        ]
