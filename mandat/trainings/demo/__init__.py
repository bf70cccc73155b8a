"""Trainings of the demo organisation: the plan of the new mandate period,
modelled on a real municipality's programme, the last years of the previous
period with what was held, cancelled and moved, and the trainings open now.

What lies in the past is written as records, as an import of last years'
lists would be; what is open now goes through the services, so its
invitations and confirmations are in the outbox like real ones.

One module per part:

seeding  seed (the step of the demo): the previous period and now
plan     the training plan
records  times, people of a day, occasions, a past training's records
"""

from .plan import NEW_PLAN, PLAN_INTRODUCTION, PlanRow, plan_seed
from .records import ZONE, at, occasion_seed, past_training_record, people_on
from .seeding import seed

__all__ = [
    "NEW_PLAN",
    "PLAN_INTRODUCTION",
    "PlanRow",
    "ZONE",
    "at",
    "occasion_seed",
    "past_training_record",
    "people_on",
    "plan_seed",
    "seed",
]
