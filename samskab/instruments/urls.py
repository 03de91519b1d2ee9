from django.urls import path

from samskab.instruments.views import collections, editor, instruments, stories

app_name = "instruments"

INSTRUMENTS = "o/<slug:org>/instruments/"
COLLECTIONS = "o/<slug:org>/collections/"

urlpatterns = [
    path(INSTRUMENTS, instruments.instrument_list, name="list"),
    path(f"{INSTRUMENTS}new/", instruments.instrument_create, name="create"),
    path(f"{INSTRUMENTS}<int:pk>/", instruments.instrument_detail, name="detail"),
    path(f"{INSTRUMENTS}<int:pk>/edit/", editor.instrument_edit, name="edit"),
    path(f"{INSTRUMENTS}<int:pk>/preview/", editor.instrument_preview, name="preview"),
    path(f"{INSTRUMENTS}<int:pk>/v<int:number>/", instruments.version_detail, name="version"),
    path(
        f"{INSTRUMENTS}<int:pk>/v<int:number>/export.<str:kind>",
        instruments.version_export,
        name="export",
    ),
    path(COLLECTIONS, collections.collection_list, name="collections"),
    path(f"{COLLECTIONS}new/", collections.collection_create, name="collection_create"),
    path(f"{COLLECTIONS}<int:pk>/", collections.collection_detail, name="collection_detail"),
    path(f"{COLLECTIONS}<int:pk>/edit/", collections.collection_edit, name="collection_edit"),
    path(f"{COLLECTIONS}<int:pk>/print/", collections.collection_print, name="collection_print"),
    path(f"{COLLECTIONS}<int:pk>/close/", collections.collection_close, name="collection_close"),
    path(f"{COLLECTIONS}<int:pk>/reopen/", collections.collection_reopen, name="collection_reopen"),
    path(f"{COLLECTIONS}<int:pk>/stories/", stories.story_list, name="stories"),
]
