from django.urls import path

from samskab.activities import views

app_name = "activities"

PREFIX = "o/<slug:org>/projects/<int:project>/activities/"

urlpatterns = [
    path(PREFIX, views.activity_list, name="list"),
    path(PREFIX + "new/", views.activity_create, name="create"),
    path(PREFIX + "participation/", views.participation, name="participation"),
    path(PREFIX + "<int:pk>/", views.activity_detail, name="detail"),
    path(PREFIX + "<int:pk>/edit/", views.activity_edit, name="edit"),
    path(PREFIX + "<int:pk>/delete/", views.activity_delete, name="delete"),
]
