from django.core.management.base import BaseCommand

from mandat.portal.demo import demo_seed


class Command(BaseCommand):
    help = "Load the demo organisation Exempelstad (does nothing if it exists)."

    def handle(self, *args, **options):
        created = demo_seed()
        self.stdout.write(
            "Demo organisation created."
            if created
            else "Demo organisation already exists."
        )
