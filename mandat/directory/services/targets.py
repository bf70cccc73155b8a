"""Writers for target groups: named sets of rules over the directory,
resolved when they are used (an invitation, a survey, registering many)."""

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from mandat.core.exceptions import ApplicationError
from mandat.core.models import Organisation
from mandat.core.services import Actor, audit_created, audit_deleted

from ..models import TargetGroup, TargetRule


@transaction.atomic
def target_group_create(
    *, actor: Actor, organisation: Organisation, name: str
) -> TargetGroup:
    """Create an empty target group to add rules to."""
    name = " ".join(name.split())
    if not name:
        raise ApplicationError(_("Give the target group a name."), field="name")
    if TargetGroup.objects.filter(
        organisation=organisation, name__iexact=name
    ).exists():
        raise ApplicationError(
            _("There is a target group with this name."), field="name"
        )
    group = TargetGroup.objects.create(organisation=organisation, name=name)
    audit_created(actor, group, message=name)
    return group


@transaction.atomic
def target_rule_create(
    *, actor: Actor, group: TargetGroup, **fields: Any
) -> TargetRule:
    """Add a rule to ``group``: everyone it means is in the group."""
    rule = TargetRule(group=group, **fields)
    try:
        rule.full_clean(exclude=["group"])
    except ValidationError as error:
        field, problems = next(iter(error.message_dict.items()))
        raise ApplicationError(problems[0], field=field) from error
    for name in ("body", "person"):
        value = fields.get(name)
        if value is not None and value.organisation_id != group.organisation_id:
            raise ApplicationError(
                _("That belongs to another organisation."), field=name
            )
    rule.save()
    audit_created(actor, rule, organisation=group.organisation, message=group.name)
    return rule


@transaction.atomic
def target_rule_delete(*, actor: Actor, group: TargetGroup, rule_id: int) -> None:
    """Take a rule out of ``group``."""
    rule = TargetRule.objects.filter(pk=rule_id, group=group).first()
    if rule is None:
        return
    audit_deleted(actor, rule, organisation=group.organisation, message=group.name)
    rule.delete()
