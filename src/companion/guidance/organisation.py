"""What the organisation adds to every answer, whoever wrote the rest (the offline composer or
an LLM): its own contacts in the escalation parts, its approved AI tools, and its own guidance.

Code, never a model, puts these in: a contact is rendered from the programme settings exactly as
the programme team wrote it, and without settings the answer says plainly that the contacts are
not set yet rather than invent them.
"""

from __future__ import annotations

from companion.citations import cite
from companion.guidance.classifier import SAFETY
from companion.guidance.schemas import Agenda, Coaching
from companion.programme.settings import Contact, Programme
from companion.prompts.loader import phrases
from companion.rag.chunking import Chunk

AI_TOPICS = {"generative-ai"}


def contact_line(label: str, contact: Contact) -> str:
    return phrases().contact_line(label, contact.name, contact.reach, contact.when)


def contact_lines(programme: Programme | None, safety: bool = True, team: bool = False) -> list[str]:
    """The organisation's contacts, the first call first; one honest line when none are set. An
    ordinary problem (a mentee who cancels) gets the programme lead alone: HR, the speak-up route
    and urgent help are for safety matters, and listing them there reads as an alarm. The programme
    team itself (`team`) is not sent to the programme lead for an ordinary problem."""
    if programme is None:
        return [phrases().contacts_not_set(safety, team)]
    if team and not safety:
        return []
    contacts = programme.contacts.in_order()
    return [contact_line(label, contact) for label, contact in (contacts if safety else contacts[:1])]


def local_guidance(
    chunks: list[Chunk], label: str | None = None, topics: set[str] | None = None
) -> list[Chunk]:
    """The summaries of the organisation's articles about a coaching situation or a topic."""
    found = []
    for chunk in chunks:
        if not chunk.local or chunk.heading != "Summary":
            continue
        if (label and label in chunk.challenges) or (topics and topics & set(chunk.topics)):
            found.append(chunk)
    return found


def with_contacts(
    answer: Coaching, programme: Programme | None, local: list[Chunk], team: bool = False
) -> Coaching:
    """Coaching with the organisation's own people in its escalation parts, and its own guidance;
    for the programme team (`team`), none of "the programme team is the first call"."""
    say = phrases()
    lines = contact_lines(programme, safety=answer.safety or answer.also in SAFETY, team=team)
    lines += [say.local_guidance(chunk.title, chunk.text) for chunk in local]
    update: dict[str, object] = {"escalate_when": lines + answer.escalate_when}
    if answer.safety and programme is not None:
        contacts = programme.contacts
        act_now = []
        for step in answer.act_now:
            lowered = step.lower()
            if "programme team" in lowered.split(".")[0] or lowered.startswith("tell the programme team"):
                step += " " + say.named_contact(
                    "Programme lead", contacts.programme_lead.name, contacts.programme_lead.reach
                )
            elif "urgent help" in lowered or "emergency" in lowered:
                step += " " + say.named_contact(
                    "Urgent help", contacts.urgent_help.name, contacts.urgent_help.reach
                )
            act_now.append(step)
        update["act_now"] = act_now
    if local:
        update["citations"] = answer.citations + cite(local)
    return answer.model_copy(update=update)


def with_organisation(
    agenda: Agenda, programme: Programme | None, topics: set[str], local: list[Chunk]
) -> Agenda:
    """An agenda with the organisation's approved AI tools (on an AI topic) and its own guidance
    on the topic, at the start of the session where the pair agrees what may be used."""
    say = phrases()
    lines = []
    if programme is not None and programme.approved_ai_tools and topics & AI_TOPICS:
        lines.append(say.approved_tools(programme.name, programme.approved_ai_tools))
    lines += [say.local_guidance(chunk.title, chunk.text) for chunk in local]
    agenda = _with_rhythm(agenda, programme)
    if not lines or not agenda.segments:
        return agenda
    first = agenda.segments[0]
    segments = [
        first.model_copy(
            update={
                "activities": first.activities + lines,
                "citations": first.citations + [c.id for c in local],
            }
        ),
        *agenda.segments[1:],
    ]
    return agenda.model_copy(update={"segments": segments, "citations": agenda.citations + cite(local)})


def _with_rhythm(agenda: Agenda, programme: Programme | None) -> Agenda:
    """A first meeting books the dates: in the programme's own rhythm where it has one."""
    rhythm = programme.rhythm if programme else None
    if programme is None or rhythm is None or not (rhythm.weeks_between_sessions or rhythm.session_minutes):
        return agenda
    line = phrases().programme_rhythm(programme.name, rhythm.weeks_between_sessions, rhythm.session_minutes)
    segments = [
        segment.model_copy(update={"activities": [*segment.activities, line]})
        if segment.title == "Dates and next steps"
        else segment
        for segment in agenda.segments
    ]
    return agenda.model_copy(update={"segments": segments})
