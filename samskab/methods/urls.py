from django.urls import path

from samskab.methods import views

app_name = "methods"

urlpatterns = [
    path("o/<slug:org>/methods/", views.method_list, name="list"),
    path("o/<slug:org>/methods/new/", views.method_create, name="create"),
    path("o/<slug:org>/methods/<int:pk>/", views.method_detail, name="detail"),
    path("o/<slug:org>/methods/<int:pk>/edit/", views.method_edit, name="edit"),
]
