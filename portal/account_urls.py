"""Sign-up, the profile, organizations, members and invitations (mounted at /accounts/)."""

from django.contrib.auth import views as auth_views
from django.urls import path

from . import account_views as views
from . import two_factor_views, webauthn_views
from .forms import PasswordResetForm

app_name = "accounts"

urlpatterns = [
    path("signup/", views.signup, name="signup"),
    path("signup/done/", views.signup_done, name="signup_done"),
    # Before confirm/<token>/, which would take "resend" for a token.
    path("confirm/resend/", views.confirm_resend, name="confirm_resend"),
    path("confirm/<str:token>/", views.confirm, name="confirm"),
    path("welcome/", views.welcome, name="welcome"),
    path("landing/", views.landing, name="landing"),
    path("profile/", views.profile, name="profile"),
    path("invitations/<str:token>/", views.invitation, name="invitation"),
    path("organizations/new/", views.organization_create, name="organization_create"),
    path("organizations/<int:organization_pk>/members/", views.members, name="members"),
    path("organizations/<int:organization_pk>/invite/", views.invite, name="invite"),
    path(
        "organizations/<int:organization_pk>/members/<int:membership_pk>/role/",
        views.member_role,
        name="member_role",
    ),
    path(
        "organizations/<int:organization_pk>/members/<int:membership_pk>/remove/",
        views.member_remove,
        name="member_remove",
    ),
    path(
        "organizations/<int:organization_pk>/invitations/<int:invitation_pk>/cancel/",
        views.invitation_cancel,
        name="invitation_cancel",
    ),
    # Shadows django.contrib.auth's password_reset/ (mounted after this module)
    # so that the email goes out in the recipient's language, linking to SITE_URL.
    path(
        "password_reset/",
        auth_views.PasswordResetView.as_view(form_class=PasswordResetForm),
        name="password_reset",
    ),
]

# Two-factor authentication (two_factor_views.py).
urlpatterns += [
    path("two-factor/", two_factor_views.overview, name="two_factor"),
    path("two-factor/setup/", two_factor_views.setup, name="two_factor_setup"),
    path("two-factor/setup/qr.svg", two_factor_views.setup_qr, name="two_factor_qr"),
    path("two-factor/verify/", two_factor_views.verify, name="two_factor_verify"),
    path("two-factor/recovery-codes/", two_factor_views.codes, name="two_factor_codes"),
    path(
        "two-factor/recovery-codes/download/",
        two_factor_views.codes_download,
        name="two_factor_codes_download",
    ),
    path(
        "two-factor/recovery-codes/regenerate/",
        two_factor_views.codes_regenerate,
        name="two_factor_codes_regenerate",
    ),
    path("two-factor/remove/", two_factor_views.remove, name="two_factor_remove"),
    # Security keys (webauthn_views.py): begin and complete are the script's requests.
    path(
        "two-factor/keys/register/begin/",
        webauthn_views.register_begin,
        name="two_factor_key_register_begin",
    ),
    path(
        "two-factor/keys/register/complete/",
        webauthn_views.register_complete,
        name="two_factor_key_register_complete",
    ),
    path(
        "two-factor/keys/verify/begin/",
        webauthn_views.verify_begin,
        name="two_factor_key_verify_begin",
    ),
    path(
        "two-factor/keys/verify/complete/",
        webauthn_views.verify_complete,
        name="two_factor_key_verify_complete",
    ),
    path(
        "two-factor/keys/<int:key_pk>/remove/",
        webauthn_views.remove,
        name="two_factor_key_remove",
    ),
]
