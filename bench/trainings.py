"""Benchmark: invite 5,000 people to a training (queued, with their e-mail in
the outbox and the send tasks in the worker's queue), then register people for
one occasion from several threads at once, and print the figures.

    .venv/bin/python bench/trainings.py             # SQLite file
    .venv/bin/python bench/trainings.py --postgres  # a throwaway PostgreSQL

The registrations run as the web processes run them: each in its own
transaction with the occasion locked, each queueing its confirmation with a
calendar file."""

import datetime
import sys
import threading
import time
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(BASE_DIR))

from bench.environment import bench_main  # noqa: E402
from bench.fixtures import people_add, training_with_occasion  # noqa: E402


def run(args) -> None:
    from django.db import connection, transaction
    from django.utils import timezone
    from django_tasks_db.models import DBTaskResult

    from mandat.core.models import Organisation
    from mandat.directory.models import Person
    from mandat.notifications.models import Message
    from mandat.trainings import services
    from mandat.trainings.models import Registration, Training

    organisation = Organisation.objects.create(name="Benchstad", slug="benchstad")
    people_add(organisation, range(args.invite), email="p{n}@bench.example")
    people = list(Person.objects.filter(organisation=organisation).order_by("id"))
    training, occasion = training_with_occasion(
        organisation=organisation,
        title="Grundutbildning",
        start=timezone.now() + datetime.timedelta(days=30),
        hours=6,
        capacity=args.register // 2,
        location="Sessionssalen",
    )
    Training.objects.filter(pk=training.pk).update(status=Training.Status.OPEN)
    training.refresh_from_db()
    print(f"Database: {connection.vendor}")

    started = time.perf_counter()
    with transaction.atomic():
        batch = services.invitation_send(actor=None, training=training, people=people)
    seconds = time.perf_counter() - started
    label = f"invite {batch.recipient_count} people (queued)"
    messages, tasks = Message.objects.count(), DBTaskResult.objects.count()
    print(f"{label:<44} {seconds:7.2f} s   ({messages} messages, {tasks} send tasks)")

    registrants = people[: args.register]
    chunks = [registrants[i :: args.threads] for i in range(args.threads)]
    barrier = threading.Barrier(args.threads)
    errors = []

    def work(chunk):
        try:
            barrier.wait()
            for person in chunk:
                services.registration_create(
                    actor=None, occasion=occasion, person=person
                )
        except Exception as error:
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=work, args=(chunk,)) for chunk in chunks]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    seconds = time.perf_counter() - started
    registered = Registration.objects.filter(
        occasion=occasion, status="registered"
    ).count()
    waiting = Registration.objects.filter(occasion=occasion, status="waiting").count()
    label = f"register {args.register} people, {args.threads} threads"
    print(
        f"{label:<44} {seconds:7.2f} s"
        f"   ({args.register / seconds:.0f} registrations/s; {registered} registered, "
        f"{waiting} waiting, capacity {occasion.capacity}, errors {len(errors)})"
    )


if __name__ == "__main__":
    bench_main(run, invite=5000, register=1000, threads=8)
