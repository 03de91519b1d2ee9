from django.urls import path

from samskab.playbooks import views

app_name = "playbooks"

P = "o/<slug:org>/projects/<int:project>/playbook/"

urlpatterns = [
    path(P, views.home, name="home"),
    path(f"{P}start/", views.start, name="start"),
    path(f"{P}settings/", views.settings, name="settings"),
    path(f"{P}sections/<slug:key>/", views.section_edit, name="section"),
    path(f"{P}sections/<slug:key>/move/", views.section_move, name="section_move"),
    path(f"{P}views/", views.views_choose, name="views"),
    path(f"{P}quotes/story/<int:story>/", views.quote_add, name="quote_add"),
    path(f"{P}quotes/<int:pk>/remove/", views.quote_remove, name="quote_remove"),
    path(f"{P}draft/", views.draft, name="draft"),
    path(f"{P}build/", views.build, name="build"),
    path(f"{P}publish/", views.publish, name="publish"),
    path(f"{P}versions/<int:pk>/", views.version_read, name="version"),
    path(f"{P}versions/<int:pk>/status/", views.version_status, name="version_status"),
    path(f"{P}versions/<int:pk>/pdf/", views.version_pdf, name="version_pdf"),
    path(f"{P}versions/<int:pk>/docx/", views.version_docx, name="version_docx"),
    path(f"{P}compare/", views.compare, name="compare"),
    path("o/<slug:org>/settings/logo/", views.logo, name="logo"),
    path("o/<slug:org>/settings/logo/image/", views.logo_image, name="logo_image"),
]
