"""`companion kb check`: every rule of knowledge/README.md, reported as one problem per line."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import PurePosixPath

from companion.kb.defaults import DEFAULTS_FILE, DefaultsError, ProgrammeDefaults, load_defaults
from companion.kb.models import Article, Corpus, Problem
from companion.kb.vocabulary import (
    CHALLENGES,
    FRAMEWORK_STAGES,
    ITEM_KINDS,
    REFLECTION_ABOUT,
    REQUIRED_SECTIONS,
    STARTER_PURPOSES,
    STARTER_STAGES,
    TOPICS,
)


def check_corpus(corpus: Corpus) -> list[Problem]:
    """All problems in the corpus, in file order; an empty list means it is valid."""
    problems = list(corpus.problems)
    ids = Counter(article.id for article in corpus.articles)
    known_paths = {article.source_path for article in corpus.articles}
    seen_items: dict[str, str] = {}
    for article in corpus.articles:
        if ids[article.id] > 1:
            problems.append(_at(article, 1, f"id '{article.id}' is used by more than one article"))
        problems += _check_front(article, corpus)
        problems += _check_sections(article)
        problems += _check_links(article, known_paths)
        problems += _check_items(article, seen_items)
    problems += check_defaults(corpus)
    return sorted(problems, key=lambda problem: (problem.path, problem.line))


def check_local_corpus(local: Corpus, builtin: Corpus) -> list[Problem]:
    """An organisation's own articles: the same checks as the built-in corpus, and ids of their
    own (a local article never replaces a built-in one, so that upgrades cannot overwrite it)."""
    builtin_ids = {article.id for article in builtin.articles}
    problems = check_corpus(local)
    problems += [
        _at(article, 1, f"id '{article.id}' is already a built-in article; give the local article its own id")
        for article in local.articles
        if article.id in builtin_ids
    ]
    return sorted(problems, key=lambda problem: (problem.path, problem.line))


def _at(article: Article, line: int, message: str) -> Problem:
    return Problem(article.source_path, line, message)


def _check_front(article: Article, corpus: Corpus) -> list[Problem]:
    front = article.front
    problems = []
    if front.id != article.path.stem:
        problems.append(_at(article, 1, f"id '{front.id}' differs from the file name '{article.path.stem}'"))
    for topic in front.topics:
        if topic not in TOPICS:
            problems.append(_at(article, 1, f"unknown topic '{topic}' (allowed: {', '.join(TOPICS)})"))
    for challenge in front.challenges:
        if challenge not in CHALLENGES:
            problems.append(
                _at(article, 1, f"unknown challenge '{challenge}' (allowed: {', '.join(CHALLENGES)})")
            )
    if front.kind == "playbook" and not front.challenges:
        problems.append(_at(article, 1, "a playbook must name its challenges"))
    for key in front.sources:
        if key not in corpus.sources:
            problems.append(_at(article, 1, f"source '{key}' is not in sources.yaml"))
    for field, values in (("audience", front.audience), ("topics", front.topics), ("sources", front.sources)):
        if len(set(values)) != len(values):
            problems.append(_at(article, 1, f"'{field}' lists a value twice"))
    return problems


def _check_sections(article: Article) -> list[Problem]:
    problems = []
    for section in article.sections:
        if section.level == 1:
            problems.append(
                _at(article, section.line, "no level-1 heading in the body: the title is in the front matter")
            )
        has_children = any(
            other.heading_path[: len(section.heading_path)] == section.heading_path
            and len(other.heading_path) > len(section.heading_path)
            for other in article.sections
        )
        if section.heading_path and not section.text and not has_children:
            problems.append(_at(article, section.line, f"section '{section.heading}' is empty"))
    if not article.body.strip():
        problems.append(_at(article, article.body_line, "the article has no body"))
    headings = {section.heading.lower() for section in article.sections if section.level == 2}
    for required in REQUIRED_SECTIONS.get(article.kind, ()):
        if required.lower() not in headings:
            problems.append(
                _at(article, article.body_line, f"a {article.kind} needs a section '## {required}'")
            )
    return problems


def _check_links(article: Article, known_paths: set[str]) -> list[Problem]:
    problems = []
    for link in article.links:
        target = link.target.split("#", 1)[0]
        if re.match(r"^[a-z][a-z0-9+.-]*:", link.target):
            problems.append(
                _at(article, link.line, f"external link '{link.target}': cite a key of sources.yaml instead")
            )
            continue
        if not target:
            continue
        resolved = _normalise(PurePosixPath(article.source_path).parent / target)
        if resolved not in known_paths:
            problems.append(_at(article, link.line, f"link '{link.target}' points at no article"))
    return problems


def _normalise(path: PurePosixPath) -> str:
    parts: list[str] = []
    for part in path.parts:
        if part == "..":
            if parts:
                parts.pop()
        elif part != ".":
            parts.append(part)
    return "/".join(parts)


def _check_items(article: Article, seen: dict[str, str]) -> list[Problem]:
    if article.kind not in ITEM_KINDS:
        return []
    problems = []
    if not article.items:
        problems.append(_at(article, article.body_line, f"a {article.kind} article needs tagged items"))
    for item in article.items:
        where = f"{article.source_path}:{item.line}"
        problems += [
            _at(article, item.line, message) for message in _item_tag_problems(article.kind, item.tags)
        ]
        key = re.sub(r"\W+", " ", item.text.lower()).strip()
        if key in seen:
            problems.append(_at(article, item.line, f"item repeats the one at {seen[key]}"))
        else:
            seen[key] = where
        if len(item.text) < 15:
            problems.append(_at(article, item.line, "item text is too short"))
    return problems


def _item_tag_problems(kind: str, tags: dict[str, str]) -> list[str]:
    if "" in tags:
        return [f"tag '{tags['']}' needs the form key: value"]
    allowed_audience = ("mentor", "mentee")
    if "audience" in tags and tags["audience"] not in allowed_audience:
        return [f"audience '{tags['audience']}' must be mentor or mentee"]
    if kind == "starters":
        known = {"purpose", "stage", "audience", "takes", "setting", "looks", "when", "names", "detail"}
        unknown = set(tags) - known
        problems = [f"unknown tag '{key}' on a starter" for key in sorted(unknown)]
        if "takes" in tags and tags["takes"] != "tool":
            problems.append("takes must be 'tool' (the question needs a tool's name where it says the skill)")
        if "setting" in tags and tags["setting"] != "work":
            problems.append("setting must be 'work' (the question assumes the skill is for the person's job)")
        if "detail" in tags and tags["detail"] not in ("aim", "fact"):
            problems.append("detail must be 'aim' or 'fact' (what the pair's words about the skill say)")
        if "when" in tags and tags["when"] != "reluctant":
            problems.append("when must be 'reluctant' (the question assumes the person is reluctant)")
        # what a starter names, and at which stage
        named = {"skill": ("first",), "detail": ("first", "closing"), "issue": ("middle",)}
        if "names" in tags and tags.get("stage") not in named.get(tags["names"], ()):
            problems.append(
                "names must be 'skill' or 'detail' on a first-meeting starter (the skill the pair named, "
                "or what the mentor noted about the partner), 'detail' on a closing one (what the pair "
                "said beside their last meeting) or 'issue' on a middle-stage one (what is going wrong "
                "between the pair)"
            )
        if "looks" in tags and (tags["looks"] != "both" or tags.get("stage") != "closing"):
            problems.append("looks must be 'both', on a closing starter (it looks back and ahead at once)")
        if tags.get("purpose") not in STARTER_PURPOSES:
            problems.append(f"purpose must be one of {', '.join(STARTER_PURPOSES)}")
        if tags.get("stage") not in STARTER_STAGES:
            problems.append(f"stage must be one of {', '.join(STARTER_STAGES)}")
        return problems
    unknown = set(tags) - {"framework", "stage", "audience", "about"}
    problems = [f"unknown tag '{key}' on a reflection prompt" for key in sorted(unknown)]
    if "about" in tags and tags["about"] not in REFLECTION_ABOUT:
        problems.append(f"about must be one of {', '.join(REFLECTION_ABOUT)}")
    framework = tags.get("framework")
    if framework not in FRAMEWORK_STAGES:
        problems.append(f"framework must be one of {', '.join(FRAMEWORK_STAGES)}")
    elif tags.get("stage") not in FRAMEWORK_STAGES[framework]:
        problems.append(f"stage for {framework} must be one of {', '.join(FRAMEWORK_STAGES[framework])}")
    return problems


# --- One practice: the articles against knowledge/defaults.yaml ------------------------------
#
# The patterns below find the few kinds of sentence that state a programme default: how often
# sessions happen and for how long, how a session's length changes its plan, the phases of a
# session template, the fit check and pulse questions, who books, the stalled threshold and the
# monitoring bands, and the mentor circle. Each is deliberately narrow (a rhythm counts only
# when it is about sessions, a quote counts as a survey question only beside "fit check" or
# "pulse"), so the aligned corpus raises nothing. A sentence that says it describes another
# programme, study or practice (see OTHER_PRACTICE) is left alone; knowledge/README.md states
# the rule for writers.

_NUMBER_WORDS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "fifteen": 15, "twenty": 20,
    "twenty-five": 25, "thirty": 30, "forty": 40, "forty-five": 45, "fifty": 50, "sixty": 60,
    "seventy-five": 75, "ninety": 90,
}  # fmt: skip
NUM = r"(?:\d+|" + "|".join(sorted(_NUMBER_WORDS, key=len, reverse=True)) + r")"
_DAYS = r"(?:monday|tuesday|wednesday|thursday|friday)"

# A rhythm: "every three weeks", "every two or three weeks", "fortnightly", "monthly", ...
FREQ = re.compile(
    rf"\bevery\s+(?P<n1>{NUM})(?:\s*(?:or|to|-|–)\s*(?P<n2>{NUM}))?\s+weeks\b"
    rf"|\bevery\s+(?:other|second)\s+(?:week|{_DAYS})\b"
    rf"|\bevery\s+(?P<months>{NUM})\s+months\b"
    rf"|\b(?P<one>every\s+(?:week|{_DAYS})|weekly|once\s+a\s+week)\b"
    r"|\b(?P<two>fortnightly|every\s+fortnight|bi-?weekly|twice\s+a\s+month|once\s+a\s+fortnight)\b"
    r"|\b(?P<four>monthly|every\s+month|once\s+a\s+month|each\s+month)\b",
    re.IGNORECASE,
)
# Words that make a rhythm about mentoring sessions.
SESSION_NOUN = r"(?:sessions?|meetings?|meet|meets|met|rhythm|cadence)"
# ... unless the noun belongs to something else ("weekly team meeting").
NOT_A_SESSION = re.compile(
    r"\b(?:team|staff|board|leadership|all-staff|management|department|governance|project|"
    r"group|circle|kick-off|training|briefing)\s+$",
    re.IGNORECASE,
)
OTHER_THING = re.compile(r"\b(?:circle|huddle|group\s+call|list|survey|report|reminder|visit)s?\b", re.I)
NOUN_THEN_FREQ = re.compile(
    rf"\b(?P<noun>{SESSION_NOUN})\b(?P<gap>[^.;:|]{{0,40}}?)(?=(?:{FREQ.pattern}))", re.I
)
FREQ_THEN_NOUN = re.compile(
    rf"(?:{FREQ.pattern})\s+(?:(?:mentoring|one-to-one|pair|reverse-mentoring)\s+)?{SESSION_NOUN}\b", re.I
)
LENGTH = (
    rf"(?P<len>{NUM}\s+minutes|an\s+hour|half\s+an\s+hour"
    rf"|{NUM}-minute\s+(?:sessions?|meetings?|conversations?))"
)
LENGTH_THEN_FREQ = re.compile(
    rf"{LENGTH}\s+(?:(?:a|per|each)\s+(?P<per>week|fortnight|month)\b|(?=(?:{FREQ.pattern})))", re.I
)
# A length and a rhythm with no session noun are about sessions unless the clause is about the
# mentee's own practice ("ten minutes every Friday").
OWN_PRACTICE = re.compile(
    r"\bpractis|\bpractice\b|\bhabit|\balone\b|\bon\s+(?:their|your|his|her)\s+own\b", re.I
)
# "for 60 minutes" right after a rhythm, allowing only a time or day in between
# ("every month, on a Tuesday at 10, for 60 minutes"), never another noun ("weekly team meeting").
FOR_MINUTES = re.compile(
    rf"^[\s,]*(?:(?:at|on|from|until)\s+[\w:.']+[\s,]*){{0,3}}for\s+(?P<l1>{NUM})(?:\s*(?:to|or|-|–)\s*(?P<l2>{NUM}))?\s+minutes",
    re.IGNORECASE,
)
PLANNED = re.compile(
    rf"\b(?P<n>{NUM})\s+(?:(?:monthly|fortnightly|weekly|mentoring)\s+)?(?:sessions|meetings)\s+"
    rf"(?:over|across|in|during)\s+(?P<months>{NUM})\s+months\b"
    rf"|\bsession\s+{NUM}\s+of\s+(?P<of>{NUM})\b"
    rf"|\b(?:keep|keeping|plan|planning|run|running)\s+(?P<keep>{NUM})\s+sessions\b",
    re.IGNORECASE,
)
DROP_REVIEW = re.compile(
    rf"\b(?P<cmp>under|below|less\s+than|at\s+or\s+below|up\s+to|at|for)\s+(?P<n>{NUM})\s+minutes"
    rf"(?P<orless>\s+or\s+(?:less|under|fewer|shorter))?[^.;]{{0,60}}?\b(?:drop|cut|skip)\s+the\s+"
    r"(?:separate\s+)?(?P<phase>[a-z][a-z -]{1,30}?)(?:\s+phase)?\b(?=[\s,.;:)]|$)",
    re.IGNORECASE,
)
SECOND_ACTIVITY = re.compile(
    rf"\b(?P<cmp>over|above|more\s+than|beyond|from|at\s+least)\s+(?P<n>{NUM})(?:\s+minutes)?"
    rf"(?P<ormore>\s+(?:minutes\s+)?or\s+(?:more|longer))?[^.;]{{0,60}}?\bsecond\s+(?:main\s+)?activity",
    re.IGNORECASE,
)
BUFFER = re.compile(
    rf"\b(?P<n>{NUM})\s+minutes?\s+(?:of\s+)?(?:buffer|spare|unallocated|unplanned)\b"
    rf"|\bbuffer\s*(?:of\s+|\(\s*)(?P<m>{NUM})\s*min"
    r"|\b(?P<pct>\d+)\s*%\s+(?:unallocated|buffer|spare)\b",
    re.IGNORECASE,
)
VIRTUAL_MAX = re.compile(
    r"\b(?:virtual|video|online)\s+(?:sessions?|calls?|meetings?)\s+(?:to|at\s+most|no\s+longer\s+than|"
    rf"up\s+to|under|within)\s+(?P<n>{NUM})\s+minutes"
    rf"|\b(?P<m>{NUM})-minute\s+(?:virtual|video|online)\s+(?:sessions?|calls?|meetings?)"
    rf"|\b(?P<k>{NUM})\s+minutes\s+(?:on\s+video|online)\b",
    re.IGNORECASE,
)
IN_THE_LAST = re.compile(rf"\b(?:in|within)\s+the\s+last\s+(?P<n>{NUM})\s+days\b", re.I)
DAY_RANGE = re.compile(rf"\b(?P<a>{NUM})\s*(?:to|-|–)\s*(?P<b>{NUM})\s+days\b", re.I)
STALLED = re.compile(
    rf"\b(?:no\s+session|not\s+met|has\s+not\s+met|haven't\s+met|without\s+(?:a\s+)?session|without\s+meeting|"
    rf"stalled?)\b[^.;]{{0,30}}?\b(?:for|in|after|at)?\s*(?P<n>{NUM})\s+days\b(?!\s+of\s+the)"
    rf"|\b(?P<m>{NUM})\s+days\s+(?:or\s+more\s+)?without\s+(?:a\s+)?(?:session|meeting)\b",
    re.IGNORECASE,
)
MORE_THAN_DAYS = re.compile(rf"\b(?:more\s+than|over)\s+(?P<n>{NUM})\s+days\b", re.I)
FIT_TIMING = re.compile(
    rf"\bwithin\s+(?:a|one|(?P<n>{NUM}))\s+(?P<unit>weeks?|days?)\s+(?:of|after)\s+(?:the\s+|each\s+)?"
    r"(?:first\s+(?:meeting|session)|(?:meeting|session)\s+1)\b",
    re.IGNORECASE,
)
QUOTE = re.compile(r"[\"“](?P<q>[^\"”]{8,200})[\"”]")
ROLE_BOOKS = re.compile(
    r"\b(?:the\s+)?(?P<role>mentor|mentee)s?\s+(?:books|will\s+book|should\s+book|must\s+book|"
    r"sends?\s+(?:the\s+|all\s+the\s+)?(?:calendar\s+)?invitations?)\b"
    r"|\bmake\s+it\s+the\s+(?P<job>mentor|mentee)'s\s+job\b",
    re.IGNORECASE,
)
BOOK_ITEM = re.compile(
    r"^\s*(?:[-*]|\d+\.)\s+(?:\*\*)?(?:book|send\s+the\s+invitations?)\b[^.]*?\b"
    r"(?:sessions?|dates?|meetings?|invitations?|video\s+call|the\s+next|slots?)\b",
    re.IGNORECASE,
)
ROLE_LEAD = re.compile(r"^\s*\*\*(?:for\s+)?(?:the\s+)?(?P<role>mentor|mentee|both)\b", re.IGNORECASE)
CIRCLE_MINUTES = re.compile(
    rf"\b(?P<n>{NUM})-minute\s+(?:(?P<who>mentor|mentee)s?\s+)?(?:support\s+)?(?:circle|huddle|group\s+call)"
    rf"|\b(?:(?P<who2>mentor|mentee)s?\s+)?(?:support\s+)?(?:circle|huddle|group\s+call)s?\b[^.;]{{0,30}}?"
    rf"(?P<m>{NUM})(?:\s*(?:-|–|to)\s*(?P<m2>{NUM}))?\s+minutes",
    re.IGNORECASE,
)
CIRCLE_EVERY = re.compile(
    rf"\b(?:circle|huddle|group\s+call)s?\b[^.;]{{0,60}}?\bevery\s+(?P<n>{NUM})"
    rf"(?:\s*(?:or|to|-|–)\s*(?P<m>{NUM}))?\s+weeks",
    re.IGNORECASE,
)
NOTICE = re.compile(rf"\b(?P<n>{NUM})\s+(?P<unit>working\s+days|days|hours)['’]?\s+notice\b", re.I)
REBOOK = re.compile(
    rf"\b(?:rebook(?:ed|s)?|new\s+times?|two\s+times|alternatives?)\b[^.;]{{0,60}}?\bwithin\s+"
    rf"(?:(?P<n>{NUM})\s+(?P<unit>days|weeks)|a\s+(?P<one>week|fortnight))\b",
    re.IGNORECASE,
)
SPLIT = re.compile(
    rf"\bfirst\s+(?P<a>{NUM})\s+minutes\b[^.]{{0,60}}?\b(?:last|next|second)\s+(?P<b>{NUM})\b", re.I
)
FLOW_ITEM = re.compile(r"^\s*\d+\.\s+\*\*(?P<name>[^*]+?)\*\*\s*\((?P<share>\d+)%\)")
SHARE_ANYWHERE = re.compile(
    r"\*\*(?P<name>[^*]+?)\*\*\s*\((?P<share>\d+)%\)|\*\*(?P<name2>[^*(]+?)\s*\((?P<share2>\d+)%\)"
)
OUTLINE_ITEM = re.compile(r"^\s*[-*]\s+\*\*(?P<name>[^*(]+?)\s*\((?P<min>\d+)\s*min(?:utes)?\)\.?\*\*")
# A sentence that makes explicit it is about someone else's practice: a citation, another named
# programme or study, or an explicit departure from the default.
OTHER_PRACTICE = re.compile(
    r"\([A-Z][^()]*?,\s*(?:\d{4}[a-z]?|n\.d\.)\)"
    r"|\b(?:another|other|some|a\s+different)\s+(?:programmes?|schemes?|organisations?|studies|study|employers?)\b"
    r"|\b(?:unlike|instead\s+of|rather\s+than|departs?\s+from|differs?\s+from)\s+(?:the|our|this)\s+"
    r"(?:programme'?s?\s+)?(?:[a-z-]+\s+)?(?:default|practice|rhythm)\b",
    re.IGNORECASE,
)
MARKDOWN_LINK = re.compile(r"\[([^\]]*)\]\([^)]*\)")
SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[\"“*(\[A-Z0-9])")


def _number(text: str) -> int:
    text = text.lower()
    return int(text) if text.isdigit() else _NUMBER_WORDS[text]


def _plural(count: int, word: str) -> str:
    return f"{count} {word}" if count == 1 else f"{count} {word}s"


def _weeks_phrase(weeks: int) -> str:
    return {1: "weekly", 2: "fortnightly", 4: "monthly (every 4 weeks)"}.get(weeks, f"every {weeks} weeks")


def _normalise_text(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", " ", text.lower().replace("’", "'")).strip()


def check_defaults(corpus: Corpus) -> list[Problem]:
    """Problems in knowledge/defaults.yaml, then every article line that states another value.

    A corpus without defaults.yaml has nothing to compare with and passes this check.
    """
    shown = f"{corpus.root.name}/{DEFAULTS_FILE}"
    if not (corpus.root / DEFAULTS_FILE).exists():
        return []
    try:
        defaults = load_defaults(corpus.root)
    except DefaultsError as error:
        return [Problem(shown, line, message) for line, message in error.problems]
    known = {article.id for article in corpus.articles}
    problems = [
        Problem(shown, 1, f"template '{stage}' lists the article '{article_id}', which does not exist")
        for stage, template in defaults.all_templates().items()
        for article_id in template.articles
        if article_id not in known
    ]
    for article in corpus.articles:
        problems += [
            _at(article, line, f"{message} (knowledge/{DEFAULTS_FILE})")
            for line, message in _practice_findings(article, defaults)
        ]
    return problems


def _practice_findings(article: Article, defaults: ProgrammeDefaults) -> list[tuple[int, str]]:
    """(line, message) for each statement in the article that differs from the defaults."""
    findings: list[tuple[int, str]] = []
    stage_of = {a: stage for stage, t in defaults.all_templates().items() for a in t.articles}
    headings: list[tuple[int, str]] = []
    role: str | None = None
    in_fence = False
    flow: list[tuple[int, str, int]] = []
    outline: list[tuple[int, str, int]] = []
    for offset, raw in enumerate(article.body.splitlines()):
        number = article.body_line + offset
        if raw.strip().startswith("```"):
            in_fence = not in_fence
        if in_fence:
            continue
        heading = re.match(r"^(#{1,6})\s+(.+?)\s*#*\s*$", raw)
        if heading:
            level = len(heading.group(1))
            headings = [(lvl, text) for lvl, text in headings if lvl < level] + [(level, heading.group(2))]
            role = _role_in(heading.group(2))
            continue
        section = headings[-1][1].lower() if headings else ""
        lead = ROLE_LEAD.match(raw)
        if lead:
            role = None if lead.group("role").lower() == "both" else lead.group("role").lower()
        item = FLOW_ITEM.match(raw)
        if item and section == "suggested flow" and article.id in stage_of:
            flow.append((number, item.group("name").strip(), int(item.group("share"))))
        elif section == "suggested flow" or article.id not in stage_of:
            findings += [(number, message) for message in _loose_shares(raw, defaults)]
        minutes_item = OUTLINE_ITEM.match(raw)
        if minutes_item and section == "suggested session outline":
            outline.append((number, minutes_item.group("name").strip(), int(minutes_item.group("min"))))
        findings += [(number, message) for message in _booking(raw, role, defaults)]
        findings += [(number, message) for message in _split(raw)]
        text = MARKDOWN_LINK.sub(r"\1", raw)
        # Survey questions are recognised beside "fit check" or "pulse" in the same paragraph or
        # list item, or under a heading that names the survey.
        context = f"{section} {text.lower()}"
        for cell in text.split("|"):
            for sentence in SENTENCE_END.split(cell):
                if OTHER_PRACTICE.search(sentence):
                    continue
                for clause in sentence.split(";"):
                    findings += [(number, message) for message in _statements(clause, defaults)]
                findings += [(number, message) for message in _questions(sentence, context, defaults)]
    if article.id in stage_of:
        findings += _flow_findings(article, stage_of[article.id], flow, defaults)
    if outline:
        findings += _outline_findings(outline, defaults)
    return findings


def _role_in(heading: str) -> str | None:
    text = heading.lower()
    if "mentor" in text and "mentee" not in text:
        return "mentor"
    if "mentee" in text and "mentor" not in text:
        return "mentee"
    return None


def _statements(clause: str, defaults: ProgrammeDefaults) -> list[str]:
    """Rhythm, length, planned sessions, length rules, stalled days, bands and mentor circles."""
    out: list[str] = []
    rhythm, length = defaults.rhythm, defaults.session_length
    out += _rhythm(clause, defaults)
    for match in PLANNED.finditer(clause):
        count = _number(match.group("n") or match.group("of") or match.group("keep"))
        if count != rhythm.planned_sessions:
            out.append(
                f"states {_plural(count, 'session')} ('{match.group(0)}'); default {rhythm.planned_sessions}"
            )
        elif match.group("months") and not FREQ.search(match.group(0)):
            months = _number(match.group("months"))
            expected = count * rhythm.days_between_sessions / 30.4
            if abs(months - expected) > 1:
                weeks = round(months * 30.4 / 7 / count)
                out.append(
                    f"states a rhythm of {_weeks_phrase(weeks)} ('{match.group(0)}'); "
                    f"default {_weeks_phrase(rhythm.weeks_between_sessions)}"
                )
    for match in DROP_REVIEW.finditer(clause):
        phase = match.group("phase").strip().lower()
        minutes = _number(match.group("n"))
        if match.group("cmp").lower() in ("under", "below", "less than") and not match.group("orless"):
            minutes -= 1
        if phase not in ("review", "review phase"):
            out.append(
                f"drops the {phase} in short sessions ('{match.group(0).strip()}'); default: the review "
                f"is dropped at or below {length.drop_review_at_or_below} minutes"
            )
        elif minutes != length.drop_review_at_or_below:
            out.append(
                f"drops the review at or below {minutes} minutes ('{match.group(0).strip()}'); "
                f"default at or below {length.drop_review_at_or_below}"
            )
    for match in SECOND_ACTIVITY.finditer(clause):
        minutes = _number(match.group("n"))
        if match.group("cmp").lower() in ("over", "above", "more than", "beyond") and not match.group(
            "ormore"
        ):
            minutes += 1
        if minutes != length.second_activity_from:
            out.append(
                f"adds a second activity from {minutes} minutes ('{match.group(0).strip()}'); "
                f"default from {length.second_activity_from}"
            )
    for match in BUFFER.finditer(clause):
        if match.group("pct"):
            out.append(
                f"states the buffer as {match.group('pct')}% ('{match.group(0)}'); default "
                f"{length.buffer_minutes} minutes, outside the template shares"
            )
            continue
        minutes = _number(match.group("n") or match.group("m"))
        if minutes not in (length.buffer_minutes, length.short_buffer_minutes):
            out.append(
                f"states a buffer of {minutes} minutes ('{match.group(0)}'); default {length.buffer_minutes}"
            )
    for match in VIRTUAL_MAX.finditer(clause):
        if match.group("n"):
            minutes = _number(match.group("n"))
            if minutes != length.max_virtual_minutes:
                out.append(
                    f"states a maximum of {minutes} minutes for virtual sessions ('{match.group(0)}'); "
                    f"default {length.max_virtual_minutes}"
                )
        else:
            minutes = _number(match.group("m") or match.group("k"))
            if minutes > length.max_virtual_minutes:
                out.append(
                    f"states a {minutes}-minute virtual session ('{match.group(0)}'); default maximum "
                    f"{length.max_virtual_minutes}"
                )
    out += _days(clause, defaults)
    out += _circles(clause, defaults)
    out += _notice(clause, defaults)
    return out


def _notice(clause: str, defaults: ProgrammeDefaults) -> list[str]:
    """Notice to move a session, and how soon a cancelled session is rebooked."""
    booking = defaults.booking
    out = []
    if re.search(r"\b(?:move|moved|cancel|cancelled|cancels|cancellations?)\b", clause, re.I):
        for match in NOTICE.finditer(clause):
            unit = match.group("unit").lower()
            count = _number(match.group("n"))
            if unit != "working days" or count != booking.move_notice_working_days:
                out.append(
                    f"states {count} {unit}' notice to move a session ('{match.group(0)}'); "
                    f"default {booking.move_notice_working_days} working days"
                )
    for match in REBOOK.finditer(clause):
        if match.group("one"):
            days = 7 if match.group("one").lower() == "week" else 14
        else:
            days = _number(match.group("n")) * (7 if match.group("unit").lower() == "weeks" else 1)
        if days != booking.rebook_within_days:
            out.append(
                f"rebooks a cancelled session within {days} days ('{match.group(0)}'); "
                f"default within {booking.rebook_within_days}"
            )
    return out


def _rhythm(clause: str, defaults: ProgrammeDefaults) -> list[str]:
    """'every N weeks', 'fortnightly', 'monthly' ... when about sessions, with any length given."""
    found: dict[int, tuple[str, list[int], int | None, int | None]] = {}
    for match in NOUN_THEN_FREQ.finditer(clause):
        before = clause[: match.start("noun")]
        if NOT_A_SESSION.search(before) or OTHER_THING.search(match.group("gap")):
            continue
        freq = FREQ.match(clause, match.end())
        if freq:
            found[freq.start()] = (freq.group(0), _freq_weeks(freq), *_for_minutes(clause, freq.end()))
    for match in FREQ_THEN_NOUN.finditer(clause):
        freq = FREQ.match(clause, match.start())
        if freq and freq.start() not in found:
            found[freq.start()] = (freq.group(0), _freq_weeks(freq), *_for_minutes(clause, freq.end()))
    for match in LENGTH_THEN_FREQ.finditer(clause):
        if OWN_PRACTICE.search(clause) and not re.search(rf"\b{SESSION_NOUN}\b", clause, re.I):
            continue
        minutes = _length_minutes(match.group("len"))
        if match.group("per"):
            weeks = {"week": [1], "fortnight": [2], "month": [4]}[match.group("per").lower()]
            found[match.start()] = (match.group(0), weeks, minutes, None)
            continue
        freq = FREQ.match(clause, match.end())
        if freq:
            found[freq.start()] = (match.group(0) + freq.group(0), _freq_weeks(freq), minutes, None)
    for freq in FREQ.finditer(clause):
        if freq.start() not in found and not OWN_PRACTICE.search(clause):
            low, high = _for_minutes(clause, freq.end())
            if low is not None:
                found[freq.start()] = (freq.group(0), _freq_weeks(freq), low, high)
    out = []
    rhythm = defaults.rhythm
    for quoted, weeks, low, high in found.values():
        if weeks != [rhythm.weeks_between_sessions]:
            stated = (
                "every " + " to ".join(str(w) for w in weeks) + " weeks"
                if len(weeks) > 1
                else _weeks_phrase(weeks[0])
            )
            out.append(
                f"states a rhythm of {stated} ('{quoted.strip()}'); default "
                f"{_weeks_phrase(rhythm.weeks_between_sessions)}"
            )
        if low is not None and (low != rhythm.session_minutes or (high is not None and high != low)):
            stated = f"{low} to {high}" if high is not None and high != low else str(low)
            out.append(
                f"states sessions of {stated} minutes ('{quoted.strip()}'); "
                f"default {rhythm.session_minutes} minutes"
            )
    return out


def _freq_weeks(freq: re.Match[str]) -> list[int]:
    if freq.group("n1"):
        weeks = [_number(freq.group("n1"))]
        if freq.group("n2"):
            weeks.append(_number(freq.group("n2")))
        return weeks
    if freq.group("months"):
        return [4 * _number(freq.group("months"))]
    if freq.group("one"):
        return [1]
    if freq.group("four"):
        return [4]
    return [2]  # fortnightly, every other week, twice a month


def _for_minutes(clause: str, end: int) -> tuple[int | None, int | None]:
    match = FOR_MINUTES.match(clause[end:])
    if not match:
        return None, None
    low = _number(match.group("l1"))
    return low, (_number(match.group("l2")) if match.group("l2") else None)


def _length_minutes(text: str) -> int:
    text = text.lower()
    if text.startswith("half"):
        return 30
    if text.startswith("an hour"):
        return 60
    return _number(re.split(r"[\s-]", text, maxsplit=1)[0])


def _days(clause: str, defaults: ProgrammeDefaults) -> list[str]:
    """The green band ('in the last 30 days'), the amber range and the stalled threshold."""
    if not re.search(r"\b(?:sessions?|met|meet|meeting|stall|stalled)\b", clause, re.I):
        return []
    monitoring = defaults.monitoring
    green, amber, _red = monitoring.bands
    out = []
    for match in IN_THE_LAST.finditer(clause):
        days = _number(match.group("n"))
        if days != green.max_days:
            out.append(
                f"counts a session in the last {days} days as on track ('{match.group(0)}'); "
                f"default {green.max_days}"
            )
    for match in DAY_RANGE.finditer(clause):
        low, high = _number(match.group("a")), _number(match.group("b"))
        if (low, high) != (amber.min_days, amber.max_days):
            out.append(
                f"states an amber range of {low} to {high} days ('{match.group(0)}'); "
                f"default {amber.min_days} to {amber.max_days}"
            )
    for match in STALLED.finditer(clause):
        if re.search(r"\blast\b", match.group(0), re.I):
            continue  # "no session in the last 30 days" is the green band, read above
        days = _number(match.group("n") or match.group("m"))
        if days != monitoring.stalled_days:
            out.append(
                f"states {days} days without a session ('{match.group(0).strip()}'); "
                f"default {monitoring.stalled_days}"
            )
    for match in MORE_THAN_DAYS.finditer(clause):
        days = _number(match.group("n")) + 1
        if days != monitoring.stalled_days:
            out.append(
                f"states more than {days - 1} days ('{match.group(0)}'); the stalled threshold is "
                f"{monitoring.stalled_days} days or more"
            )
    return out


def _circles(clause: str, defaults: ProgrammeDefaults) -> list[str]:
    peer = defaults.peer_support
    out = []
    for match in CIRCLE_MINUTES.finditer(clause):
        who = (match.group("who") or match.group("who2") or "mentor").lower()
        expected = peer.mentee_group_call_minutes if who == "mentee" else peer.mentor_circle_minutes
        low = _number(match.group("n") or match.group("m"))
        high = _number(match.group("m2")) if match.group("m2") else low
        if (low, high) != (expected, expected):
            stated = f"{low} to {high}" if high != low else str(low)
            out.append(
                f"states {stated}-minute peer support ('{match.group(0)}'); default {expected} minutes"
            )
    for match in CIRCLE_EVERY.finditer(clause):
        low = _number(match.group("n"))
        high = _number(match.group("m")) if match.group("m") else low
        if (low, high) != (peer.mentor_circle_every_weeks,) * 2:
            stated = f"{low} to {high}" if high != low else str(low)
            out.append(
                f"states a mentor circle every {stated} weeks ('{match.group(0)}'); "
                f"default every {peer.mentor_circle_every_weeks} weeks"
            )
    return out


def _questions(sentence: str, context: str, defaults: ProgrammeDefaults) -> list[str]:
    """Fit-check timing and quoted fit-check or pulse questions that are not the defaults."""
    out = []
    fit = "fit check" in context or "fit-check" in context
    pulse = "pulse" in context
    if fit:
        for match in FIT_TIMING.finditer(sentence):
            unit = match.group("unit").lower()
            count = _number(match.group("n")) if match.group("n") else 1
            days = count * 7 if unit.startswith("week") else count
            if days != defaults.fit_check.within_days:
                out.append(
                    f"sends the fit check within {days} days ('{match.group(0)}'); "
                    f"default within {defaults.fit_check.within_days} days of session "
                    f"{defaults.fit_check.after_session}"
                )
    for name, on, questions in (
        ("fit-check", fit, defaults.fit_check.questions),
        ("pulse", pulse and not fit, defaults.pulse.questions),
    ):
        if not on:
            continue
        known = [_normalise_text(question.text) for question in questions]
        for match in QUOTE.finditer(sentence):
            quoted = match.group("q")
            before = sentence[: match.start()]
            asked = quoted.split("?")[0] + ("?" if "?" in quoted else "")
            is_question = "?" in quoted or re.search(r"(?:\bon|\bfor|\bto|^\s*(?:[-*]|\d+\.))\s*$", before)
            if not is_question or len(asked.split()) < 4:
                continue
            if _normalise_text(asked) not in known:
                listed = " / ".join(f'"{question.text}"' for question in questions)
                out.append(f'quotes "{asked.strip()}" as a {name} question; the {name} asks {listed}')
    return out


def _booking(line: str, role: str | None, defaults: ProgrammeDefaults) -> list[str]:
    books = defaults.booking.books_sessions
    out = []
    for match in ROLE_BOOKS.finditer(line):
        who = (match.group("role") or match.group("job")).lower()
        if match.group("job") and "book" not in line.lower():
            continue
        if who != books:
            out.append(f"says the {who} books sessions ('{match.group(0)}'); default: the {books} books")
    if role and role != books and BOOK_ITEM.match(line):
        out.append(f"tells the {role} to book sessions; default: the {books} books")
    return out


def _split(line: str) -> list[str]:
    """A '50/50' split has equal halves."""
    if "50/50" not in line:
        return []
    return [
        f"calls a split of {match.group('a')} and {match.group('b')} minutes 50/50"
        for match in SPLIT.finditer(line)
        if _number(match.group("a")) != _number(match.group("b"))
    ]


def _loose_shares(line: str, defaults: ProgrammeDefaults) -> list[str]:
    """'**Check-in** (15%)' outside a mapped flow: the share of a phase named in one template."""
    out = []
    for match in SHARE_ANYWHERE.finditer(line):
        name = (match.group("name") or match.group("name2")).strip().rstrip(".").lower()
        share = int(match.group("share") or match.group("share2"))
        owners = [
            (stage, phase)
            for stage, template in defaults.all_templates().items()
            for phase in template.phases
            if phase.name.lower() == name
        ]
        if len(owners) == 1 and owners[0][1].share != share:
            stage, phase = owners[0]
            out.append(f"gives '{phase.name}' {share}%; the {stage} template has {phase.share}%")
    return out


def _flow_findings(
    article: Article, stage: str, flow: list[tuple[int, str, int]], defaults: ProgrammeDefaults
) -> list[tuple[int, str]]:
    """The article's Suggested flow must be the stage's template: same phases, order and shares."""
    template = defaults.template(stage)
    expected = ", ".join(f"{phase.name} {phase.share}%" for phase in template.phases)
    if not flow:
        return [
            (article.body_line, f"has no Suggested flow with shares; the {stage} template is: {expected}")
        ]
    findings = []
    if len(flow) != len(template.phases):
        findings.append(
            (
                flow[0][0],
                f"the Suggested flow has {len(flow)} phases; the {stage} template has "
                f"{len(template.phases)}: {expected}",
            )
        )
    for (line, name, share), phase in zip(flow, template.phases, strict=False):
        if name.rstrip(".").lower() != phase.name.lower():
            findings.append(
                (
                    line,
                    f"phase '{name}' ({share}%) is '{phase.name}' ({phase.share}%) in the {stage} template",
                )
            )
        elif share != phase.share:
            findings.append((line, f"gives '{name}' {share}%; the {stage} template has {phase.share}%"))
    return findings


def _outline_findings(
    outline: list[tuple[int, str, int]], defaults: ProgrammeDefaults
) -> list[tuple[int, str]]:
    """A topic's session outline is a middle session of the default length, in minutes."""
    minutes = defaults.rhythm.session_minutes
    planned = defaults.phase_minutes("middle")
    expected = ", ".join(f"{phase.name} {count}" for phase, count in planned)
    findings = []
    if len(outline) != len(planned):
        findings.append(
            (
                outline[0][0],
                f"the session outline has {len(outline)} phases; a {minutes}-minute middle session "
                f"has {len(planned)} (minutes: {expected})",
            )
        )
    for (line, name, stated), (phase, count) in zip(outline, planned, strict=False):
        if name.rstrip(".").lower() != phase.name.lower():
            findings.append((line, f"phase '{name}' is '{phase.name}' ({count} min) in the middle template"))
        elif stated != count:
            findings.append(
                (line, f"gives '{name}' {stated} minutes; a {minutes}-minute middle session gives it {count}")
            )
    return findings
