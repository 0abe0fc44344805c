"""The feedback service: what the API and the CLI call to submit, import and summarise."""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from datetime import UTC, date, datetime
from typing import TypeVar

import numpy as np

from companion.citations import cite
from companion.feedback import themes
from companion.feedback.catalogue import Catalogue, parse_catalogue
from companion.feedback.choices import (
    Choice,
    ThemeChoiceError,
    ThemeChoiceStore,
    apply_merges,
    clean_name,
    names_by_label,
)
from companion.feedback.drilldown import Filters, ThemeEntries, theme_entries
from companion.feedback.export import to_csv
from companion.feedback.kpis import compute_kpis
from companion.feedback.parsing import ParsedRow, parse_feedback_file
from companion.feedback.redaction import redact
from companion.feedback.repository import ProgrammeRepository, StoredFeedback
from companion.feedback.schemas import (
    FeedbackIn,
    FeedbackOut,
    ImportReport,
    Rejected,
    SessionIn,
    SessionsReport,
    Summary,
    Theme,
    ThemeChoiceOut,
)
from companion.feedback.sessions_import import parse_sessions_file
from companion.feedback.summary import OTHER, build_theme, executive_summary, fold_small, merge_by_kind
from companion.feedback.theme_namer import ThemeNamer
from companion.rag.chunking import Chunk
from companion.rag.embeddings import Embedder
from companion.rag.retriever import HybridRetriever

log = logging.getLogger(__name__)
EMBED_BATCH = 256


T = TypeVar("T")


def _resolve(value: T | Callable[[], T]) -> T:
    """A component, or the function that gives it when first needed (so that recording one row
    never loads the embedding models or builds the index)."""
    return value() if callable(value) else value


