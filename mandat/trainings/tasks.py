"""Background work of trainings, run by `mandat worker`."""

from django_tasks import task


@task()
def invitations_queue_task(batch_id: int) -> None:
    from .services.invitations import invitations_queue

    invitations_queue(batch_id=batch_id)
