def nav(request):  # type: ignore[no-untyped-def]
    """Which main-menu entry is current, from the URL's namespace."""
    match = getattr(request, "resolver_match", None)
    if match is None:
        return {}
    name = {
        "core": "home", "units": "units", "practices": "practices", "petitions": "petitions",
        "workcalendar": "petitions", "engagements": "engagements", "conferences": "conferences",
        "followups": "conferences", "people": "people", "directives": "directives", "emulation": "emulation",
        "oversight": "oversight", "reporting": "reporting", "imports": "imports",
    }.get(match.app_name or "")
    if match.app_name == "accounts":
        name = "users" if match.url_name in {"users", "unit_users"} else "account"
    return {"nav": name}
