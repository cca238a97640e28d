from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import login, update_session_auth_hash
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Prefetch
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from danvan.units.models import Unit

from . import actions, permissions
from .forms import LoginForm, PasswordChangeForm, TokenForm
from .models import ApiToken, RoleGrant, User


@login_not_required
def login_view(request: HttpRequest) -> HttpResponse:
    if request.user.is_authenticated:
        return redirect("core:home")
    form = LoginForm(request, data=request.POST or None)
    if request.method == "POST" and form.is_valid():
        user = form.get_user()
        login(request, user)
        actions.note_login(user=user)
        target = request.GET.get("next") or ""
        return redirect(
            target if target.startswith("/") and not target.startswith("//") else "core:home"
        )
    return render(
        request, "accounts/login.html", {"form": form}, status=400 if form.errors else 200
    )


class LogoutView(auth_views.LogoutView):
    """POST only (Django's default), then back to the login page."""


def account(request: HttpRequest) -> HttpResponse:
    user = request.user
    grants = RoleGrant.objects.active().filter(user=user).select_related("unit")
    tokens = ApiToken.objects.filter(user=user, revoked_at__isnull=True).order_by("-created_at")
    return render(
        request,
        "accounts/account.html",
        {
            "grants": grants,
            "tokens": tokens,
            "password_form": PasswordChangeForm(),
            "token_form": TokenForm(),
        },
    )


@require_POST
def password_change(request: HttpRequest) -> HttpResponse:
    form = PasswordChangeForm(request.POST)
    if form.is_valid():
        try:
            actions.change_password(
                by=request.user,
                old_password=form.cleaned_data["old_password"],
                new_password=form.cleaned_data["new_password"],
            )
        except actions.AccountError as e:
            form.add_error("old_password", str(e))
        except ValidationError as e:
            form.add_error("new_password", e)
        else:
            update_session_auth_hash(request, request.user)
            messages.success(request, "Đã đổi mật khẩu.")
            return redirect("accounts:account")
    grants = RoleGrant.objects.active().filter(user=request.user).select_related("unit")
    tokens = ApiToken.objects.filter(user=request.user, revoked_at__isnull=True)
    return render(
        request,
        "accounts/account.html",
        {
            "grants": grants,
            "tokens": tokens,
            "password_form": form,
            "token_form": TokenForm(),
        },
        status=400,
    )


@require_POST
def token_create(request: HttpRequest) -> HttpResponse:
    form = TokenForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Hãy đặt tên gợi nhớ cho mã truy cập.")
        return redirect("accounts:account")
    token, secret = actions.issue_token(by=request.user, name=form.cleaned_data["name"])
    return render(request, "accounts/token_created.html", {"token": token, "secret": secret})


@require_POST
def token_revoke(request: HttpRequest, pk: int) -> HttpResponse:
    token = get_object_or_404(ApiToken, pk=pk, user=request.user)
    actions.revoke_token(by=request.user, token=token)
    messages.success(request, "Đã thu hồi mã truy cập.")
    return redirect("accounts:account")


def user_list(request: HttpRequest, key: str | None = None) -> HttpResponse:
    """Users of the units the viewer may see; with a unit, that unit's subtree only."""
    if not permissions.can_anywhere(request.user, "accounts.view_users"):
        return render(request, "accounts/users.html", {"page": None, "unit": None}, status=403)
    users = permissions.visible(
        request.user,
        User.objects.filter(is_active=True),
        "accounts.view_users",
        unit_field="body__unit",
    )
    unit = None
    if key:
        unit = permissions.get_for_user(
            request.user, Unit.objects, "accounts.view_users", unit_field="pk", key=key
        )
        users = users.filter(body__unit__in=Unit.objects.subtree_of(unit))
    users = (
        users.select_related("body__unit")
        .prefetch_related(
            Prefetch(
                "grants",
                queryset=RoleGrant.objects.active().select_related("unit"),
                to_attr="active_grants",
            )
        )
        .order_by("body__unit__code", "full_name", "username")
    )
    page = Paginator(users, 50).get_page(request.GET.get("page"))
    return render(request, "accounts/users.html", {"page": page, "unit": unit})
