"""Filters of the directory lists. Party is deliberately not a filter: party
affiliation is sensitive personal data and is never used to select people."""

import django_filters
from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from mandat.core.forms import Form

from .models import AssignmentRole, Body, BodyKind, Person, ReportingCategory
from .selectors import ROLE_GROUPS, active_on_q

ROLE_CHOICES = [
    ("presidium", _("Presidium (chair and vice chairs)")),
    ("members", _("Members, presidium included")),
    ("substitutes", _("Substitutes")),
    *AssignmentRole.choices,
]


def filter_role(queryset, prefix: str, value: str):
    if not value:
        return queryset
    roles = ROLE_GROUPS.get(value, (value,))
    return queryset.filter(**{f"{prefix}role__in": roles})


class AssignmentFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Search"), method="search")
    body = django_filters.ModelChoiceFilter(
        label=_("Body"), queryset=Body.objects.none(), empty_label=_("All bodies")
    )
    category = django_filters.ChoiceFilter(
        label=_("Reporting category"),
        field_name="body__reporting_category",
        choices=ReportingCategory.choices,
        empty_label=_("All categories"),
    )
    kind = django_filters.ChoiceFilter(
        label=_("Kind of body"),
        field_name="body__kind",
        choices=BodyKind.choices,
        empty_label=_("All kinds"),
    )
    role = django_filters.ChoiceFilter(
        label=_("Role"),
        choices=ROLE_CHOICES,
        method="filter_role",
        empty_label=_("All roles"),
    )
    o = django_filters.OrderingFilter(
        label=_("Sort by"),
        fields=(
            ("body__name", "body"),
            ("role_rank", "role"),
            ("person__last_name", "name"),
            ("starts_on", "from"),
            ("ends_on", "to"),
        ),
        field_labels={
            "body": _("Body"),
            "role": _("Role"),
            "name": _("Name"),
            "from": _("From"),
            "to": _("To"),
        },
    )

    def __init__(self, *args, bodies, **kwargs):
        super().__init__(*args, **kwargs)
        self.filters["body"].queryset = bodies

    def search(self, queryset, name, value):
        for word in value.split()[:5]:
            queryset = queryset.filter(
                Q(person__first_name__icontains=word)
                | Q(person__last_name__icontains=word)
                | Q(person__email__icontains=word)
                | Q(body__name__icontains=word)
                | Q(body__short_name__iexact=word)
            )
        return queryset

    def filter_role(self, queryset, name, value):
        return filter_role(queryset, "", value)


class PersonFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Search"), method="search")
    kind = django_filters.ChoiceFilter(
        label=_("Kind"), choices=Person.Kind.choices, empty_label=_("Everyone")
    )
    body = django_filters.ModelChoiceFilter(
        label=_("Sits on"),
        queryset=Body.objects.none(),
        method="filter_body",
        empty_label=_("Any body"),
    )
    role = django_filters.ChoiceFilter(
        label=_("Role"),
        choices=ROLE_CHOICES,
        method="filter_role",
        empty_label=_("Any role"),
    )
    o = django_filters.OrderingFilter(
        label=_("Sort by"),
        fields=(
            ("last_name", "name"),
            ("first_name", "first_name"),
            ("kind", "kind"),
            ("email", "email"),
        ),
        field_labels={
            "name": _("Last name"),
            "first_name": _("First name"),
            "kind": _("Kind"),
            "email": _("E-mail address"),
        },
    )

    def __init__(self, *args, bodies, on, **kwargs):
        super().__init__(*args, **kwargs)
        self.filters["body"].queryset = bodies
        self.on = on

    def search(self, queryset, name, value):
        for word in value.split()[:5]:
            queryset = queryset.filter(
                Q(first_name__icontains=word)
                | Q(last_name__icontains=word)
                | Q(email__icontains=word)
                | Q(title__icontains=word)
            )
        return queryset

    def _active(self):
        return active_on_q(self.on, prefix="assignments__")

    def filter_body(self, queryset, name, value):
        return queryset.filter(self._active(), assignments__body=value).distinct()

    def filter_role(self, queryset, name, value):
        if not value:
            return queryset
        roles = ROLE_GROUPS.get(value, (value,))
        return queryset.filter(self._active(), assignments__role__in=roles).distinct()


class BodyFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Search"), method="search")
    kind = django_filters.ChoiceFilter(
        label=_("Kind"), choices=BodyKind.choices, empty_label=_("All kinds")
    )
    reporting_category = django_filters.ChoiceFilter(
        label=_("Reporting category"),
        choices=ReportingCategory.choices,
        empty_label=_("All categories"),
    )
    o = django_filters.OrderingFilter(
        label=_("Sort by"),
        fields=(("name", "name"), ("kind", "kind"), ("member_count", "members")),
        field_labels={"name": _("Name"), "kind": _("Kind"), "members": _("Members")},
    )

    def search(self, queryset, name, value):
        return queryset.filter(Q(name__icontains=value) | Q(short_name__iexact=value))


class DayForm(Form):
    """The day a list shows the directory as it stood on."""

    on = forms.DateField(
        label=_("As of"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    history = forms.BooleanField(label=_("Include ended assignments"), required=False)
