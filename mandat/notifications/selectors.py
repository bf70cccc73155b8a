"""Readers for the outbox."""

from django.db.models import Count, Q, QuerySet
from django.template.loader import get_template

from .models import Message


def message_list(*, organisation, filters: dict) -> QuerySet:
    """Return the organisation's messages, newest first, filtered."""
    messages = Message.objects.filter(organisation=organisation).defer(
        "body_text", "calendar"
    )
    if query := filters.get("q"):
        messages = messages.filter(
            Q(to_email__icontains=query)
            | Q(to_name__icontains=query)
            | Q(subject__icontains=query)
        )
    if status := filters.get("status"):
        messages = messages.filter(status=status)
    if event := filters.get("event"):
        messages = messages.filter(event=event)
    return messages.order_by("-created_at", "-id")


def message_counts(*, organisation) -> dict:
    """Return how many messages are in each state."""
    rows = (
        Message.objects.filter(organisation=organisation)
        .values("status")
        .annotate(n=Count("id"))
    )
    return {row["status"]: row["n"] for row in rows}


def builtin_template_source(spec) -> dict:
    """The built-in template's source, as a starting point for editing."""
    subject = get_template(f"{spec.template_base}.subject.txt").template.source
    body = get_template(f"{spec.template_base}.txt").template.source
    return {"subject": subject.strip(), "body": body.strip()}
