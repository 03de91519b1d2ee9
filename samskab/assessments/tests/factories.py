from __future__ import annotations

import datetime

from samskab.assessments.content import ITEMS
from samskab.assessments.services import AssessmentData, save_assessment
from samskab.testing import make_project


def make_assessment(organisation, project=None, title="Start", days_ago=10, **scores):
    project = project or make_project(organisation)
    answers = {item.code: (scores.get(item.code), "") for item in ITEMS}
    data = AssessmentData(
        datetime.date.today() - datetime.timedelta(days=days_ago), title, "", answers
    )
    return save_assessment(project, data, None)


def form_data(date="2026-01-15", title="Start", **scores):
    data = {"date": date, "title": title, "note": ""}
    for item in ITEMS:
        data[f"score_{item.code}"] = "na"
        data[f"reflection_{item.code}"] = ""
    data.update(scores)
    return data
