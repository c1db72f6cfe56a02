"""A one-click change told back to the page as a signed undo token, and the notice that offers
it. Every layer describes the changes it makes with a `Change`; undoing one is the workflows
app's job (`workflows/undo.py`), the one layer that may write to both domains."""

import datetime
from dataclasses import asdict, dataclass, field
from enum import StrEnum
from typing import Any

from django.contrib import messages
from django.core import signing
from django.http import HttpRequest
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe

SALT = "rebound.undo"
MAX_AGE = datetime.timedelta(minutes=10)


class UndoKind(StrEnum):
    STATUS = "status"
    NO_RESPONSE = "no_response"
    ARCHIVE = "archive"
    DONE = "done"


class UndoTokenError(Exception):
    """The token cannot be used: the message says why, in words for the user."""


@dataclass(frozen=True)
class Change:
    """What a one-click change did: who made it, to which object, the state before and after,
    and (in `records`) what it created or replaced, so an undo can put all of it back."""

    kind: UndoKind
    user_id: int
    object_id: int
    before: str
    after: str
    records: dict[str, Any] = field(default_factory=dict)

    def token(self) -> str:
        return signing.dumps(asdict(self), salt=SALT, compress=True)

    def offer(self, message: str, *, fields: dict[str, str], target: str = "") -> "UndoOffer":
        return UndoOffer(
            message=message, token=self.token(), kind=self.kind, fields=fields, target=target
        )


def change_from_token(token: str) -> Change:
    """The change a token describes, if it is ours and younger than MAX_AGE."""
    try:
        data = signing.loads(token, salt=SALT, max_age=MAX_AGE)
    except signing.SignatureExpired as expired:
        minutes = int(MAX_AGE.total_seconds() // 60)
        raise UndoTokenError(
            f"Too late to undo: a change can be undone for {minutes} minutes. Nothing was changed."
        ) from expired
    except signing.BadSignature as bad:
        raise UndoTokenError("That undo was not understood. Nothing was changed.") from bad
    try:
        return Change(**{**data, "kind": UndoKind(data["kind"])})
    except (TypeError, KeyError, ValueError) as bad:
        raise UndoTokenError("That undo was not understood. Nothing was changed.") from bad


@dataclass(frozen=True)
class UndoOffer:
    """What the page shows after a change: the sentence, the token, the hidden fields the Undo
    form sends back (where the change was made: `view`, `place`, `next`), and the element htmx
    replaces with Undo's answer (none: Undo is a plain form post)."""

    message: str
    token: str
    kind: str
    fields: dict[str, str]
    target: str = ""


def undo_offer_message(request: HttpRequest, offer: UndoOffer) -> None:
    """Offer the undo as a message with a small form button, for the page shown next (after a
    redirect or a refresh). The notice is rendered by our template, which escapes the values."""
    html = render_to_string("_undo_notice.html", {"undo": offer, "as_message": True}, request)
    messages.success(request, mark_safe(html.strip()))  # noqa: S308
