from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from mandat.core.forms import Form, ModelForm
from mandat.directory.widgets import PersonChoiceField

from .models import (
    Assignment,
    Body,
    MandatePeriod,
    Party,
    Person,
    RegisterSync,
    TargetRule,
)


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


DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class PersonForm(ModelForm):
    class Meta:
        model = Person
        fields = [
            "first_name",
            "last_name",
            "kind",
            "title",
            "email",
            "phone",
            "gender",
            "home_municipality",
            "register_id",
            "protected_identity",
        ]

    def __init__(self, *args, sees_protected: bool = True, **kwargs):
        super().__init__(*args, **kwargs)
        if not sees_protected:
            # Only the coordinator's views handle protected identities.
            del self.fields["protected_identity"]


class AssignmentForm(ModelForm):
    """A new seat for a person: the body (one the user may change) or, on a
    body's page, the person; role, party, call-in order and dates."""

    person = PersonChoiceField(label=_("Person"))

    class Meta:
        model = Assignment
        fields = [
            "person",
            "body",
            "role",
            "party",
            "substitute_order",
            "period",
            "starts_on",
            "ends_on",
        ]
        widgets = {"starts_on": DATE, "ends_on": DATE}

    def __init__(
        self, *args, organisation, user, bodies, person=None, body=None, **kwargs
    ):
        super().__init__(*args, **kwargs)
        self.fields["body"].queryset = bodies
        self.fields["party"].queryset = Party.objects.filter(
            organisation=organisation, is_active=True
        )
        self.fields["period"].queryset = MandatePeriod.objects.filter(
            organisation=organisation
        )
        self.fields["person"].configure(organisation=organisation, user=user)
        self.fields["starts_on"].initial = timezone.localdate()
        if person is not None:
            del self.fields["person"]
        if body is not None:
            del self.fields["body"]


class AssignmentChangeForm(ModelForm):
    class Meta:
        model = Assignment
        fields = [
            "party",
            "left_party_on",
            "substitute_order",
            "period",
            "starts_on",
            "ends_on",
            "end_reason",
        ]
        widgets = {"starts_on": DATE, "ends_on": DATE, "left_party_on": DATE}

    def __init__(self, *args, organisation, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["party"].queryset = Party.objects.filter(organisation=organisation)
        self.fields["period"].queryset = MandatePeriod.objects.filter(
            organisation=organisation
        )


class AssignmentEndForm(Form):
    ends_on = forms.DateField(label=_("Last day"), widget=DATE)
    reason = forms.CharField(
        label=_("Reason"),
        max_length=200,
        required=False,
        help_text=_("E.g. moved away, resigned, new role."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["ends_on"].initial = timezone.localdate()


class BodyForm(ModelForm):
    class Meta:
        model = Body
        fields = [
            "name",
            "short_name",
            "kind",
            "parent",
            "reporting_category",
            "is_statutory",
            "term_rule",
            "seats",
        ]

    def __init__(self, *args, organisation, **kwargs):
        super().__init__(*args, **kwargs)
        parents = Body.objects.filter(organisation=organisation)
        if self.instance.pk:
            parents = parents.exclude(pk=self.instance.pk)
        self.fields["parent"].queryset = parents.order_by("name")
        if not self.instance.pk:
            # Left empty, they follow the kind (KIND_DEFAULTS).
            for name in ("reporting_category", "term_rule"):
                self.fields[name].required = False
            self.fields["reporting_category"].help_text = _(
                "Empty: as the kind of body usually is."
            )


class BodiesTextForm(Form):
    text = forms.CharField(
        label=_("Bodies, one per line"),
        max_length=50_000,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_(
            "The name, and if the name does not tell, the kind and the reporting "
            "category after a tab or a semicolon: “Hamnbolaget AB”, "
            "“Krisledningsnämnden; nämnd”."
        ),
    )


class PartyForm(ModelForm):
    class Meta:
        model = Party
        fields = ["name", "abbreviation", "is_local"]


class MandatePeriodForm(ModelForm):
    class Meta:
        model = MandatePeriod
        fields = ["name", "election_date", "starts_on", "ends_on"]
        widgets = {"election_date": DATE, "starts_on": DATE, "ends_on": DATE}


class TargetRuleForm(ModelForm):
    person = PersonChoiceField(label=_("Person"), required=False)

    class Meta:
        model = TargetRule
        fields = ["kind", "body", "category", "body_kind", "roles", "title", "person"]

    # The kinds of rule each field serves; the page's script shows only the
    # fields of the kind chosen (without it, all are shown).
    KINDS_BY_FIELD = {
        "body": ("body",),
        "category": ("category",),
        "body_kind": ("body_kind",),
        "roles": ("all_elected", "body", "category", "body_kind"),
        "title": ("officials_title",),
        "person": ("person",),
    }

    def __init__(self, *args, organisation, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["body"].queryset = Body.objects.filter(organisation=organisation)
        self.fields["person"].configure(organisation=organisation, user=user)
        self.fields["title"].help_text = _("For officials, e.g. Förvaltningschef.")
        self.fields["kind"].widget.attrs["data-rule-kind"] = ""
        for name, kinds in self.KINDS_BY_FIELD.items():
            self.fields[name].widget.attrs["data-rule-kinds"] = " ".join(kinds)


class TargetGroupForm(Form):
    name = forms.CharField(
        label=_("Name"),
        max_length=200,
        help_text=_("E.g. The presidia of the committees and their chiefs."),
    )


class TargetDayForm(Form):
    on = forms.DateField(
        label=_("Members on"),
        required=False,
        widget=DATE,
        help_text=_(
            "The group as it will be on that day, e.g. when a new term starts."
        ),
    )


class RegisterSyncForm(ModelForm):
    class Meta:
        model = RegisterSync
        fields = ["enabled", "source", "end_missing", "apply_automatically"]
