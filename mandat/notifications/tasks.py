"""Background work of notifications, run by `mandat worker`."""

from django_tasks import task

from . import services


@task()
def message_send_task(message_id: int) -> None:
    services.message_send(message_id=message_id)


@task()
def messages_send_task(message_ids: list[int]) -> None:
    for message_id in message_ids:
        services.message_send(message_id=message_id)
