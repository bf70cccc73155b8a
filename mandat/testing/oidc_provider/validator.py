from oauth2_provider.oauth2_validators import OAuth2Validator

# A user in this group has an e-mail address the provider has not verified.
UNVERIFIED = "unverified"


class Validator(OAuth2Validator):
    """The claims a municipality's provider sends: e-mail, whether it is
    verified, and the name."""

    def get_additional_claims(self, request):
        user = request.user
        return {
            "email": user.email,
            "email_verified": not user.groups.filter(name=UNVERIFIED).exists(),
            "name": f"{user.first_name} {user.last_name}".strip(),
            "given_name": user.first_name,
            "family_name": user.last_name,
        }
