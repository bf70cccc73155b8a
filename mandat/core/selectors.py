"""Readers for the core app: the audit trail."""

import json
from typing import Any

from django.apps import apps
from django.db.models import Q, QuerySet, TextField
from django.db.models.functions import Cast

from .models import AuditEntry, Organisation, object_type_label


def audit_entry_list(
    *, organisation: Organisation, filters: dict[str, Any]
) -> QuerySet[AuditEntry]:
    """Return the audit entries of ``organisation``, newest first, filtered by
    free text (record, note, changed values), record type, who changed it,
    action and dates."""
    entries = AuditEntry.objects.filter(organisation=organisation)
    if query := filters.get("q"):
        entries = entries.annotate(
            changes_text=Cast("changes", output_field=TextField())
        ).filter(
            Q(object_repr__icontains=query)
            | Q(actor_label__icontains=query)
            | Q(message__icontains=query)
            | Q(object_type__icontains=query)
            | Q(changes_text__icontains=query)
            # The database may hold "å" as the JSON escape "\u00e5".
            | Q(changes_text__icontains=json.dumps(query)[1:-1])
        )
    if object_type := filters.get("object_type"):
        entries = entries.filter(object_type=object_type)
    if actor := filters.get("actor"):
        entries = entries.filter(actor_label__icontains=actor)
    if action := filters.get("action"):
        entries = entries.filter(action=action)
    if date_from := filters.get("date_from"):
        entries = entries.filter(created_at__date__gte=date_from)
    if date_to := filters.get("date_to"):
        entries = entries.filter(created_at__date__lte=date_to)
    return entries.order_by("-created_at", "-id")


def audit_object_types(*, organisation: Organisation) -> list[tuple[str, str]]:
    """Return the record types the audit trail can hold, as (value,
    translated name) sorted by name, for the filter: Mandat's own models.

    Not the types in the organisation's trail: finding those reads every
    entry of its history."""
    types = {
        model._meta.label_lower
        for model in apps.get_models()
        if model.__module__.startswith("mandat.") and model is not AuditEntry
    }
    return sorted(
        ((value, object_type_label(value)) for value in types),
        key=lambda choice: choice[1].lower(),
    )
