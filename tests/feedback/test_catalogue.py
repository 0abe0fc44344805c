"""The catalogue of feedback themes: read from the knowledge base, matched by meaning, honest
when nothing fits."""

from companion.feedback.catalogue import NO_ADVICE, Catalogue, parse_catalogue, readable_name


def test_every_kind_has_a_name_examples_and_an_action(kb_services) -> None:
    kinds = parse_catalogue(kb_services.chunks)
    names = [kind.name for kind in kinds]
    assert "Scheduling and cancellations" in names and "Positive themes" in names and len(kinds) >= 15
    for kind in kinds:
        assert kind.action.endswith(".") and "; see" not in kind.action and "[" not in kind.action, kind.name
        assert kind.examples or kind.name == "Positive themes"


def test_entries_about_cancellations_match_their_kind_and_nonsense_matches_none(kb_services) -> None:
    catalogue = Catalogue(parse_catalogue(kb_services.chunks), kb_services.themes_embedder)
    texts = [
        "Our sessions keep getting cancelled at the last minute by his PA.",
        "We rescheduled three times this month, the diary never works.",
        "She moved our meeting again, with an hour's notice.",
    ]
    kind, score = catalogue.match(kb_services.themes_embedder.embed(texts))
    assert kind is not None and kind.name == "Scheduling and cancellations" and score >= 0.5
    nothing, _ = catalogue.match(kb_services.themes_embedder.embed(["the canteen soup was cold", "parking"]))
    assert nothing is None
    assert catalogue.advice(None, positive=False) == (NO_ADVICE, None)
    action, source = catalogue.advice(kind, positive=True)  # a positive theme: keep and spread
    assert action.startswith("Spread what works") and source is not None


def test_a_theme_outside_the_catalogue_gets_a_readable_name() -> None:
    assert readable_name(["assistant", "showed", "use", "chatbot"]) == "Assistant and chatbot"
    assert readable_name(["said", "line manager", "asked"]) == "Line manager"
    assert readable_name(["said", "asked"]) == "Comments about “said”"
    assert readable_name([]) == "Other comments"
    assert "·" not in readable_name(["password manager", "time saver"])
