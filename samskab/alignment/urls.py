from django.urls import path

from samskab.alignment import views

app_name = "alignment"

BASE = "o/<slug:org>/projects/<int:project>/alignment/"

urlpatterns = [
    path(BASE, views.round_list, name="list"),
    path(f"{BASE}new/", views.round_create, name="create"),
    path(f"{BASE}<int:pk>/", views.results, name="results"),
    path(f"{BASE}<int:pk>/respond/", views.respond, name="respond"),
    path(f"{BASE}<int:pk>/close/", views.close, name="close"),
    path(f"{BASE}<int:pk>/open/", views.reopen, name="open"),
    # Public: participants answer through the round's unguessable link, without an account.
    path("forventninger/<str:token>/", views.public_form, name="public"),
    path("forventninger/<str:token>/tak/", views.public_thanks, name="thanks"),
]
