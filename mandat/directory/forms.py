from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from mandat.core.forms import Form


class ImportUploadForm(Form):
    file = forms.FileField(
        label=_("File (.xlsx or .csv)"),
        widget=forms.ClearableFileInput(attrs={"accept": ".xlsx,.csv"}),
    )
    end_missing = forms.BooleanField(
        label=_("End assignments that the file no longer lists"),
        help_text=_(
            "Only on the bodies that appear in the file. Leave it unticked for a "
            "file that adds people or changes details."
        ),
        required=False,
    )
    end_date = forms.DateField(
        label=_("End them on"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["end_date"].initial = timezone.localdate()

    def clean(self):
        data = super().clean()
        if data.get("end_missing") and not data.get("end_date"):
            self.add_error("end_date", _("Give the day the missing assignments end."))
        return data
