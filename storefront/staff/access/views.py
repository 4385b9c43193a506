"""Signing in and out: the password, then the second step (a code, or setting up the app at
the first sign-in)."""
from typing import Callable
from urllib.parse import urlencode

from django import forms
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from .. import auth
from . import second_factor
from .forms import EnrolForm, SecondFactorForm, SignInForm


def _next_url(request: HttpRequest) -> str:
    next_url = request.GET.get("next", reverse("staff:dashboard"))
    if not url_has_allowed_host_and_scheme(next_url, allowed_hosts={request.get_host()}):
        return reverse("staff:dashboard")
    return next_url


def _to(step: str, next_url: str) -> HttpResponse:
    return redirect(f"{reverse(step)}?{urlencode({'next': next_url})}")


def _attempt(form: forms.Form, action: Callable[[], None]) -> tuple[bool, int]:
    """Run a code check; a refusal stays on the form. (signed in, status)"""
    try:
        action()
        return True, 302
    except auth.SignInThrottled as refusal:
        form.add_error(None, str(refusal))
        return False, 429
    except auth.SignInRefused as refusal:
        form.add_error(None, str(refusal))
        return False, 403


@require_http_methods(["GET", "POST"])
@never_cache
def code(request: HttpRequest) -> HttpResponse:
    staff, next_url = auth.awaiting_second_factor(request), _next_url(request)
    if staff is None or auth.second_factor_step(staff) != "staff:second-factor":
        return _to(auth.second_factor_step(staff) if staff else "staff:sign-in", next_url)
    form = SecondFactorForm(request.POST or None)
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            signed_in, status = _attempt(form, lambda: auth.pass_second_factor(request, staff, form.cleaned_data["code"]))
            if signed_in:
                return redirect(next_url)
    return render(request, "staff/second_factor.html", {"form": form, "email": staff.email}, status=status)


@require_http_methods(["GET", "POST"])
@never_cache
def enrol(request: HttpRequest) -> HttpResponse:
    """Setting up the authenticator app: its QR code, the secret to type in instead, recovery
    codes (a new set each time the page is shown), and the app's first code to finish."""
    staff, next_url = auth.awaiting_second_factor(request), _next_url(request)
    if staff is None:
        return _to("staff:sign-in", next_url)
    factor = second_factor.start_enrolment(staff.email)
    if factor is None:
        return _to(auth.second_factor_step(staff), next_url)
    form = EnrolForm(request.POST or None)
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            signed_in, status = _attempt(form, lambda: auth.enrol(request, staff, factor, form.cleaned_data["code"]))
            if signed_in:
                messages.success(request, "Your authenticator app is set up: you will be asked for a code at each sign-in.")
                return redirect(next_url)
    secret = second_factor.totp_secret(factor)
    return render(request, "staff/enrol.html", {
        "form": form, "email": staff.email, "qr_code": second_factor.qr_code_svg(factor),
        "secret_groups": [secret[start:start + 4] for start in range(0, len(secret), 4)],
        "recovery_codes": second_factor.issue_recovery_codes(factor),
    }, status=status)


@require_http_methods(["GET", "POST"])
@never_cache
def sign_in(request: HttpRequest) -> HttpResponse:
    form = SignInForm(request.POST or None)
    next_url = request.GET.get("next", reverse("staff:dashboard"))
    if not url_has_allowed_host_and_scheme(next_url, allowed_hosts={request.get_host()}):
        next_url = reverse("staff:dashboard")
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                auth.sign_in(request, form.cleaned_data["email"], form.cleaned_data["password"])
                return redirect(next_url)
            except auth.SignInThrottled as refusal:
                form.add_error(None, str(refusal))
                status = 429
            except auth.SignInRefused as refusal:
                form.add_error(None, str(refusal))
                status = 403
    return render(request, "staff/sign_in.html", {"form": form}, status=status)


@require_POST
def sign_out(request: HttpRequest) -> HttpResponse:
    auth.sign_out(request)
    messages.success(request, "You are signed out.")
    return redirect("staff:sign-in")

