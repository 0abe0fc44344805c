"""One Jinja2 environment for every template: StrictUndefined, no autoescape (plain text out)."""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from jinja2 import Environment, PackageLoader, StrictUndefined

# Words that start with a vowel letter but a consonant sound, and the reverse.
A_BEFORE = ("uni", "use", "usu", "eu", "one", "once", "ubi", "ut")
AN_BEFORE = ("hour", "honest", "honour", "honor", "heir")
VOWEL_SOUND_LETTERS = set("AEFHILMNORSX")  # letters whose names start with a vowel sound: "an HR lead"


def with_article(phrase: str) -> str:
    """'operations manager' -> 'an operations manager'; 'HR director' -> 'an HR director'."""
    words = phrase.split()
    if not words:
        return phrase
    first = words[0]
    if first.isupper() and len(first) <= 5 and first.isalpha():  # an acronym, read letter by letter
        vowel_sound = first[0] in VOWEL_SOUND_LETTERS
    else:
        lower = first.lower()
        vowel_sound = (lower[:1] in set("aeiou") and not lower.startswith(A_BEFORE)) or lower.startswith(
            AN_BEFORE
        )
    return f"{'an' if vowel_sound else 'a'} {phrase}"


@lru_cache
def environment() -> Environment:
    env = Environment(
        loader=PackageLoader("companion", "prompts"),
        undefined=StrictUndefined,
        autoescape=False,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=False,
    )
    env.filters["with_article"] = with_article
    return env


def render(name: str, **values: Any) -> str:
    """Render a template file; a missing value is an error, never an empty string."""
    return environment().get_template(name).render(**values).strip()


def phrases() -> Any:
    """The composer's phrase macros (prompts/composer/phrases.j2), as a module of callables."""
    return environment().get_template("composer/phrases.j2").module
