"""The steering group's annual report to the executive board: every figure
computed from Mandat's data, the narrative written by the coordinator.

``annual_report`` returns plain data (numbers, strings, ISO dates) that the
web page, the PDF/A, the Word file and the JSON of
``mandat report annual`` all render, so they cannot disagree. The fields
are documented in docs/reports.md. The number of queries does not grow with
the data: every figure is one aggregate.

One module per part:

report        annual_report: the group, its meetings, commissions, costs,
              narrative, and the sections below put together
trainings     the year's trainings, occasions, cancellations and totals
evaluations   the evaluations of those trainings
participants  who attended, their reporting categories, officials by title
"""

from .participants import ATTENDED
from .report import NARRATIVE_SECTIONS, annual_report, steering_group

__all__ = ["ATTENDED", "NARRATIVE_SECTIONS", "annual_report", "steering_group"]
