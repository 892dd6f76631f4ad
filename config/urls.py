from django.conf import settings
from django.urls import include, path

from alsmove.web.support_desk import desk

urlpatterns = [
    path("", include("alsmove.web.urls")),
    path("", include("alsmove.logbook.urls")),
    path("accounts/", include("alsmove.accounts.urls")),
    path("library/", include("alsmove.exercises.urls")),
    path("", include("alsmove.resources.urls")),
    path("", include("alsmove.patients.urls")),
    path("patients/", include("alsmove.assessments.urls")),
    path("patients/", include("alsmove.routines.urls")),
    path("patients/", include("alsmove.sessions.urls")),
    path("patients/", include("alsmove.caregiving.urls")),
    path("patients/", include("alsmove.interop.urls")),
    path("", include("alsmove.portability.urls")),
    path("patients/", include("alsmove.documents.urls")),
    path("patients/", include("alsmove.equipment.urls")),
    path("api/v1/", include("alsmove.api.urls")),
    path(settings.ALSMOVE_SUPPORT_URL, desk.urls),
]
if settings.ALSMOVE_BENCH:  # the benchmark's floor: never on unless asked for
    from alsmove.web.bench import floor

    urlpatterns.append(path("bench/floor/", floor, name="bench_floor"))

handler400 = "alsmove.web.views.bad_request"
handler403 = "alsmove.web.views.permission_denied"
handler404 = "alsmove.web.views.page_not_found"
handler500 = "alsmove.web.views.server_error"
