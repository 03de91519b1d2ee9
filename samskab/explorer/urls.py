from django.urls import path

from samskab.explorer.views import (
    builds,
    compare,
    dashboard,
    observations,
    patterns,
    stories,
    themes,
    threshold,
)

app_name = "explorer"

BASE = "o/<slug:org>/collections/<int:pk>/explore/"

urlpatterns = [
    path(BASE, dashboard.dashboard, name="dashboard"),
    path(f"{BASE}chart.svg", dashboard.chart_svg, name="chart_svg"),
    path(f"{BASE}preparing/", builds.build_status, name="build_status"),
    path(f"{BASE}compare/", compare.compare, name="compare"),
    path(f"{BASE}patterns/", patterns.patterns, name="patterns"),
    path(f"{BASE}themes/", themes.themes, name="themes"),
    path(f"{BASE}themes/run/", themes.theme_run, name="theme_run"),
    path(f"{BASE}stories/", stories.stories, name="stories"),
    path(f"{BASE}export.csv", stories.export, name="export"),
    path(f"{BASE}observations/", observations.observation_list, name="observations"),
    path(f"{BASE}observations/new/", observations.observation_create, name="observation_create"),
    path("o/<slug:org>/settings/disclosure/", threshold.threshold_settings, name="threshold"),
]
