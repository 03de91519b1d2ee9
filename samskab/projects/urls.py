from django.urls import path

from samskab.projects import views

app_name = "projects"

urlpatterns = [
    path("o/<slug:org>/projects/", views.project_list, name="list"),
    path("o/<slug:org>/projects/new/", views.project_create, name="create"),
    path("o/<slug:org>/projects/<int:pk>/", views.project_detail, name="detail"),
    path("o/<slug:org>/projects/<int:pk>/edit/", views.project_edit, name="edit"),
    path("o/<slug:org>/goals/", views.goal_list, name="goals"),
    path("o/<slug:org>/goals/new/", views.goal_create, name="goal_create"),
    path("o/<slug:org>/goals/<int:pk>/edit/", views.goal_edit, name="goal_edit"),
]
