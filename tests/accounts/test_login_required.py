import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db

PRIVATE_PAGES = [
    "home",
    "application_list",
    "reflection_list",
    "dashboard",
    "account_settings",
    "delete_account",
    "password_change",
]
PUBLIC_PAGES = ["login", "signup", "password_reset", "password_reset_done"]


@pytest.mark.parametrize("name", PRIVATE_PAGES)
def test_anonymous_user_is_sent_to_login(client, name):
    url = reverse(name)
    response = client.get(url)
    assert response.status_code == 302
    assert response.url == f"{reverse('login')}?next={url}"


@pytest.mark.parametrize("name", PRIVATE_PAGES)
def test_signed_in_user_sees_the_page(alice_client, name):
    assert alice_client.get(reverse(name)).status_code == 200


@pytest.mark.parametrize("name", PUBLIC_PAGES)
def test_account_pages_are_public(client, name):
    assert client.get(reverse(name)).status_code == 200
