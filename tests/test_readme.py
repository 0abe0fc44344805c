"""The README stays true: its configuration table is the one generated from Settings."""

from companion.config import settings_table
from tests.conftest import REPO_ROOT


def test_readme_configuration_table_matches_settings() -> None:
    readme = (REPO_ROOT / "README.md").read_text(encoding="utf-8")
    start = readme.index("<!-- settings-table:start -->") + len("<!-- settings-table:start -->")
    end = readme.index("<!-- settings-table:end -->")
    assert readme[start:end].strip() == settings_table(), (
        "README.md's configuration table is stale: replace it with the output of "
        "`companion config --markdown`"
    )


def test_readme_shows_the_two_commands() -> None:
    readme = (REPO_ROOT / "README.md").read_text(encoding="utf-8")
    assert "make serve" in readme
    assert "make test" in readme
