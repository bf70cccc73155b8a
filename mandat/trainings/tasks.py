"""Background work of trainings, run by `mandat worker`."""

from django_tasks import task

from . import services


@task()
def invitations_queue_task(batch_id: int) -> None:
    services.invitations_queue(batch_id=batch_id)
