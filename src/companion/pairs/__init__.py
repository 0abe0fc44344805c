"""People, pairs and each pair's workspace: goals, sessions, action items, saved agendas,
reflections, the memory the next plan builds on, calendar files and stalled pairs."""

from companion.pairs.access import Conflict, Forbidden, NotFound, Viewer, WorkspaceError
from companion.pairs.people import PeopleError, PeopleStore, PersonIn, PersonOut, PersonTaken
from companion.pairs.workspace import PairWorkspace

__all__ = [
    "Conflict",
    "Forbidden",
    "NotFound",
    "PairWorkspace",
    "PeopleError",
    "PeopleStore",
    "PersonIn",
    "PersonOut",
    "PersonTaken",
    "Viewer",
    "WorkspaceError",
]