class FeedbackService:
    def __init__(
        self,
        repository: ProgrammeRepository,
        retriever: HybridRetriever | Callable[[], HybridRetriever],
        embedder: Embedder | Callable[[], Embedder],
        namer: ThemeNamer | None = None,
        max_import_rows: int = 50_000,
        today: Callable[[], date] = lambda: datetime.now(UTC).date(),
        theme_resolution: float = 1.0,
    ) -> None:
        self.repository = repository
        self.choices = ThemeChoiceStore(repository.database)
        self._retriever = retriever
        self._embedder = embedder  # for themes; the retriever keeps its own for recommendations
        self.namer = namer
        self.max_import_rows = max_import_rows
        self.theme_resolution = theme_resolution
        self.today = today
        # The summary is computed one at a time and kept until the data changes (data_version).
        self._summary_lock = threading.Lock()
        self._summary_cache: tuple[tuple[object, ...], date, Summary] | None = None
        self._catalogue: Catalogue | None = None

    @property
    def retriever(self) -> HybridRetriever:
        return _resolve(self._retriever)

    @property
    def embedder(self) -> Embedder:
        return _resolve(self._embedder)

    @property
    def catalogue(self) -> Catalogue:
        """The catalogue of theme kinds, its cards embedded once (not on every new summary)."""
        if self._catalogue is None:
            self._catalogue = Catalogue(parse_catalogue(self.retriever.chunks), self.embedder)
        return self._catalogue

    def submit(self, entry: FeedbackIn, author_key_id: int | None = None, participant: bool = False) -> str:
        return self.repository.add_feedback(entry, author_key_id=author_key_id, participant=participant)

    def export_csv(self) -> str:
        return to_csv(self.repository.feedback())

    def entry(self, feedback_id: str, author_key_id: int | None = None) -> FeedbackOut | None:
        return self.repository.entry(feedback_id, author_key_id)

    def add_session(self, meeting: SessionIn) -> bool:
        return self.repository.add_session(meeting)

    def import_sessions(self, filename: str, content: bytes) -> SessionsReport:
        """Record the meetings of a sessions file (pair, date, topic, minutes); report the rows
        that cannot be read. Raises ImportFileError when the file as a whole cannot be read."""
        valid, rejected = parse_sessions_file(filename, content, self.max_import_rows, today=self.today())
        added = sum(self.repository.add_session(meeting) for meeting in valid)
        return SessionsReport(imported=added, duplicates=len(valid) - added, rejected=rejected)

    def import_file(self, filename: str, content: bytes) -> ImportReport:
        """Store the valid rows of a survey export (all or none of them), report the others.
        Raises ImportFileError when the file as a whole cannot be read."""
        rows = parse_feedback_file(filename, content, self.max_import_rows, today=self.today())
        valid = [row.entry for row in rows if isinstance(row, ParsedRow)]
        rejected = [row for row in rows if isinstance(row, Rejected)]
        imported, duplicates = self.repository.import_feedback(valid, source=f"import:{filename}")
        # Reading the answers with the themes model is the slow part: a background job does it
        # (JobRunner.embed_feedback); a summary asked for before then reads what is missing itself.
        return ImportReport(imported=imported, duplicates=duplicates, rejected=rejected)

    def unembedded_count(self) -> int:
        """Answers the themes model has not read yet."""
        have = self.repository.embedded_ids(self.embedder.model_id)
        return sum(1 for entry in self.repository.feedback() if entry.id not in have)

    def embed_missing(
        self, progress: Callable[[int, int], None], stop: threading.Event | None = None
    ) -> bool:
        """Read every answer not read yet, in batches, calling progress(done, total) after each;
        answers imported meanwhile are read too. False when `stop` was set between batches."""
        model = self.embedder.model_id
        done = 0
        while True:
            have = self.repository.embedded_ids(model)
            missing = [entry for entry in self.repository.feedback() if entry.id not in have]
            # Texts of similar length share a batch, so that little of the model's work is padding.
            missing.sort(key=lambda entry: len(entry.text))
            total = done + len(missing)
            progress(done, total)
            if not missing:
                return True
            for start in range(0, len(missing), EMBED_BATCH):
                if stop is not None and stop.is_set():
                    return False
                batch = missing[start : start + EMBED_BATCH]
                vectors = self.embedder.embed([entry.text for entry in batch])
                self.repository.store_embeddings(
                    model, {entry.id: vector for entry, vector in zip(batch, vectors, strict=True)}
                )
                done += len(batch)
                progress(done, total)

    def embeddings(self, entries: list[StoredFeedback]) -> np.ndarray:
        """The entries' embeddings, computing and storing only the ones not stored yet."""
        model = self.embedder.model_id
        stored = self.repository.embeddings(model, [entry.id for entry in entries])
        missing = [entry for entry in entries if entry.id not in stored]
        for start in range(0, len(missing), EMBED_BATCH):
            batch = missing[start : start + EMBED_BATCH]
            vectors = self.embedder.embed([entry.text for entry in batch])
            fresh = {entry.id: vector for entry, vector in zip(batch, vectors, strict=True)}
            self.repository.store_embeddings(model, fresh)
            stored.update(fresh)
        if not entries:
            return np.zeros((0, 0), dtype=np.float32)
        return np.vstack([stored[entry.id] for entry in entries])

    def cached_summary(self) -> Summary | None:
        """Today's summary when one is already computed for the current data, else None: for
        pages that show it in passing and must not wait for themes to be computed."""
        cached = self._summary_cache
        version = (*self.repository.data_version(), *self.choices.version())
        if cached is None or cached[:2] != (version, self.today()):
            return None
        return cached[2].model_copy(deep=True)

    def summary(self, as_of: date | None = None) -> Summary:
        """Themes, KPIs and recommendations. Computed by one request at a time: others wait and
        get the same result, which is kept until feedback, sessions or pairs change."""
        as_of = as_of or self.today()
        with self._summary_lock:
            version = (*self.repository.data_version(), *self.choices.version())
            cached = self._summary_cache
            if cached is None or cached[:2] != (version, as_of):
                cached = (version, as_of, self._compute_summary(as_of))
                self._summary_cache = cached
            return cached[2].model_copy(deep=True)

    def theme_entries(self, number: int, filters: Filters) -> ThemeEntries | None:
        """The entries of the summary's theme `number` (1 is the first listed), or None."""
        themes = self.summary().themes
        if not 1 <= number <= len(themes):
            return None
        return theme_entries(themes[number - 1], self.repository.feedback(), filters)

    def _compute_summary(self, as_of: date) -> Summary:
        entries = self.repository.feedback()
        pairs, sessions = self.repository.pair_activity()
        kpis = compute_kpis(entries, pairs, sessions, self.repository.pair_names(), as_of)
        if not entries:
            return Summary(
                total=0,
                themes=[],
                kpis=kpis,
                citations=[],
                executive_summary="No feedback has been stored yet.",
            )
        vectors = self.embeddings(entries)
        texts = [entry.text for entry in entries]
        labels = fold_small(themes.cluster(vectors, texts, resolution=self.theme_resolution), vectors)
        catalogue = self.catalogue
        labels, kinds = merge_by_kind(labels, vectors, catalogue)
        ids = [entry.id for entry in entries]
        choices = self.choices.active()
        labels, merges = apply_merges(labels, ids, choices)
        # ten for naming a theme outside the catalogue; the first five are shown (build_theme)
        words = themes.keywords([redact(entry.text) for entry in entries], labels, top=10)
        found: list[Theme] = []
        found_labels: list[int] = []
        sources: list[Chunk] = []
        for label in sorted(set(labels.tolist()), key=lambda c: (c == OTHER, -int((labels == c).sum()))):
            members = [index for index, value in enumerate(labels.tolist()) if value == label]
            theme, source = build_theme(
                label, members, entries, vectors, words.get(label, []), catalogue, kinds.get(label)
            )
            found.append(theme)
            found_labels.append(label)
            if source is not None:
                sources.append(source)
        summary = Summary(
            total=len(entries),
            themes=found,
            kpis=kpis,
            executive_summary=executive_summary(len(entries), found, as_of),
            citations=cite(sources),
        )
        summary = self.namer.name(summary) if self.namer else summary
        named = names_by_label(labels, ids, choices)
        for theme, label in zip(summary.themes, found_labels, strict=True):
            if (choice := named.get(label)) is not None and choice.name:
                theme.suggested_label, theme.label, theme.admin_choice = theme.label, choice.name, choice.id
        summary.choices_applied = sorted({*merges, *(choice.id for choice in named.values())})
        if named and summary.provider == "offline":
            summary.executive_summary = executive_summary(len(entries), summary.themes, as_of)
        return summary

    # Admins' choices about the themes ---------------------------------------------------------
    def rename_theme(
        self, number: int, name: str, chosen_by: str, current_label: str | None = None
    ) -> ThemeChoiceOut:
        """Name the summary's theme `number` (1 is the first listed); the name stays with the theme's
        entries through re-imports and re-clustering. Raises ThemeChoiceError."""
        name = clean_name(name)
        theme = self._theme_to_change(number, current_label)
        taken = {other.label.casefold() for other in self.summary().themes if other is not theme}
        if name.casefold() in taken:
            raise ThemeChoiceError(f"Another theme is already called “{name}”: merge the two instead.", 409)
        choice = self.choices.add("rename", self._member_ids(theme), theme.label, chosen_by, name=name)
        log.info("theme choice %d: %s renamed “%s” to “%s”", choice.id, chosen_by, theme.label, name)
        return self._choice_out(choice)

    def merge_themes(self, numbers: list[int], chosen_by: str, name: str | None = None) -> ThemeChoiceOut:
        """Read the summary's themes `numbers` (two of them) as one, named `name` or as the larger
        one. Raises ThemeChoiceError."""
        if len(set(numbers)) != 2:
            raise ThemeChoiceError("Choose two different themes to merge.")
        first, second = (self._theme_to_change(number) for number in numbers)
        if second.count > first.count:
            first, second = second, first
        choice = self.choices.add(
            "merge",
            self._member_ids(first),
            f"{first.label} + {second.label}",
            chosen_by,
            name=clean_name(name) if name else None,
            other_members=self._member_ids(second),
        )
        log.info("theme choice %d: %s merged “%s” into “%s”", choice.id, chosen_by, second.label, first.label)
        return self._choice_out(choice)

    def theme_choices(self) -> list[ThemeChoiceOut]:
        """Every choice, newest first, undone ones included, each saying whether it applies now."""
        return [self._choice_out(choice) for choice in reversed(self.choices.all())]

    def undo_theme_choice(self, choice_id: int, undone_by: str) -> ThemeChoiceOut:
        choice = self.choices.undo(choice_id)
        log.info("theme choice %d undone by %s", choice_id, undone_by)
        return self._choice_out(choice)

    def _theme_to_change(self, number: int, current_label: str | None = None) -> Theme:
        found = self.summary().themes
        if not 1 <= number <= len(found):
            raise ThemeChoiceError(f"There is no theme {number}: the summary has {len(found)}.", 404)
        theme = found[number - 1]
        if current_label is not None and theme.label != current_label:
            raise ThemeChoiceError(
                f"The themes have changed: theme {number} is now “{theme.label}”. Open them again.", 409
            )
        if theme.label == "Other" and theme.admin_choice is None:
            raise ThemeChoiceError(
                "“Other” holds the entries that fit no theme; it cannot be renamed or merged.", 409
            )
        return theme

    def _member_ids(self, theme: Theme) -> set[str]:
        public = set(theme.feedback_ids)
        return {entry.id for entry in self.repository.feedback() if entry.public_id in public}

    def _choice_out(self, choice: Choice) -> ThemeChoiceOut:
        return ThemeChoiceOut(
            id=choice.id,
            action=choice.action,  # type: ignore[arg-type]
            name=choice.name,
            label_then=choice.label_then,
            entries=len(choice.members | choice.other_members),
            chosen_by=choice.chosen_by,
            created_at=choice.created_at,
            undone_at=choice.undone_at,
            applied=choice.id in self.summary().choices_applied,
        )
