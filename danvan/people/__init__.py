"""Officials (cán bộ) and the positions they hold over time.

Visibility and editing — a deliberate choice, recorded here:

* **Viewing.** The names and posts of officials are public facts (they are printed
  in news articles and on signed documents). Any user with a role *anywhere* may
  view every person and position (`can_anywhere(user, "people.view")`); users with
  no role see nothing (the list answers 403, a person's page 404). Records of other
  apps that name a person are listed on the person's page only when the user may
  see them in that app.
* **Editing** a person's name, gender or birth year needs `people.edit` on the unit
  of one of their positions; a person without positions (just created, or known
  only by name) may be edited by anyone with `people.edit` somewhere. Adding,
  changing or ending a position needs `people.edit` on that position's unit.
* **Merging** duplicates rewrites references in every app, so it needs
  `people.merge` (approver) on *every* unit where either person holds a position.

Helpers other apps reuse:

* `danvan.people.actions.merge_people(keep, duplicate, *, by, note="")`
* `danvan.people.queries.positions_on(person, day)`
* `danvan.people.titles.split_position_text(text)` (pure)
"""
