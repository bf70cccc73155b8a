"""Messages of Django's forms that Django REST framework's catalogue, which
the API brings, translates otherwise ("mejladress", "obligatoriskt"). Named
here so that Mandat's own catalogue, which comes first, says them on every
page as Django does and as Mandat always has."""

from django.utils.translation import gettext_noop

DJANGO_WORDING = [
    gettext_noop("This field is required."),
    gettext_noop("Enter a valid URL."),
    gettext_noop("Enter a valid email address."),
    gettext_noop("The submitted file is empty."),
    gettext_noop(
        "Upload a valid image. The file you uploaded was either not an image or a "
        "corrupted image."
    ),
]
