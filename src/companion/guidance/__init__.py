"""Guidance: session agendas, conversation starters, challenge coaching and reflection prompts."""
