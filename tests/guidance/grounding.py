"""The grounding check shared by guidance tests: citations exist, quotes are in their files."""

from companion.guidance.schemas import Answer
from tests.conftest import REPO_ROOT


def assert_grounded(answer: Answer, chunk_ids: set[str]) -> None:
    assert answer.citations, "an answer must cite at least one passage"
    listed = {citation.id for citation in answer.citations}
    assert listed <= chunk_ids, listed - chunk_ids
    assert answer.referenced_ids() <= listed
    for citation in answer.citations:
        text = (REPO_ROOT / citation.source).read_text(encoding="utf-8")
        assert citation.quote and citation.quote in text, (citation.id, citation.quote)
