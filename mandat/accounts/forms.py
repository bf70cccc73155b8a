from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import gettext_lazy as _

from mandat.core.access import Role
from mandat.core.forms import Form, ModelForm
from mandat.core.models import Organisation
from mandat.directory.models import Body

from .models import SingleSignOn, User
from .selectors import password_refused_by


class EmailAuthenticationForm(AuthenticationForm):
    username = forms.EmailField(
        label=_("E-mail address"),
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    error_messages = {
        "invalid_login": _(
            "The e-mail address or the password is wrong. Both are checked "
            "without regard to upper and lower case in the address."
        ),
        "inactive": _("This account has been closed."),
        "single_sign_on": _(
            "%(organisation)s has switched off passwords in Mandat. Log in with "
            "%(provider)s below, or with a link by e-mail."
        ),
    }

    def confirm_login_allowed(self, user):
        super().confirm_login_allowed(user)
        config = password_refused_by(user)
        if config is not None:
            raise forms.ValidationError(
                self.error_messages["single_sign_on"],
                code="single_sign_on",
                params={"organisation": config.organisation, "provider": config.name},
            )


class EmailLinkRequestForm(Form):
    """Ask for a link by e-mail: to log in, or to choose a new password."""

    email = forms.EmailField(
        label=_("E-mail address"),
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )


class UserSettingsForm(ModelForm):
    class Meta:
        model = User
        fields = ["full_name", "language"]


class MembershipForm(Form):
    email = forms.EmailField(label=_("E-mail address"), max_length=254)
    full_name = forms.CharField(label=_("Name"), max_length=200, required=False)
    role = forms.ChoiceField(label=_("Role"), choices=Role.choices)
    body = forms.ModelChoiceField(
        label=_("Body (only for committee secretaries)"),
        queryset=Body.objects.none(),
        required=False,
    )

    def __init__(self, *args, organisation, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["body"].queryset = Body.objects.filter(organisation=organisation)

    def clean(self):
        data = super().clean()
        if data.get("role") == Role.COMMITTEE_SECRETARY and not data.get("body"):
            self.add_error("body", _("Choose the body the secretary serves."))
        if data.get("role") != Role.COMMITTEE_SECRETARY and data.get("body"):
            self.add_error("body", _("Only committee secretaries are tied to a body."))
        return data


class OrganisationOnboardForm(Form):
    name = forms.CharField(
        label=_("Name"),
        max_length=200,
        help_text=_("E.g. Exempelstads kommun, Region Exempel, Länsnätverket."),
    )
    slug = forms.SlugField(
        label=_("Short name in addresses"),
        max_length=60,
        required=False,
        help_text=_("Empty: made from the name."),
    )
    kind = forms.ChoiceField(label=_("Kind"), choices=Organisation.Kind.choices)
    organisation_number = forms.CharField(
        label=_("Organisation number"), max_length=20, required=False
    )
    coordinator_email = forms.EmailField(
        label=_("The first coordinator's e-mail address"),
        help_text=_(
            "They get an invitation to choose a password, and set up the rest: "
            "bodies, parties, people and users."
        ),
    )
    coordinator_name = forms.CharField(
        label=_("The first coordinator's name"), max_length=150, required=False
    )


class SingleSignOnForm(ModelForm):
    """The organisation's identity provider. The secret is never shown:
    left empty, the stored one stays."""

    issuer = forms.URLField(
        label=_("Issuer (OpenID Connect)"),
        max_length=500,
        required=False,
        assume_scheme="https",
        help_text=SingleSignOn._meta.get_field("issuer").help_text,
    )

    idp_metadata_url = forms.URLField(
        label=_("Address of the identity provider's metadata (SAML)"),
        max_length=500,
        required=False,
        assume_scheme="https",
        help_text=SingleSignOn._meta.get_field("idp_metadata_url").help_text,
    )

    client_secret = forms.CharField(
        label=_("Client secret (OpenID Connect)"),
        required=False,
        strip=True,
        widget=forms.PasswordInput(attrs={"autocomplete": "off"}, render_value=False),
        help_text=_("Stored sealed and never shown again. Empty: keep the stored one."),
    )

    email_domains = forms.CharField(
        label=_("E-mail domains"),
        required=False,
        max_length=1000,
        help_text=_(
            "The domains of the organisation's addresses, e.g. exempelby.se: "
            "someone who gives such an address on the log-in page is sent "
            "here. Separate several with spaces."
        ),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            domains = self.instance.domains.values_list("domain", flat=True)
            self.initial["email_domains"] = " ".join(domains)

    class Meta:
        model = SingleSignOn
        fields = [
            "enabled",
            "protocol",
            "name",
            "email_domains",
            "issuer",
            "client_id",
            "client_secret",
            "scopes",
            "idp_metadata_url",
            "idp_metadata",
            "subject_claim",
            "email_matching",
            "create_users",
            "local_passwords",
        ]
        labels = {
            "client_id": _("Client id (OpenID Connect)"),
            "scopes": _("Scopes (OpenID Connect)"),
            "idp_metadata": _("The identity provider's metadata (SAML)"),
            "idp_metadata_url": _("Address of the identity provider's metadata (SAML)"),
        }
        widgets = {
            "protocol": forms.RadioSelect,
            "idp_metadata": forms.Textarea(attrs={"rows": 6, "spellcheck": "false"}),
        }
