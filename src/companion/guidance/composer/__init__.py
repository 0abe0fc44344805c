"""The offline composer: deterministic, grounded answers built from retrieved passages."""
