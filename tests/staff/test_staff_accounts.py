"""Staff accounts: the admin invites a new staff member into a permission group, Saleor mails
them a link, they choose a password and sign in; only staff who may manage staff see these
pages; a deactivated account is out at once; the timeline names who did what."""
import re
import uuid
from urllib.parse import parse_qs, urlsplit

import httpx

from deploy.runner.stack import Stack
from tests.checkout.buyer import csrf_token
from tests.mailbox import Mailbox, text_of
from tests.staff.conftest import PASSWORD, flash, make_saleor_user, post_action, signed_in_client


def group_choice(html: str, name: str) -> str:
    return re.search(rf'<option value="([^"]+)">{name}:', html).group(1)


def invite(admin: httpx.Client, email: str, group: str = "Order handling") -> httpx.Response:
    page = admin.get("/staff/team/")
    return admin.post("/staff/team/invite/", follow_redirects=True, data={
        "csrfmiddlewaretoken": csrf_token(page.text), "email": email, "first_name": "Ivy", "last_name": "Packer",
        "group": group_choice(page.text, group),
    })


def test_an_invited_staff_member_sets_a_password_from_the_email_and_signs_in(
    shop: Stack, admin: httpx.Client, mailbox: Mailbox, place_order
):
    email = f"ivy-{uuid.uuid4().hex[:6]}@example.com"

    invited = invite(admin, email)

    assert flash(invited.text) == f"Invited {email}: they were e-mailed a link to choose their password."
    assert email in invited.text and "never" in invited.text
    [mail] = mailbox.exactly(email, 1)
    assert mail["Subject"] == "You are invited to the QL Claw staff area"
    link = re.search(r"http://\S+/staff/set-password/\?\S+", text_of(mail)).group(0)
    assert link.startswith(f"{shop.storefront_url}/staff/set-password/?")
    assert parse_qs(urlsplit(link).query)["email"] == [email]

    base = f"http://127.0.0.1:{shop.ports.storefront}"
    with httpx.Client(base_url=base, headers={"Origin": base}, timeout=30) as ivy:
        form = ivy.get(link.replace(shop.storefront_url, ""))
        assert form.status_code == 200 and email in form.text
        fields = dict(re.findall(r'<input type="hidden" name="(email|token)" value="([^"]*)"', form.text))
        mismatch = ivy.post("/staff/set-password/", data={"csrfmiddlewaretoken": csrf_token(form.text), **fields,
                                                          "password": "Tangerine-Lantern-81", "password_again": "other"})
        assert mismatch.status_code == 400 and "The two passwords differ." in mismatch.text
        chosen = ivy.post("/staff/set-password/", follow_redirects=True, data={
            "csrfmiddlewaretoken": csrf_token(form.text), **fields,
            "password": "Tangerine-Lantern-81", "password_again": "Tangerine-Lantern-81"})
        assert chosen.url.path == "/staff/sign-in/", re.findall(r'<ul class="errorlist[^"]*">(.*?)</ul>', chosen.text)
        assert flash(chosen.text) == "Your password is set. Sign in with your e-mail address and it."
        replay = ivy.post("/staff/set-password/", data={"csrfmiddlewaretoken": csrf_token(form.text), **fields,
                                                        "password": "another-password", "password_again": "another-password"})
        assert replay.status_code == 400 and "The password was not set" in replay.text

    ivy, answer = signed_in_client(shop, email, "Tangerine-Lantern-81")
    assert answer.status_code == 302 and answer.headers["location"] == "/staff/"
    assert ivy.get("/staff/").status_code == 200

    # What Ivy does is on the order's timeline, under her name.
    order = place_order()
    post_action(ivy, order["id"], "notes", {"message": "Packed with care."})
    timeline = re.sub(r"<[^>]+>", "", admin.get(f"/staff/orders/{order['id']}/").text)
    assert "Note added by Ivy Packer: Packed with care." in timeline

    # Ivy may handle orders, not staff accounts.
    assert ivy.get("/staff/team/").status_code == 403
    page = ivy.get("/staff/")
    assert ivy.post("/staff/team/invite/", data={"csrfmiddlewaretoken": csrf_token(page.text), "email": "x@example.com"}).status_code == 403
    assert "/staff/team/" not in page.text

    # Deactivated: her session ends and she cannot sign in again.
    team = admin.get("/staff/team/")
    member_id = re.search(rf'<td>Ivy Packer<br><small>{re.escape(email)}</small>.*?name="member_id" value="([^"]+)"', team.text, re.S).group(1)
    done = admin.post("/staff/team/deactivate/", follow_redirects=True,
                      data={"csrfmiddlewaretoken": csrf_token(team.text), "member_id": member_id})
    assert flash(done.text) == f"{email} is deactivated: they can no longer sign in."
    assert ivy.get("/staff/").status_code == 302
    assert signed_in_client(shop, email, "Tangerine-Lantern-81")[1].status_code == 403
    ivy.close()


def test_staff_without_the_staff_permission_get_403_on_the_staff_account_pages(shop: Stack):
    email = f"clerk-{uuid.uuid4().hex[:6]}@example.com"
    make_saleor_user(shop, email, is_staff=True, permissions=("manage_orders",))
    clerk, answer = signed_in_client(shop, email, PASSWORD)
    assert answer.status_code == 302
    token = csrf_token(clerk.get("/staff/").text)

    pages = [clerk.get("/staff/team/"),
             clerk.post("/staff/team/invite/", data={"csrfmiddlewaretoken": token, "email": "new@example.com"}),
             clerk.post("/staff/team/deactivate/", data={"csrfmiddlewaretoken": token, "member_id": "VXNlcjox"})]

    assert [page.status_code for page in pages] == [403, 403, 403]
    assert "This page is for staff who may manage staff accounts." in pages[0].text
    clerk.close()


def test_a_bad_invitation_is_refused_with_plain_words(admin: httpx.Client, shop: Stack):
    existing = invite(admin, shop.staff_email)
    page = admin.get("/staff/team/")
    no_group = admin.post("/staff/team/invite/", data={"csrfmiddlewaretoken": csrf_token(page.text), "email": "a@example.com", "group": "R3JvdXA6OTk5"})

    assert existing.status_code == 400 and "The invitation was refused" in existing.text
    assert no_group.status_code == 400 and "Please choose one of the groups listed." in no_group.text
