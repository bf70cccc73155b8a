"""Fixtures the training tests share: an occasion of two places and at
least two participants."""

import pytest

from .factories import OccasionFactory, TrainingFactory


@pytest.fixture
def occasion(organisation):
    training = TrainingFactory(organisation=organisation, title="Presidieutbildning")
    return OccasionFactory(training=training, capacity=2, minimum_participants=2)
