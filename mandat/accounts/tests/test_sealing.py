"""The client secret of single sign-on, sealed under SECRET_KEY."""

from mandat.accounts.sealing import seal, unseal


def test_a_sealed_secret_opens_with_the_key_and_its_fallbacks(settings):
    settings.SECRET_KEY = "old-key-" + "x" * 50
    sealed = seal("the-client-secret")
    assert "the-client-secret" not in sealed
    assert unseal(sealed) == "the-client-secret"

    settings.SECRET_KEY = "new-key-" + "y" * 50
    assert unseal(sealed) == ""
    settings.SECRET_KEY_FALLBACKS = ["old-key-" + "x" * 50]
    assert unseal(sealed) == "the-client-secret"
