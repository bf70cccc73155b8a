from django.contrib import admin

from mandat.core.admin import AuditedModelAdmin

from .models import Assignment, Body, ImportJob, MandatePeriod, Party, Person


@admin.register(MandatePeriod)
class MandatePeriodAdmin(AuditedModelAdmin):
    list_display = ["name", "organisation", "starts_on", "ends_on"]
    list_filter = ["organisation"]


@admin.register(Party)
class PartyAdmin(AuditedModelAdmin):
    list_display = ["name", "abbreviation", "organisation", "is_local", "is_active"]
    list_filter = ["organisation", "is_local"]
    search_fields = ["name", "abbreviation"]


@admin.register(Body)
class BodyAdmin(AuditedModelAdmin):
    list_display = ["name", "short_name", "kind", "reporting_category", "organisation"]
    list_filter = ["organisation", "kind", "reporting_category", "is_statutory"]
    search_fields = ["name", "short_name"]
    autocomplete_fields = ["parent"]


class AssignmentInline(admin.TabularInline):
    model = Assignment
    extra = 0
    autocomplete_fields = ["body", "party"]
    fields = [
        "body",
        "role",
        "party",
        "substitute_order",
        "starts_on",
        "ends_on",
        "left_party_on",
    ]


@admin.register(Person)
class PersonAdmin(AuditedModelAdmin):
    list_display = ["last_name", "first_name", "email", "kind", "organisation"]
    list_filter = ["organisation", "kind", "protected_identity"]
    search_fields = ["first_name", "last_name", "email", "register_id"]
    autocomplete_fields = ["account"]
    inlines = [AssignmentInline]


@admin.register(Assignment)
class AssignmentAdmin(AuditedModelAdmin):
    list_display = ["person", "body", "role", "party", "starts_on", "ends_on"]
    list_filter = ["organisation", "role", "body__kind"]
    search_fields = ["person__first_name", "person__last_name", "body__name"]
    autocomplete_fields = ["person", "body", "party"]


@admin.register(ImportJob)
class ImportJobAdmin(admin.ModelAdmin):
    list_display = ["filename", "organisation", "status", "created_at"]
    list_filter = ["status", "organisation"]
    exclude = ["content"]
    readonly_fields = ["result"]
