import re

import pytest
from django.core import mail
from playwright.sync_api import expect

from accounts.models import User

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_new_user_signs_up_through_the_emailed_link_and_lands_on_home(page, live_server):
    page.goto("/")
    expect(page).to_have_url(f"{live_server.url}/accounts/login/?next=/")
    page.get_by_role("link", name="Create an account").click()

    page.get_by_label("Email address").fill("dana@example.com")
    page.get_by_role("button", name="Sign up").click()
    expect(page.get_by_role("heading", name=re.compile("Check your email", re.I))).to_be_visible()
    assert not User.objects.filter(email="dana@example.com").exists()

    (message,) = mail.outbox
    finish_url = re.search(r"https?://\S+/accounts/signup/finish/\S+", message.body).group(0)
    page.goto(finish_url)
    page.get_by_label("Username").fill("dana")
    page.locator("#id_password1").fill("a-long-unusual-passphrase")
    page.locator("#id_password2").fill("a-long-unusual-passphrase")
    page.get_by_role("button", name=re.compile("Create|Sign up|Finish", re.I)).click()

    expect(page).to_have_url(f"{live_server.url}/")
    expect(page.get_by_role("heading", name="Hello, dana")).to_be_visible()
    expect(page.get_by_text("Welcome to Rebound, dana.")).to_be_visible()
    assert User.objects.filter(username="dana", email="dana@example.com").exists()
