"""Create the provider's users and Mandat's client, and print the client's
id and secret as JSON."""

import json
import secrets

from django.contrib.auth.models import Group, User
from django.core.management.base import BaseCommand
from oauth2_provider.models import Application

from ...validator import UNVERIFIED


class Command(BaseCommand):
    def add_arguments(self, parser):
        parser.add_argument("--redirect-uri", action="append", default=[])
        # username:password:e-mail:first name:last name[:unverified]
        parser.add_argument("--user", action="append", default=[])

    def handle(self, *args, **options):
        unverified, _created = Group.objects.get_or_create(name=UNVERIFIED)
        for spec in options["user"]:
            username, password, email, first, last, *flags = spec.split(":")
            user = User.objects.create_user(
                username=username,
                password=password,
                email=email,
                first_name=first,
                last_name=last,
            )
            if "unverified" in flags:
                user.groups.add(unverified)
        secret = secrets.token_urlsafe(32)
        application = Application.objects.create(
            name="Mandat",
            client_id=secrets.token_urlsafe(16),
            client_secret=secret,
            client_type=Application.CLIENT_CONFIDENTIAL,
            authorization_grant_type=Application.GRANT_AUTHORIZATION_CODE,
            redirect_uris=" ".join(options["redirect_uri"]),
            algorithm=Application.RS256_ALGORITHM,
            skip_authorization=True,
        )
        subjects = {user.username: str(user.pk) for user in User.objects.order_by("pk")}
        self.stdout.write(
            json.dumps(
                {
                    "client_id": application.client_id,
                    "client_secret": secret,
                    "subjects": subjects,
                }
            )
        )
