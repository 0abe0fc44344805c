"""The organisation's own programme settings (contacts, rhythm, approved tools)."""
