"""The JSON API: authentication by key, its routes and response documentation."""
