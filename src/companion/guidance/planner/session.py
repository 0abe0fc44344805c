"""A session's phases and their minutes, by the corpus's own rules (knowledge/defaults.yaml).

- The stage picks the template: a first meeting (introductions, ground rules, goals, at most one
  short taster, dates), a middle session, or a closing session that looks back and sets no new
  skill.
- A buffer is kept unplanned at the end of every session.
- At or below `drop_review_at_or_below` minutes a middle session has no separate review: the
  other phases share its time in the same proportions.
- The first meeting's taster is optional: when it would get less than TASTER_MINIMUM minutes, it
  is left out and its time goes to the goals.
Each phase carries what the stage's guide says happens in it ("Suggested flow"), cited.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from companion.kb.defaults import ProgrammeDefaults
from companion.rag.chunking import Chunk
from companion.text import plain, sentence_case

FLOW_LINE = re.compile(r"^\s*\d+\.\s+\*\*(?P<name>.+?)\*\*\s*\((?P<share>\d+)%\)\s*[—–-]+\s*(?P<text>.+)$")
TASTER_MINIMUM = 4


@dataclass
class Phase:
    """A phase of the session. `activities` are the stage guide's generic steps; `topical` what
    the topic module says for this phase; `own` what comes from the request (talking points,
    goals, the pair's history), which is never cut."""

    id: str
    name: str
    minutes: int
    activities: list[str]
    cited: list[Chunk] = field(default_factory=list)
    topical: list[str] = field(default_factory=list)
    own: list[str] = field(default_factory=list)
    whole_activity: bool = False  # the topic's lines are an activity's timed steps: never cut
    opener_repeated: bool = False  # the topic's lines already say what the guide's first one does

    def lines(self) -> list[str]:
        """What the segment shows: the request's own lines always; the topic's as many as the
        minutes hold, at least the first (an activity's timed steps all); the generic
        steps while there is time for them (about one line per two minutes), at least one; when
        the topic has lines of its own for the phase, at most one, the one that opens it."""
        room = max(1, self.minutes // 2 - len(self.own))
        if self.topical:  # the topic's own lines replace all but the guide's first
            room = max(0, min(1, self.minutes // 2 - len(self.topical) - len(self.own)))
            room = 0 if self.opener_repeated else room
        topical = self.topical if self.whole_activity else self.topical[: max(1, self.minutes // 2)]
        return [*self.activities[:room], *topical, *self.own]


def guide_flow(chunks: list[Chunk]) -> dict[str, tuple[list[str], Chunk]]:
    """What the guide's "Suggested flow" says happens in each phase, by lower-cased phase name."""
    flow: dict[str, tuple[list[str], Chunk]] = {}
    for chunk in chunks:
        for line in chunk.text.splitlines():
            match = FLOW_LINE.match(line)
            if match:
                steps = [
                    sentence_case(plain(part).strip().rstrip(".")) + "."
                    for part in match.group("text").split(";")
                    if part.strip()
                ]
                flow[plain(match.group("name")).lower()] = (steps, chunk)
    return flow


def plan_phases(
    stage: str, minutes: int, defaults: ProgrammeDefaults, flow: dict[str, tuple[list[str], Chunk]]
) -> tuple[list[Phase], int]:
    """The phases of the session with their minutes, and the minutes kept spare at the end.

    `ProgrammeDefaults.phase_minutes` applies the buffer, review and second-activity rules; a
    main activity split in two is kept as one phase here, since the planner splits it by the
    activities it chooses."""
    timed = defaults.phase_minutes(stage, minutes)
    merged: list[tuple[str, str, int, bool]] = []  # id, name, minutes, optional
    for phase, phase_minutes in timed:
        if phase.id == "second-activity":
            phase_id, name, previous, optional = merged[-1]
            merged[-1] = (phase_id, name, previous + phase_minutes, optional)
        elif phase.id == "main-activity":
            main = defaults.template(stage).phase("main-activity")
            merged.append((phase.id, main.name if main else phase.name, phase_minutes, phase.optional))
        else:
            merged.append((phase.id, phase.name, phase_minutes, phase.optional))
    for index in [i for i, entry in enumerate(merged) if entry[3]][::-1]:
        if merged[index][2] < TASTER_MINIMUM:  # left out; its minutes go to the goals
            goals = next((i for i, entry in enumerate(merged) if entry[0] == "goals"), max(index - 1, 0))
            phase_id, name, goal_minutes, optional = merged[goals]
            merged[goals] = (phase_id, name, goal_minutes + merged[index][2], optional)
            del merged[index]
    planned = []
    for phase_id, name, phase_minutes, _ in merged:
        steps, chunk = flow.get(name.lower(), ([], None))
        planned.append(Phase(phase_id, name, phase_minutes, list(steps), [chunk] if chunk else []))
    return planned, minutes - sum(phase.minutes for phase in planned)
