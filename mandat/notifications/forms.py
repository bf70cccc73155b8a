from django import forms
from django.utils.translation import gettext_lazy as _

from mandat.core.forms import Form

from .models import Message
from .registry import EVENTS


class MessageFilterForm(Form):
    q = forms.CharField(label=_("Search"), required=False, max_length=200)
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[("", _("All"))]
        + list(Message.Status.choices)
        + [("stuck", _("Stuck: waiting past its time"))],
    )
    event = forms.ChoiceField(label=_("Message"), required=False, choices=[])

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["event"].choices = [("", _("All"))] + [
            (key, spec.label) for key, spec in sorted(EVENTS.items())
        ]


class MessageTemplateForm(Form):
    language = forms.CharField(widget=forms.HiddenInput)
    subject = forms.CharField(label=_("Subject"), max_length=300)
    body = forms.CharField(label=_("Text"), widget=forms.Textarea(attrs={"rows": 18}))
