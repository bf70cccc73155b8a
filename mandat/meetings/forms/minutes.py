"""Forms of the minutes: finalising and correcting them."""

from django import forms
from django.utils.translation import gettext_lazy as _

from mandat.core.forms import Form

from ..services import CORRECTABLE


class CorrectionForm(Form):
    field = forms.ChoiceField(label=_("Correct"), choices=list(CORRECTABLE.items()))
    value = forms.CharField(
        label=_("Corrected text"), widget=forms.Textarea(attrs={"rows": 5})
    )
    reason = forms.CharField(label=_("Reason for the correction"), max_length=300)


class FinaliseForm(Form):
    registry_number = forms.CharField(
        label=_("Registry number"),
        max_length=60,
        required=False,
        help_text=_("The diarienummer, if the minutes are registered now."),
    )
