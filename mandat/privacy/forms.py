from django import forms
from django.utils.translation import gettext_lazy as _

from mandat.core.forms import Form


class ExtractForm(Form):
    """Which file of the register extract to download."""

    FORMATS = (("pdf", _("PDF/A")), ("json", _("JSON")))

    file_format = forms.ChoiceField(label=_("File"), choices=FORMATS)
