from django.urls import path

from samskab.organisations import views

app_name = "organisations"

urlpatterns = [
    path("o/<slug:org>/", views.dashboard, name="dashboard"),
    path("o/<slug:org>/members/", views.members, name="members"),
    path("o/<slug:org>/members/add/", views.member_add, name="member_add"),
    path("o/<slug:org>/members/<int:pk>/role/", views.member_role, name="member_role"),
    path("o/<slug:org>/members/<int:pk>/remove/", views.member_remove, name="member_remove"),
    path("o/<slug:org>/audit/", views.audit_log, name="audit_log"),
    path("o/<slug:org>/audit/export.<str:fmt>", views.audit_export, name="audit_export"),
    path("o/<slug:org>/settings/security/", views.security_settings, name="security"),
]
