from django import forms
from django.utils.translation import gettext_lazy as _

from mandat.core.forms import Form

from .models import ApiToken


class TokenForm(Form):
    name = forms.CharField(
        label=_("Name"),
        max_length=100,
        help_text=_(
            "What uses it, e.g. “Register of elected officials” or “Intranet”."
        ),
    )
    scope = forms.ChoiceField(
        label=_("May"),
        choices=ApiToken.Scope.choices,
        initial=ApiToken.Scope.READ,
        widget=forms.RadioSelect,
    )
