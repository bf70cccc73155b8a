"""Target groups on their own pages: named once, used by invitations,
surveys and registering many; who they mean is read on a chosen day."""

from django.core.paginator import Paginator
from django.db.models import Count
from django.shortcuts import get_object_or_404, redirect
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from mandat.core.pages import form_page
from mandat.core.permissions import allowed

from .. import permissions, selectors, services
from ..forms import TargetDayForm, TargetGroupForm, TargetRuleForm
from ..models import TargetGroup

DETAIL = "directory:target-group-detail"
PEOPLE_PAGE = 100


@allowed(permissions.can_set_up_directory)
def target_group_list(request):
    organisation = request.organisation
    # The groups made here; a training's own group (one per training, 764 in
    # a large city) is on that training's invite page.
    groups = selectors.target_group_choices(organisation=organisation).annotate(
        rule_count=Count("rules", distinct=True)
    )
    return form_page(
        request,
        TargetGroupForm(request.POST or None),
        "directory/target_group_list.html",
        {"groups": groups},
        save=lambda data: services.target_group_create(
            actor=request.user, organisation=organisation, name=data["name"]
        ),
        done=lambda group: (DETAIL, organisation.slug, group.pk),
        default="name",
    )


@allowed(permissions.can_set_up_directory)
def target_group_detail(request, target_group_id):
    """The group's rules, the form to add one, and who it means on a day."""
    organisation = request.organisation
    group = get_object_or_404(
        TargetGroup, pk=target_group_id, organisation=organisation
    )
    rule_form = TargetRuleForm(
        request.POST or None, organisation=organisation, user=request.user
    )

    def context():
        day_form = TargetDayForm(request.GET or None)
        day = (day_form.cleaned_data.get("on") if day_form.is_valid() else None) or (
            timezone.localdate()
        )
        # A page of the people at a time (a rule over all elected officials of
        # a large city means 1,044), from the one read of who the group means.
        people = list(selectors.target_group_people(group=group, on=day))
        page = Paginator(people, PEOPLE_PAGE).get_page(request.GET.get("page"))
        return {
            "group": group,
            "rules": list(group.rules.select_related("body", "person")),
            "rule_form": rule_form,
            "day_form": day_form,
            "day": day,
            "people": page.object_list,
            "count": len(people),
            "page": page,
            "sees_protected": permissions.can_see_protected_identity(
                request.user, organisation
            ),
        }

    return form_page(
        request,
        rule_form,
        "directory/target_group_detail.html",
        context,
        save=lambda data: services.target_rule_create(
            actor=request.user, group=group, **data
        ),
        done=lambda _rule: (DETAIL, organisation.slug, group.pk),
        success=_("The rule was added."),
    )


@require_POST
@allowed(permissions.can_set_up_directory)
def target_rule_delete(request, target_group_id, rule_id):
    group = get_object_or_404(
        TargetGroup, pk=target_group_id, organisation=request.organisation
    )
    services.target_rule_delete(actor=request.user, group=group, rule_id=rule_id)
    return redirect(DETAIL, request.organisation.slug, group.pk)
