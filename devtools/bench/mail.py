"""A mail backend for the benchmark: each message is rendered to bytes, as SMTP would send it,
then dropped. Keeping them (locmem) would grow the worker's memory by every digest sent."""

from django.core.mail.backends.base import BaseEmailBackend

sent = {"messages": 0, "bytes": 0}


class RenderAndDiscardBackend(BaseEmailBackend):
    def send_messages(self, email_messages):
        count = 0
        for message in email_messages:
            sent["bytes"] += len(message.message().as_bytes())
            count += 1
        sent["messages"] += count
        return count
