"""A saved agenda as an iCalendar event (RFC 5545), its outline in the description.

The start is written in the reader's own time zone, with the zone's definition (VTIMEZONE) in the
file, so that calendars place it right whatever zone they are set to.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from icalendar import Calendar, Event

from companion.pairs.schemas import SavedAgendaOut

PRODID = "-//companion//reverse mentoring//EN"


def outline(saved: SavedAgendaOut) -> str:
    """The run sheet in plain text: each segment's minutes and first step, then the follow-ups."""
    agenda = saved.agenda
    lines = [agenda.title, ""]
    start = 0
    for segment in agenda.segments:
        lines.append(f"{start:>3}–{start + segment.minutes} min  {segment.title}")
        for activity in segment.activities[:2]:
            lines.append(f"        - {activity}")
        start += segment.minutes
    if agenda.spare_minutes:
        lines.append(f"{start:>3}–{agenda.minutes} min  Spare (kept free)")
    if agenda.follow_ups:
        lines += ["", "After the session:", *(f"- {item}" for item in agenda.follow_ups)]
    sources = sorted({citation.id.split("#")[0] for citation in agenda.citations})
    if sources:
        lines += ["", "Sources: " + ", ".join(sources)]
    return "\n".join(lines)


def agenda_event(saved: SavedAgendaOut, timezone: str, host: str = "companion") -> bytes:
    """The .ics file of a planned session. Raises ValueError when it has no start time."""
    if saved.starts_at is None:
        raise ValueError("this session has no date and time yet; edit the plan and give it one")
    zone = ZoneInfo(timezone)
    starts = saved.starts_at.astimezone(zone)
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    event = Event()
    event.add("uid", f"agenda-{saved.id}@{host}")
    event.add("dtstamp", datetime.now(UTC))
    event.add("dtstart", starts)
    event.add("dtend", starts + timedelta(minutes=saved.agenda.minutes))
    event.add("summary", saved.agenda.title)
    event.add("description", outline(saved))
    event.add("sequence", int(saved.updated_at.timestamp()) - int(saved.created_at.timestamp()))
    calendar.add_component(event)
    calendar.add_missing_timezones()
    return calendar.to_ical()
