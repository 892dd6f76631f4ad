from django.urls import path

from alsmove.patients import invitation_views, trail, views

app_name = "patients"
urlpatterns = [
    path("new/", views.create, name="create"),
    path("<int:patient_id>/", views.overview, name="overview"),
    path("<int:patient_id>/edit/", views.edit, name="edit"),
    path("<int:patient_id>/team/", views.team, name="team"),
    path("<int:patient_id>/who-looked/", trail.who_looked, name="who_looked"),
    path("<int:patient_id>/team/<int:link_id>/revoke/", views.revoke, name="revoke"),
    path("<int:patient_id>/team/<int:link_id>/restore/", views.restore, name="restore"),
    path("<int:patient_id>/team/leave/", invitation_views.leave_view, name="leave"),
    path(
        "<int:patient_id>/team/invitations/<int:invitation_id>/withdraw/",
        invitation_views.withdraw_view,
        name="withdraw",
    ),
]
