"""Responses of the test client, read to their end."""


def read_to_end(response) -> bytes:
    """Return the body of ``response``, streamed or not, and close it the way
    the test client expects. Calling ``close()`` on a streamed response
    directly would send ``request_finished`` and close the test's database
    connection on PostgreSQL (a connection inside a test's transaction is
    never reused)."""
    if getattr(response, "streaming", False):
        return b"".join(response.streaming_content)
    return response.content
