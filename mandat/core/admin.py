from typing import Any

from django.contrib import admin
from django.db.models import Model, QuerySet
from django.forms import BaseForm, BaseModelFormSet
from django.forms.models import model_to_dict
from django.http import HttpRequest

from .models import AuditEntry, Organisation
from .services import audit_record


# ModelAdmin is generic only in django-stubs (at run time it cannot be
# subscripted), so these are ModelAdmin[Any].
class AuditedModelAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    """A ModelAdmin whose saves and deletions land in the audit trail, so the
    administration site is not a way around it."""

    def _organisation(self, obj: Model) -> Organisation | None:
        if isinstance(obj, Organisation):
            return obj
        return getattr(obj, "organisation", None)

    def save_model(
        self, request: HttpRequest, obj: Model, form: BaseForm | None, change: bool
    ) -> None:
        before: dict[str, str] = {}
        if change and obj.pk:
            original = type(obj)._default_manager.get(pk=obj.pk)
            before = {k: str(v) for k, v in model_to_dict(original).items()}
        super().save_model(request, obj, form, change)
        after = {k: str(v) for k, v in model_to_dict(obj).items()}
        changes = {
            k: [before.get(k), v] for k, v in after.items() if before.get(k) != v
        }
        audit_record(
            actor=request.user,
            organisation=self._organisation(obj),
            action=AuditEntry.Action.UPDATE if change else AuditEntry.Action.CREATE,
            instance=obj,
            changes=changes,
            message="admin",
        )

    def delete_model(self, request: HttpRequest, obj: Model) -> None:
        audit_record(
            actor=request.user,
            organisation=self._organisation(obj),
            action=AuditEntry.Action.DELETE,
            instance=obj,
            message="admin",
        )
        super().delete_model(request, obj)

    def save_formset(
        self,
        request: HttpRequest,
        form: BaseForm,
        formset: BaseModelFormSet[Any, Any],
        change: bool,
    ) -> None:
        instances = formset.save(commit=False)
        for obj in formset.deleted_objects:
            self.delete_model(request, obj)
        for obj in instances:
            self.save_model(request, obj, None, change=bool(obj.pk))
        formset.save_m2m()

    def delete_queryset(self, request: HttpRequest, queryset: QuerySet[Any]) -> None:
        for obj in queryset:
            self.delete_model(request, obj)


@admin.register(Organisation)
class OrganisationAdmin(AuditedModelAdmin):
    list_display = ["name", "slug", "kind"]
    prepopulated_fields = {"slug": ["name"]}
    search_fields = ["name"]


@admin.register(AuditEntry)
class AuditEntryAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = [
        "created_at",
        "organisation",
        "actor_label",
        "action",
        "object_repr",
    ]
    list_filter = ["action", "object_type"]
    search_fields = ["object_repr", "actor_label", "message"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(
        self, request: HttpRequest, obj: AuditEntry | None = None
    ) -> bool:
        return False

    def has_delete_permission(
        self, request: HttpRequest, obj: AuditEntry | None = None
    ) -> bool:
        return False
