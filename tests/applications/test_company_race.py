"""Two quick adds naming the same new company at once give one company and no error."""

import threading
from unittest import mock

import pytest
from django.conf import settings
from django.db import connection
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from applications import services
from applications.models import Application, Company
from tests.factories import UserFactory


def test_the_loser_of_the_race_takes_the_winners_company(db):
    """Deterministic: the check finds nothing (the other request has not committed yet), the
    insert then meets the constraint, and the existing row is used."""
    user = UserFactory()
    existing = Company.objects.create(user=user, name="Acme Corp")
    real_lookup = services._company_named
    calls = iter([None])
    with mock.patch.object(
        services,
        "_company_named",
        side_effect=lambda *args: next(calls, real_lookup(*args)),
    ):
        company = services.company_get_or_create(user=user, name="ACME   corp")
    assert company == existing
    assert Company.objects.count() == 1


@pytest.mark.django_db(transaction=True)
def test_concurrent_quick_adds_of_a_new_company_on_postgresql():
    if settings.DATABASES["default"]["ENGINE"] != "django.db.backends.postgresql":
        pytest.skip("SQLite serialises writes, so the race cannot happen there")
    user = UserFactory(username="racer")
    rounds, clients_per_round = 8, 2
    statuses: list[int] = []
    errors: list[BaseException] = []

    def quick_add(name: str, barrier: threading.Barrier) -> None:
        try:
            client = Client()
            client.force_login(user)
            data = {
                "company": name,
                "role_title": "Engineer",
                "date_applied": timezone.localdate().isoformat(),
            }
            barrier.wait(timeout=10)
            statuses.append(client.post(reverse("application_quick_add"), data).status_code)
        except BaseException as error:  # reported in the main thread
            errors.append(error)
        finally:
            connection.close()

    for round_number in range(rounds):
        barrier = threading.Barrier(clients_per_round)
        name = f"New Company {round_number}"
        threads = [
            threading.Thread(target=quick_add, args=(name, barrier))
            for _ in range(clients_per_round)
        ]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=30)
        assert Company.objects.filter(user=user, name=name).count() == 1

    assert errors == []
    assert statuses == [302] * rounds * clients_per_round
    assert Company.objects.filter(user=user).count() == rounds
    assert Application.objects.filter(user=user).count() == rounds * clients_per_round
