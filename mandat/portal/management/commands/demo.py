import os
import signal
import subprocess
import sys
import time

from django.core.management import call_command
from django.core.management.base import BaseCommand

from mandat.core.demo import DEMO_LOGINS, DEMO_PASSWORD
from mandat.core.management.commands.serve import gunicorn_argv
from mandat.portal.demo import demo_seed


class Command(BaseCommand):
    help = (
        "Prepare the demo (SQLite under ./var/, migrations, demo data) and run "
        "the production web server and the worker on http://127.0.0.1:8000."
    )

    def add_arguments(self, parser):
        parser.add_argument("--bind", default=os.environ.get("BIND", "127.0.0.1:8000"))
        parser.add_argument("--workers", type=int, default=2)
        parser.add_argument(
            "--no-serve",
            action="store_true",
            help="Prepare the database and demo data, then stop.",
        )

    def handle(self, *args, bind, workers, no_serve, **options):
        call_command("migrate", interactive=False, verbosity=0)
        call_command("collectstatic", interactive=False, verbosity=0)
        created = demo_seed()
        self.stdout.write(
            "Demo organisation Exempelstad "
            + ("created." if created else "already loaded; reusing it.")
        )
        if no_serve:
            return
        host = bind.replace("0.0.0.0", "127.0.0.1")
        self.stdout.write("")
        self.stdout.write(f"Mandat runs on http://{host}/  (stop with Ctrl+C)")
        self.stdout.write(f"Log in with one of these; the password is {DEMO_PASSWORD}")
        for email, label in DEMO_LOGINS:
            self.stdout.write(f"  {email:<36} {label}")
        self.stdout.write("E-mail is written to files under ./var/mail/")
        self.stdout.write("")
        self._run(bind=bind, workers=workers)

    def _run(self, *, bind, workers):
        """Run gunicorn and the worker as a supervisor would: a worker that
        stops (killed, or out of patience with the database) is started
        again after a pause; the web server has its own master process."""
        worker_argv = [sys.executable, "-m", "mandat.cli", "worker"]
        web = subprocess.Popen(gunicorn_argv(bind=bind, workers=workers))
        worker = subprocess.Popen(worker_argv)
        restarts = []

        def stop(signum=None, frame=None):
            for child in (worker, web):
                if child.poll() is None:
                    child.terminate()
            for child in (worker, web):
                try:
                    child.wait(timeout=10)
                except subprocess.TimeoutExpired:
                    child.kill()

        signal.signal(signal.SIGTERM, lambda *a: (stop(), sys.exit(0)))
        try:
            while web.poll() is None:
                if worker.poll() is not None:
                    now = time.monotonic()
                    restarts[:] = [t for t in restarts if now - t < 60] + [now]
                    pause = min(2 ** len(restarts), 30)
                    self.stderr.write(
                        f"The worker stopped (exit {worker.returncode}); "
                        f"starting it again in {pause} s."
                    )
                    time.sleep(pause)
                    worker = subprocess.Popen(worker_argv)
                time.sleep(0.5)
        except KeyboardInterrupt:
            pass
        finally:
            stop()
