"""Saleor sends the staff invitations through the shop's own mail server: the storefront's
EMAIL_URL (django-environ's spelling) becomes the same server in dj-email-url's."""
import pytest

from deploy.runner.stack import saleor_email_url


@pytest.mark.parametrize("storefront, saleor", [
    ("smtp://127.0.0.1:2525", "smtp://127.0.0.1:2525"),
    ("smtp+tls://user:secret@mail.example.com:587", "smtp://user:secret@mail.example.com:587/?tls=True"),
    ("smtps://user:secret@mail.example.com:587", "smtp://user:secret@mail.example.com:587/?tls=True"),
    ("smtp+ssl://user:secret@mail.example.com:465", "smtp://user:secret@mail.example.com:465/?ssl=True"),
    ("consolemail://", "console:"),
    ("dummymail://", "dummy:"),
])
def test_the_storefronts_mail_server_is_given_to_saleor_in_its_own_spelling(storefront: str, saleor: str):
    assert saleor_email_url(storefront) == saleor
