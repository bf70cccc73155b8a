import django_filters
from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from .models import PlanItem, Training


class TrainingFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Search"), method="search")
    status = django_filters.ChoiceFilter(
        label=_("Status"), choices=Training.Status.choices, empty_label=_("All")
    )
    plan_item = django_filters.ModelChoiceFilter(
        label=_("Plan item"), queryset=PlanItem.objects.none(), empty_label=_("All")
    )
    outside_plan = django_filters.BooleanFilter(
        label=_("Only outside the plan"),
        method="filter_outside",
        widget=forms.CheckboxInput,
    )
    o = django_filters.OrderingFilter(
        fields=(("title", "title"), ("created_at", "created"), ("status", "status"))
    )

    def __init__(self, *args, organisation, **kwargs):
        super().__init__(*args, **kwargs)
        self.filters["plan_item"].queryset = PlanItem.objects.filter(
            plan__organisation=organisation
        )

    def filter_outside(self, queryset, name, value):
        return queryset.filter(plan_item__isnull=True) if value else queryset

    def search(self, queryset, name, value):
        return queryset.filter(
            Q(title__icontains=value) | Q(description__icontains=value)
        )
