"""Official documents generated from records: context dataclasses and format renderers.

Renderers take only the frozen dataclasses of `contexts.py` (never ORM objects) and
return bytes; each app's `exports.py` builds the context from its records.
"""
