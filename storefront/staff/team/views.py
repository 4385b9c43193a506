"""The team room: who may sign in, inviting and deactivating staff, their second factor."""
from typing import Optional

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from .. import auth
from ..access import second_factor
from . import services
from .forms import DeactivateForm, InviteForm, ResetSecondFactorForm, SetPasswordForm


def _team_page(request: HttpRequest, team: services.Team, *, invite_form: Optional[InviteForm] = None,
               status: int = 200) -> HttpResponse:
    return render(request, "staff/team.html", {
        "team": team, "invite_form": invite_form or InviteForm(groups=team.groups),
    }, status=status)


@require_safe
@auth.staff_required
@auth.permission_required(auth.MANAGE_STAFF)
def team(request: HttpRequest) -> HttpResponse:
    return _team_page(request, services.team(request.staff))


@require_POST
@auth.staff_required
@auth.permission_required(auth.MANAGE_STAFF)
def invite(request: HttpRequest) -> HttpResponse:
    current = services.team(request.staff)
    form = InviteForm(request.POST, groups=current.groups)
    if form.is_valid():
        try:
            email = services.invite(request.staff, email=form.cleaned_data["email"], first_name=form.cleaned_data["first_name"],
                                      last_name=form.cleaned_data["last_name"], group_id=form.cleaned_data["group"])
            messages.success(request, f"Invited {email}: they were e-mailed a link to choose their password.")
            return redirect("staff:team")
        except services.TeamError as error:
            form.add_error(None, str(error))
    return _team_page(request, current, invite_form=form, status=400)


@require_POST
@auth.staff_required
@auth.permission_required(auth.MANAGE_STAFF)
def deactivate(request: HttpRequest) -> HttpResponse:
    form = DeactivateForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Choose whom to deactivate.")
    else:
        try:
            email = services.deactivate(request.staff, form.cleaned_data["member_id"])
            messages.success(request, f"{email} is deactivated: they can no longer sign in.")
        except services.TeamError as error:
            messages.error(request, str(error))
    return redirect("staff:team")


@require_http_methods(["GET", "POST"])
@never_cache
def set_password(request: HttpRequest) -> HttpResponse:
    """Where Saleor's invitation e-mail leads: the new staff member chooses a password."""
    form = SetPasswordForm(request.POST or None, initial={
        "email": request.GET.get("email", ""), "token": request.GET.get("token", ""),
    })
    if request.method == "POST" and form.is_valid():
        try:
            services.set_password(email=form.cleaned_data["email"], token=form.cleaned_data["token"],
                                    password=form.cleaned_data["password"])
            messages.success(request, "Your password is set. Sign in with your e-mail address and it.")
            return redirect("staff:sign-in")
        except services.TeamError as error:
            form.add_error(None, str(error))
    email = form.data.get("email") if form.is_bound else form.initial["email"]
    return render(request, "staff/set_password.html", {"form": form, "email": email},
                  status=400 if form.errors else 200)



@require_POST
@auth.staff_required
@auth.permission_required(auth.MANAGE_STAFF)
def reset(request: HttpRequest) -> HttpResponse:
    form = ResetSecondFactorForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Choose whose second factor to reset.")
        return redirect("staff:team")
    email = form.cleaned_data["email"]
    second_factor.reset(email)
    messages.success(request, f"{email} sets up an authenticator app again at their next sign-in; they were signed out.")
    return redirect("staff:team")
