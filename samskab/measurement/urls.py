from django.urls import path

from samskab.measurement.views import (
    evidence,
    exports,
    goals,
    imports,
    indicators,
    log,
    msc,
    plan,
    value,
)

app_name = "measurement"

P = "o/<slug:org>/projects/<int:project>/value/"

urlpatterns = [
    # The municipality overview and the value-creation view (read by commissioning clients).
    path("o/<slug:org>/value/", value.overview, name="overview"),
    path(P, value.value, name="value"),
    # The measurement plan (Appendix 1 questions), with each question's history.
    path(f"{P}plan/", plan.plan, name="plan"),
    path(f"{P}plan/<str:question>/", plan.question_history, name="plan_history"),
    # Goals, their indicators and measurements.
    path(f"{P}goals/", goals.goal_list, name="goals"),
    path(f"{P}goals/new/", goals.goal_create, name="goal_create"),
    path(f"{P}goals/<int:pk>/", goals.goal_detail, name="goal"),
    path(f"{P}goals/<int:pk>/edit/", goals.goal_edit, name="goal_edit"),
    path(
        f"{P}goals/<int:goal>/indicators/new/", indicators.indicator_create, name="indicator_create"
    ),
    path(f"{P}indicators/<int:pk>/", indicators.indicator_detail, name="indicator"),
    path(f"{P}indicators/<int:pk>/edit/", indicators.indicator_edit, name="indicator_edit"),
    path(
        f"{P}indicators/<int:pk>/measurements/new/",
        indicators.measurement_add,
        name="measurement_add",
    ),
    path(
        f"{P}indicators/<int:pk>/measurements/<int:mpk>/delete/",
        indicators.measurement_delete,
        name="measurement_delete",
    ),
    path(f"{P}indicators/<int:pk>/recompute/", indicators.recompute, name="recompute"),
    path(f"{P}indicators/<int:pk>/import/", imports.measurement_import, name="import"),
    # Qualitative evidence and documents.
    path(f"{P}evidence/", evidence.evidence_list, name="evidence"),
    path(f"{P}evidence/new/", evidence.evidence_create, name="evidence_create"),
    path(f"{P}evidence/<int:pk>/delete/", evidence.evidence_delete, name="evidence_delete"),
    path(f"{P}attachments/<int:pk>/", evidence.attachment, name="attachment"),
    # Most Significant Change rounds.
    path(f"{P}msc/", msc.round_list, name="msc_list"),
    path(f"{P}msc/new/", msc.round_create, name="msc_create"),
    path(f"{P}msc/<int:pk>/", msc.round_detail, name="msc"),
    path(f"{P}msc/<int:pk>/choose/", msc.choose, name="msc_choose"),
    path(f"{P}msc/<int:pk>/close/", msc.close, name="msc_close"),
    path(f"{P}msc/<int:pk>/open/", msc.reopen, name="msc_open"),
    path("vigtigste-forandring/<str:token>/", msc.public_choose, name="msc_public"),
    path("vigtigste-forandring/<str:token>/tak/", msc.public_thanks, name="msc_thanks"),
    # Unplanned gains, the learning log and milestones.
    path(f"{P}gains/", log.gain_list, name="gains"),
    path(f"{P}gains/new/", log.gain_create, name="gain_create"),
    path(f"{P}gains/<int:pk>/promote/", log.gain_promote, name="gain_promote"),
    path(f"{P}learning/", log.learning_list, name="learning"),
    path(f"{P}learning/new/", log.learning_create, name="learning_create"),
    path(f"{P}milestones/", log.milestone_list, name="milestones"),
    path(f"{P}milestones/new/", log.milestone_create, name="milestone_create"),
    path(f"{P}milestones/<int:pk>/reached/", log.milestone_reached, name="milestone_reached"),
    # The whole measurement record.
    path(f"{P}export.xlsx", exports.export_xlsx, name="export_xlsx"),
    path(f"{P}export.json", exports.export_json, name="export_json"),
]
