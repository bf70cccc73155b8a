"""Background work of accounts, run by `mandat worker`."""

from django_tasks import task

from . import services


@task()
def link_request_process_task(request_id: int) -> None:
    services.link_request_process(request_id=request_id)
