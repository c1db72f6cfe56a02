"""Login throttling with two limits: a username+address pair is refused after a few failures,
a whole address after many more. django-axes counts every lockout rule against one limit, so
this handler scales the address's count onto it."""

from typing import Any

from axes.handlers.database import AxesDatabaseHandler
from django.conf import settings
from django.db.models import Sum
from django.http import HttpRequest


class PairAndAddressHandler(AxesDatabaseHandler):
    """AXES_LOCKOUT_PARAMETERS is [["username", "ip_address"], "ip_address"]: the pair stops a
    guesser at one account (without letting a stranger lock someone out from elsewhere), and
    the address, at REBOUND_LOGIN_ADDRESS_FAILURE_LIMIT, stops one address trying a password
    against many accounts; it is higher because a household or office shares one address."""

    def get_failures(self, request: HttpRequest, credentials: dict[str, Any] | None = None) -> int:
        pair, address = (
            attempts.aggregate(total=Sum("failures_since_start"))["total"] or 0
            for attempts in self.get_user_attempts(request, credentials)
        )
        limit = settings.AXES_FAILURE_LIMIT
        # The address reaches the shared limit exactly when it reaches its own.
        address_on_the_pair_scale = address * limit // settings.LOGIN_ADDRESS_FAILURE_LIMIT
        return max(pair, address_on_the_pair_scale)
