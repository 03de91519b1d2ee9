from django.urls import path

from samskab.sso import views

app_name = "sso"

urlpatterns = [
    path("o/<slug:org>/settings/sso/", views.connections, name="connections"),
    path("o/<slug:org>/settings/sso/<int:pk>/", views.connection_roles, name="connection_roles"),
]
