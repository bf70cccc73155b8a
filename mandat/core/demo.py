"""The names of the demo organisation Exempelstad (fictional throughout),
which each app's ``demo.py`` uses; ``mandat.portal.demo`` seeds it."""

DEMO_SLUG = "exempelstad"
DEMO_NAME = "Exempelstads kommun"
DEMO_PASSWORD = "mandat-demo-2026"
DEMO_DOMAIN = "exempelstad.example"

# The installation's administrator (the admin site at /admin/) belongs to no
# organisation; the organisation's administrator is not a superuser.
INSTALLATION_ADMIN_EMAIL = f"installation@{DEMO_DOMAIN}"

DEMO_LOGINS = [
    (f"admin@{DEMO_DOMAIN}", "administrator"),
    (f"samordnare@{DEMO_DOMAIN}", "utbildningssamordnare (coordinator)"),
    (f"sekreterare.sn@{DEMO_DOMAIN}", "nämndsekreterare, Socialnämnden"),
    (f"styrgrupp@{DEMO_DOMAIN}", "styrgruppsledamot"),
    (f"fortroendevald@{DEMO_DOMAIN}", "förtroendevald"),
    (f"nyvald@{DEMO_DOMAIN}", "förtroendevald som började förra månaden"),
    (f"kursledare@{DEMO_DOMAIN}", "kursledare"),
    (f"tjansteperson@{DEMO_DOMAIN}", "tjänsteperson (förvaltningschef)"),
    (INSTALLATION_ADMIN_EMAIL, "installationens administratör (/admin/)"),
]
