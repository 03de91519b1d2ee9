"""Effect measurement: the plan, goals, indicators and measurements, evidence, Most Significant
Change rounds, unplanned gains, the learning log and milestones of a project."""

from samskab.measurement.models.evidence import Attachment, Evidence
from samskab.measurement.models.goals import Goal, GoalRevision, Indicator, Measurement
from samskab.measurement.models.log import LearningEntry, Milestone, UnplannedGain
from samskab.measurement.models.msc import MscCandidate, MscRound, MscVote
from samskab.measurement.models.plan import PlanAnswer

__all__ = [
    "Attachment",
    "Evidence",
    "Goal",
    "GoalRevision",
    "Indicator",
    "LearningEntry",
    "Measurement",
    "Milestone",
    "MscCandidate",
    "MscRound",
    "MscVote",
    "PlanAnswer",
    "UnplannedGain",
]
