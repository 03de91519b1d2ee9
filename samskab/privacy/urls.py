from django.urls import path

from samskab.privacy import views

app_name = "privacy"

urlpatterns = [
    path("o/<slug:org>/personal-data/", views.requests, name="requests"),
    path("o/<slug:org>/personal-data/<slug:kind>/<int:pk>/export/", views.export, name="export"),
    path("o/<slug:org>/personal-data/<slug:kind>/<int:pk>/erase/", views.erase, name="erase"),
]
