"""The knowledge base covers every subject the product promises (issue: Knowledge base)."""

from collections import Counter

import pytest

from companion.kb import load_corpus
from companion.kb.stats import corpus_stats
from tests.conftest import KNOWLEDGE_DIR

CORPUS = load_corpus(KNOWLEDGE_DIR)
BY_ID = CORPUS.by_id()

# subject -> the article that must cover it (by id) and words its text must mention
REQUIRED = {
    "what reverse mentoring is": ("what-is-reverse-mentoring", ["traditional"]),
    "history (GE, 1999)": ("history-of-reverse-mentoring", ["1999", "Welch"]),
    "principle: mutual respect": ("principle-mutual-respect", []),
    "principle: open communication": ("principle-open-communication", []),
    "principle: continuous learning": ("principle-continuous-learning", []),
    "principle: flexibility": ("principle-flexibility", []),
    "leadership support": ("securing-leadership-support", []),
    "defining objectives": ("defining-objectives", []),
    "pairing (50/50, reporting lines)": ("pairing-and-matching", ["50/50", "reporting line"]),
    "training mentors": ("training-mentors", []),
    "training mentees": ("preparing-mentees", []),
    "ground rules and confidentiality": ("ground-rules-and-confidentiality", ["confidential"]),
    "psychological safety": ("psychological-safety", ["Edmondson"]),
    "monitoring and adjusting": ("monitoring-and-adjusting", []),
    "closing a programme and a pair": ("closing-well", []),
    "re-engaging pairs": ("re-engaging-stalled-pairs", []),
    "playbook: resistance": ("playbook-resistance", []),
    "playbook: communication": ("playbook-communication", ["jargon", "power"]),
    "playbook: time": ("playbook-time", ["cancel", "time zone"]),
    "playbook: generational bias": ("playbook-generational-bias", []),
    "playbook: mismatched expectations": ("playbook-mismatched-expectations", []),
    "playbook: pairing fit": ("playbook-pairing-fit", []),
    "session: first meeting": ("first-meeting", []),
    "session: typical": ("typical-session", []),
    "session: hands-on practice": ("hands-on-practice-session", []),
    "session: closing": ("closing-session", []),
    "session formats": ("session-formats", ["shadow", "virtual", "observe"]),
    "topic: generative AI": ("topic-generative-ai", []),
    "topic: social media and LinkedIn": ("topic-social-media", ["LinkedIn"]),
    "topic: short-form video": ("topic-short-form-video", []),
    "topic: collaboration tools and async": ("topic-collaboration-tools", ["async"]),
    "topic: data dashboards": ("topic-data-analytics", ["dashboard"]),
    "topic: cybersecurity": ("topic-cybersecurity", ["phishing"]),
    "topic: hybrid and remote work": ("topic-hybrid-work", ["remote"]),
    "topic: younger generations": ("topic-younger-generations", []),
    "topic: inclusion": ("topic-inclusion", ["under-represented"]),
    "reflection: Kolb": ("kolb-cycle", ["Kolb"]),
    "reflection: Gibbs": ("gibbs-cycle", ["Gibbs"]),
    "reflection: What? So what? Now what?": ("what-so-what-now-what", ["So what"]),
    "KPIs": ("kpis-for-reverse-mentoring", ["retention", "satisfaction"]),
    "survey design": ("survey-design", ["fit check", "mid-point"]),
    "interviews and check-ins": ("interviews-and-check-ins", []),
    "reading feedback themes": ("reading-feedback-themes", []),
    "case: NHS feasibility study": ("case-nhs-feasibility-study", ["Raju"]),
    "case: ReMEDI": ("case-remedi-guys-and-st-thomas", ["ReMEDI"]),
    "case: BNY Mellon Pershing": ("case-bny-mellon-pershing", ["96"]),
    "evidence and its limits": ("what-the-evidence-says", ["54"]),
    "safeguarding in a pair": ("safeguarding-in-a-pair", ["harassment", "crisis line"]),
    "disclosures": ("disclosures-and-confidentiality", ["restructure", "inside information"]),
    "speak-up routes": ("hr-unions-and-speak-up-routes", ["Speak Up guardian", "Public Interest Disclosure"]),
    "data protection": ("data-protection", ["DPIA", "special categor"]),
    "shadowing and confidential data": ("confidential-information-while-shadowing", ["patient", "insider"]),
    "releasing frontline and shift staff": ("releasing-frontline-staff", ["rota", "backfill", "shift"]),
    "neurodiversity in pairs": ("neurodiversity-in-pairs", ["diagnosis", "reasonable adjustments"]),
    "cross-cultural pairs": ("cross-cultural-pairs", ["pronunciation", "silence", "second language"]),
    "choosing mentors": ("selecting-and-preparing-mentors", ["volunteer", "line manager", "overload"]),
    "honest benefits": ("valuing-the-benefits-honestly", ["self-report", "sponsor", "baseline"]),
    "reciprocal mentoring": ("reciprocal-mentoring", ["reciprocal", "reverse mentoring", "inclusion"]),
}


@pytest.mark.parametrize("subject", sorted(REQUIRED))
def test_required_subject_has_an_article(subject: str) -> None:
    article_id, words = REQUIRED[subject]
    assert article_id in BY_ID, f"no article covers {subject!r} (expected id {article_id!r})"
    body = BY_ID[article_id].body.lower()
    for word in words:
        assert word.lower() in body, f"{article_id} should mention {word!r} for {subject!r}"


def test_size_and_collections_meet_the_minimums() -> None:
    stats = corpus_stats(CORPUS)
    assert stats["articles"] >= 45
    assert stats["words"] >= 25_000
    assert stats["starters"] >= 150
    assert stats["prompts"] >= 60


def test_starters_cover_every_purpose_and_prompts_every_framework_stage() -> None:
    stats = corpus_stats(CORPUS)["by"]
    assert set(stats["starters by purpose"]) == {
        "icebreaker",
        "deepen",
        "challenge-assumption",
        "reverse-the-lens",
    }
    stages = Counter(stats["prompts by framework stage"])
    assert len(stages) == 4 + 6 + 3, stages


def test_every_playbook_names_its_challenge() -> None:
    challenges = {c for a in CORPUS.articles if a.kind == "playbook" for c in a.front.challenges}
    assert {"resistance", "communication", "time"} <= challenges
