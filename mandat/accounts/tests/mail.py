"""Links as recipients get them: read from the mail the loopback SMTP
server received."""

import re

LINK = re.compile(r"https?://[^\s]+/accounts/(?:link|reset)/[A-Za-z0-9_-]+/")


def received_for(smtp_server, address: str) -> list:
    """Return the parsed messages the SMTP server received for ``address``."""
    return [message for to, message in smtp_server.messages if address in to]


def text_of(message) -> str:
    return message.get_body(preferencelist=("plain",)).get_content()


def link_in(message) -> str:
    """Return the path of the one account link in ``message``."""
    [link] = set(LINK.findall(text_of(message)))
    return "/" + link.split("/", 3)[3]
