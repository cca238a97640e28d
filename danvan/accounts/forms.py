from __future__ import annotations

from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.core.exceptions import ValidationError

from . import actions


def client_ip(request) -> str | None:  # type: ignore[no-untyped-def]
    return request.META.get("REMOTE_ADDR") if request is not None else None


class LoginForm(AuthenticationForm):
    """Django's login form with lockout after repeated failures."""

    error_messages = {
        "invalid_login": "Tên đăng nhập hoặc mật khẩu không đúng.",
        "inactive": "Tài khoản này đã bị khóa.",
        "locked": "Tài khoản tạm khóa vì đăng nhập sai nhiều lần. Vui lòng thử lại sau ít phút.",
    }

    def __init__(self, request=None, *args, **kwargs):  # type: ignore[no-untyped-def]
        super().__init__(request, *args, **kwargs)
        self.fields["username"].label = "Tên đăng nhập"
        self.fields["password"].label = "Mật khẩu"
        self.fields["username"].widget.attrs.update({"autocomplete": "username", "autofocus": True})

    def clean(self):  # type: ignore[no-untyped-def]
        username = self.cleaned_data.get("username") or ""
        if username and actions.is_locked(username):
            raise ValidationError(self.error_messages["locked"], code="locked")
        try:
            return super().clean()
        except ValidationError:
            if username:
                locked = actions.note_login_failure(username=username, ip=client_ip(self.request))
                if locked:
                    raise ValidationError(self.error_messages["locked"], code="locked") from None
            raise


class PasswordChangeForm(forms.Form):
    old_password = forms.CharField(
        label="Mật khẩu hiện tại",
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )
    new_password = forms.CharField(
        label="Mật khẩu mới",
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text="Ít nhất 10 ký tự, không toàn chữ số, không quá giống tên đăng nhập.",
    )
    new_password2 = forms.CharField(
        label="Nhập lại mật khẩu mới",
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )

    def clean(self):  # type: ignore[no-untyped-def]
        data = super().clean()
        if data.get("new_password") and data.get("new_password") != data.get("new_password2"):
            self.add_error("new_password2", "Hai lần nhập mật khẩu mới không khớp.")
        return data


class TokenForm(forms.Form):
    name = forms.CharField(
        label="Tên gợi nhớ", max_length=100, help_text="Ví dụ: Tập lệnh tổng hợp báo cáo quý."
    )
