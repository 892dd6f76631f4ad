from django.urls import path

from alsmove.patients import invitation_views, signup, trail, views

# Every route of the app, one module and one namespace (included at the site root).
app_name = "patients"
urlpatterns = [
    # Records and care teams
    path("patients/new/", views.create, name="create"),
    path("patients/<int:patient_id>/", views.overview, name="overview"),
    path("patients/<int:patient_id>/edit/", views.edit, name="edit"),
    path("patients/<int:patient_id>/team/", views.team, name="team"),
    path("patients/<int:patient_id>/who-looked/", trail.who_looked, name="who_looked"),
    path("patients/<int:patient_id>/team/<int:link_id>/revoke/", views.revoke, name="revoke"),
    path("patients/<int:patient_id>/team/<int:link_id>/restore/", views.restore, name="restore"),
    path("patients/<int:patient_id>/team/leave/", invitation_views.leave_view, name="leave"),
    path(
        "patients/<int:patient_id>/team/invitations/<int:invitation_id>/withdraw/",
        invitation_views.withdraw_view,
        name="withdraw",
    ),
    # Signing up makes an account and, for a person, their record (patients/signup.py);
    # the page keeps the address it always had.
    path("accounts/signup/", signup.signup, name="signup"),
    # Invitations, answered by their link
    path("invitations/<int:invitation_id>/answer/", invitation_views.answer, name="answer"),
    path("invitations/<str:token>/", invitation_views.open_link, name="open"),
]
