"""Which of the organisation's own articles answers cite: a count per article for the admin page."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from companion.citations import Citation
from companion.db import Database
from companion.db.models import LocalGuidanceUse


@dataclass(frozen=True)
class Use:
    article_id: str
    answers: int
    last_cited_at: datetime


class GuidanceUsage:
    def __init__(self, database: Database) -> None:
        self.database = database

    def record(self, citations: list[Citation]) -> None:
        """Count one answer for each local article it cites (once per article)."""
        articles = sorted({citation.id.split("#", 1)[0] for citation in citations if citation.local})
        if not articles:
            return
        now = datetime.now(UTC)

        def work(session: Session) -> None:
            for article_id in articles:
                row = session.get(LocalGuidanceUse, article_id)
                if row is None:
                    session.add(LocalGuidanceUse(article_id=article_id, answers=1, last_cited_at=now))
                else:
                    row.answers += 1
                    row.last_cited_at = now

        self.database.write(work)

    def counts(self) -> list[Use]:
        def work(session: Session) -> list[Use]:
            rows = session.scalars(select(LocalGuidanceUse).order_by(LocalGuidanceUse.answers.desc()))
            return [Use(row.article_id, row.answers, row.last_cited_at) for row in rows]

        return self.database.read(work)
