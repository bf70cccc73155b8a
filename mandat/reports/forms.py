import datetime
import re

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from mandat.core.forms import Form, ModelForm
from mandat.directory.models import Body
from mandat.trainings.models import Occasion, Training

from .models import CostLine, ReportNarrative

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class KronorField(forms.CharField):
    """Whole kronor as people type them: "12500", "12 500" or "12 500 kr"."""

    def __init__(self, *args, allow_zero=False, **kwargs):
        self.allow_zero = allow_zero
        kwargs.setdefault("max_length", 20)
        super().__init__(*args, **kwargs)
        self.widget.attrs.setdefault("inputmode", "numeric")

    def clean(self, value):
        value = super().clean(value)
        if value in (None, ""):
            return None
        text = re.sub(r"[\s\u00a0\u202f]|kr\.?$", "", value.strip(), flags=re.I)
        if text.startswith("-"):
            raise forms.ValidationError(_("The amount cannot be negative."))
        if re.fullmatch(r"\d+[,.]\d+", text):
            raise forms.ValidationError(_("Give whole kronor, without öre."))
        if not (text.isascii() and text.isdigit()):
            raise forms.ValidationError(
                _("Give the amount in kronor with digits, e.g. 12 500.")
            )
        amount = int(text)
        if amount == 0 and not self.allow_zero:
            raise forms.ValidationError(_("The amount must be more than 0 kr."))
        if amount > 100_000_000:
            raise forms.ValidationError(_("The amount is too large."))
        return amount


class CostForm(Form):
    training = forms.ModelChoiceField(
        label=_("Training"), queryset=Training.objects.none()
    )
    occasion = forms.ModelChoiceField(
        label=_("Occasion"), queryset=Occasion.objects.none(), required=False
    )
    category = forms.ChoiceField(label=_("Category"), choices=CostLine.Category.choices)
    amount = KronorField(label=_("Amount (kr)"))
    incurred_on = forms.DateField(
        label=_("Date"), widget=DATE, initial=datetime.date.today
    )
    supplier = forms.CharField(label=_("Supplier"), max_length=200, required=False)
    description = forms.CharField(label=_("What"), max_length=300, required=False)

    def __init__(self, *args, organisation, training=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["training"].queryset = Training.objects.filter(
            organisation=organisation
        ).order_by("-created_at")
        occasions = Occasion.objects.filter(organisation=organisation)
        if training is not None:
            self.fields["training"].initial = training.pk
            self.fields["training"].widget = forms.HiddenInput()
            occasions = occasions.filter(training=training)
        self.fields["occasion"].queryset = occasions.select_related("training")

    def clean_incurred_on(self):
        day = self.cleaned_data["incurred_on"]
        if not 2000 <= day.year <= 2100:
            raise forms.ValidationError(_("Give a date between 2000 and 2100."))
        return day


class BudgetForm(Form):
    prefix = "budget"
    year = forms.IntegerField(label=_("Year"), min_value=2000, max_value=2100)
    body = forms.ModelChoiceField(
        label=_("Responsible body"),
        queryset=Body.objects.none(),
        required=False,
        help_text=_("Empty for the whole training budget."),
    )
    amount = KronorField(label=_("Budget (kr)"), allow_zero=True)
    note = forms.CharField(label=_("Note"), max_length=300, required=False)

    def __init__(self, *args, organisation, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["body"].queryset = Body.objects.filter(organisation=organisation)


class FeeBasisForm(Form):
    body = forms.ModelChoiceField(label=_("Body"), queryset=Body.objects.none())
    starts_on = forms.DateField(label=_("From"), widget=DATE)
    ends_on = forms.DateField(label=_("To"), widget=DATE)

    def __init__(self, *args, bodies, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["body"].queryset = bodies

    def clean(self):
        data = super().clean()
        if data.get("starts_on") and data.get("ends_on"):
            if data["ends_on"] < data["starts_on"]:
                self.add_error("ends_on", _("The end cannot be before the start."))
            elif (data["ends_on"] - data["starts_on"]).days > 1100:
                self.add_error("ends_on", _("At most three years at a time."))
        return data


class NarrativeForm(ModelForm):
    class Meta:
        model = ReportNarrative
        fields = ["introduction", "trainings", "evaluations", "economy", "outlook"]
        widgets = {
            name: forms.Textarea(attrs={"rows": 4})
            for name in [
                "introduction",
                "trainings",
                "evaluations",
                "economy",
                "outlook",
            ]
        }


class HistoryUploadForm(Form):
    file = forms.FileField(
        label=_("File (.xlsx or .csv)"),
        widget=forms.ClearableFileInput(attrs={"accept": ".xlsx,.csv"}),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > 5 * 1024 * 1024:
            raise ValidationError(_("At most 5 MB."))
        return upload
