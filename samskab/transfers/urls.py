from django.urls import path

from samskab.transfers import views

app_name = "transfers"

urlpatterns = [
    path("o/<slug:org>/imports/", views.job_list, name="jobs"),
    path("o/<slug:org>/imports/<int:pk>/", views.job_detail, name="job"),
    path("o/<slug:org>/imports/<int:pk>/mapping/", views.column_mapping, name="mapping"),
    path("o/<slug:org>/imports/<int:pk>/confirm/", views.confirm, name="confirm"),
    path("o/<slug:org>/imports/<int:pk>/cancel/", views.cancel, name="cancel"),
    path("o/<slug:org>/imports/<int:pk>/rejected.csv", views.rejected_csv, name="rejected"),
    path("o/<slug:org>/collections/<int:pk>/import/", views.upload, name="upload"),
    path("o/<slug:org>/collections/<int:pk>/export/", views.export_page, name="export_page"),
    path("o/<slug:org>/collections/<int:pk>/export/<slug:fmt>/", views.export, name="export"),
    path("o/<slug:org>/sensemaker/import/", views.sensemaker_upload, name="sensemaker"),
]
