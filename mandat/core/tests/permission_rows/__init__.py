"""The rows of the permission table (permission_table.py), one module per
app, named for the namespace of the addresses it holds; Django's admin site
in admin.py."""
