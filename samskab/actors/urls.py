from django.urls import path

from samskab.actors import views

app_name = "actors"

PREFIX = "o/<slug:org>/projects/<int:project>/actors/"

urlpatterns = [
    path(PREFIX, views.actor_list, name="list"),
    path(f"{PREFIX}new/", views.actor_create, name="create"),
    path(f"{PREFIX}map/", views.actor_map, name="map"),
    path(f"{PREFIX}<int:pk>/edit/", views.actor_edit, name="edit"),
    path(f"{PREFIX}<int:pk>/delete/", views.actor_delete, name="delete"),
]
