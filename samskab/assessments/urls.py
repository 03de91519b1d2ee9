from django.urls import path

from samskab.assessments import views

app_name = "assessments"

BASE = "o/<slug:org>/projects/<int:project>/assessments/"

urlpatterns = [
    path(BASE, views.assessment_list, name="list"),
    path(f"{BASE}new/", views.assessment_create, name="create"),
    path(f"{BASE}<int:pk>/", views.assessment_detail, name="detail"),
    path(f"{BASE}<int:pk>/edit/", views.assessment_edit, name="edit"),
]
