from django.conf import settings
from django.contrib import admin
from django.contrib.auth.decorators import login_not_required
from django.urls import include, path
from django.views.i18n import set_language

from mandat.core import bench

admin.site.site_header = "Mandat"
admin.site.site_title = "Mandat"

urlpatterns = [
    path("", include("mandat.portal.urls")),
    path("", include("mandat.core.urls")),
    path("", include("mandat.accounts.urls")),
    path("o/<slug:org_slug>/directory/", include("mandat.directory.urls")),
    path("", include("mandat.trainings.urls")),
    path("", include("mandat.meetings.urls")),
    path("", include("mandat.evaluations.urls")),
    path("", include("mandat.reports.urls")),
    path("", include("mandat.knowledge.urls")),
    path("", include("mandat.notifications.urls")),
    path("", include("mandat.archive.urls")),
    path("", include("mandat.api.urls")),
    path("", include("mandat.privacy.urls")),
    path("i18n/setlang/", login_not_required(set_language), name="set_language"),
    path("admin/", admin.site.urls),
]

if settings.MANDAT_BENCH:
    # The ceiling of `make bench`: the same server and middleware, no work.
    urlpatterns.append(path("bench/bare/", bench.bare))

# 403 and 404 are ordinary pages (templates/403.html, 404.html); 400 and 500
# stand alone, without the request or the database (mandat.core.errors).
handler400 = "mandat.core.errors.bad_request"
handler403 = "django.views.defaults.permission_denied"
handler404 = "django.views.defaults.page_not_found"
handler500 = "mandat.core.errors.server_error"
