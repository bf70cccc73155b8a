"""The API's endpoints (``/api/v1/``) and the administrator's token pages."""
