def nav(request):  # type: ignore[no-untyped-def]
    """Which main-menu entry is current, from the URL's namespace."""
    match = getattr(request, "resolver_match", None)
    if match is None:
        return {}
    name = {"core": "home", "units": "units"}.get(match.app_name or "")
    if match.app_name == "accounts":
        name = "users" if match.url_name in {"users", "unit_users"} else "account"
    return {"nav": name}
