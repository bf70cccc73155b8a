"""The kinds of message Mandat sends. Each app registers its own in its
AppConfig.ready(); the outbox and the template editor list them from here."""

from dataclasses import dataclass


@dataclass(frozen=True)
class EventSpec:
    key: str  # e.g. "trainings.invitation"
    label: str  # translated lazily by the registering app
    variables: tuple[str, ...] = ()
    # False for messages that carry a way into an account (an invitation, a
    # log-in link): a coordinator's own wording could drop the link or send
    # people to another address with their token, so the built-in is used.
    editable: bool = True

    @property
    def template_base(self) -> str:
        """``trainings.invitation`` → ``trainings/emails/invitation``."""
        app, name = self.key.split(".", 1)
        return f"{app}/emails/{name}"


EVENTS: dict[str, EventSpec] = {}


def register(spec: EventSpec) -> None:
    EVENTS[spec.key] = spec
