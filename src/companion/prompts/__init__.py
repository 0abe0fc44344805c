"""Jinja2 templates: the offline composer's phrases and the LLM provider's prompts."""
