"""Programme feedback: submission, import, redaction, themes, KPIs and the admin summary."""
