"""Tasks a dead worker left "running" are run again (or, after three
workers died on one, failed); a live worker's long task is left alone."""

import datetime

import pytest
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from mandat.core.scheduler import tasks_recover_interrupted, worker_heartbeat

pytestmark = pytest.mark.django_db


def running_task(*worker_ids, minutes_ago=30) -> DBTaskResult:
    return DBTaskResult.objects.create(
        status="RUNNING",
        args_kwargs={"args": [[1, 2]], "kwargs": {}},
        task_path="mandat.notifications.tasks.messages_send_task",
        backend_name="default",
        queue_name="default",
        run_after=timezone.now(),
        started_at=timezone.now() - datetime.timedelta(minutes=minutes_ago),
        worker_ids=list(worker_ids),
        exception_class_path="",
        traceback="",
    )


def test_a_task_of_a_dead_worker_runs_again_and_a_live_workers_is_left_alone():
    worker_heartbeat("alive-1")
    cut_off = running_task("dead-1")
    long_running = running_task("alive-1")
    fresh = running_task("dead-2", minutes_ago=0)

    assert tasks_recover_interrupted() == 1

    statuses = {
        task.pk: task.status
        for task in DBTaskResult.objects.filter(
            pk__in=[cut_off.pk, long_running.pk, fresh.pk]
        )
    }
    assert statuses == {
        cut_off.pk: "READY",
        long_running.pk: "RUNNING",
        fresh.pk: "RUNNING",
    }


def test_a_task_that_three_workers_died_on_is_failed_not_run_again():
    poison = running_task("dead-1", "dead-2", "dead-3")

    tasks_recover_interrupted()

    poison.refresh_from_db()
    assert poison.status == "FAILED"
    assert "TaskInterrupted" in poison.exception_class_path
