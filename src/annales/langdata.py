"""One checked way to load annales' data files: the language folders and the shared YAML files.

Every YAML file is read by :func:`read_yaml` and, where it has a schema, validated by
:func:`load` into a typed model (a :class:`DataModel`, which forbids unknown keys, so a
typo such as ``uniqe:`` is an error naming the file and the key instead of a silent
default). Language folders are looked up along a search path: the folders named in
``ANNALES_LANG_PATH`` (separated like ``PATH``) first, then the package's own
``data/lang``. Adding a language is adding a folder of data files.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Sequence
from importlib import resources
from pathlib import Path
from typing import Annotated, Any, TypeVar

import yaml
from pydantic import BaseModel, BeforeValidator, ConfigDict, ValidationError

from annales.errors import DataError

__all__ = [
    "DATA_DIR",
    "DataModel",
    "Word",
    "every_language",
    "lang_dirs",
    "lang_file",
    "languages",
    "load",
    "read_yaml",
    "union",
]

#: The package's data folder (shared files at its top, one folder per language under ``lang/``).
DATA_DIR = Path(str(resources.files("annales") / "data"))

#: The environment variable naming extra language folders, searched before the package's own.
LANG_PATH_VARIABLE = "ANNALES_LANG_PATH"

M = TypeVar("M", bound=BaseModel)


class DataModel(BaseModel):
    """Base of every data file's schema: unknown keys are errors, loaded values never change."""

    model_config = ConfigDict(extra="forbid", frozen=True)


def _as_text(value: Any) -> Any:
    if isinstance(value, bool):
        raise ValueError('YAML reads a bare yes, no, on or off as true or false: quote the word ("no")')
    return value if isinstance(value, str) else str(value)


#: A word of a data file's list. A number (a year) is kept as its text; a bare ``no``, ``on``, ``yes`` or
#: ``off``, which YAML 1.1 reads as a boolean, is an error asking for quotes: the English lexicon once held
#: ``negation: [.., no]`` and ``place_prepositions: [.., on]``, silently read as "False" and "True".
Word = Annotated[str, BeforeValidator(_as_text)]


def lang_dirs() -> tuple[Path, ...]:
    """The folders that hold language folders, in search order."""
    extra = [Path(p) for p in os.environ.get(LANG_PATH_VARIABLE, "").split(os.pathsep) if p]
    return (*extra, DATA_DIR / "lang")


def lang_file(lang: str, name: str) -> Path:
    """The path of ``name`` (e.g. ``time.yaml``) for ``lang``: the first folder on the search path that has it.

    When no folder has it, the path in the package's own folder is returned, so that the
    error raised on reading it names where the file was expected.
    """
    for folder in lang_dirs():
        path = folder / lang / name
        if path.is_file():
            return path
    return DATA_DIR / "lang" / lang / name


def languages() -> tuple[str, ...]:
    """Every language code with a data folder on the search path, sorted."""
    return tuple(sorted({p.name for folder in lang_dirs() if folder.is_dir() for p in folder.iterdir() if p.is_dir()}))


def every_language(name: str, model: type[M]) -> list[tuple[Path, M]]:
    """The file ``name`` of every language that has one, each validated into ``model``, with its path."""
    return [(path, load(path, model)) for lang in languages() if (path := lang_file(lang, name)).is_file()]


def union(files: Sequence[M], words: Callable[[M], Iterable[str]], fold: Callable[[str], str] = str.lower) -> frozenset[str]:
    """The words a field of every language's file lists, folded (lower case unless told otherwise): the
    vocabularies that are read whatever a document's language."""
    return frozenset(fold(word) for data in files for word in words(data))


def read_yaml(path: Path, *, hint: str | None = None) -> Any:
    """The parsed content of the YAML file at ``path``; a missing or unreadable file is a :class:`DataError`.

    ``hint`` replaces the error's advice (which by default is about annales' own data files).
    """
    if not path.is_file():
        raise DataError(f"{path} does not exist", hint=hint)
    try:
        return yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
        raise DataError(f"{path}: not valid UTF-8 YAML: {exc}", hint=hint) from exc


def load(path: Path, model: type[M], *, hint: str | None = None) -> M:
    """The YAML file at ``path`` validated into ``model``; every problem is named with its key.

    An empty file reads as an empty mapping. ``hint`` replaces the error's advice.
    """
    data = read_yaml(path, hint=hint)
    try:
        return model.model_validate({} if data is None else data)
    except ValidationError as exc:
        problems = "; ".join(_problem(error) for error in exc.errors())
        raise DataError(f"{path}: {problems}", hint=hint) from exc


def _problem(error: Any) -> str:
    where = ".".join(str(part) for part in error["loc"])
    message = "unknown key" if error["type"] == "extra_forbidden" else error["msg"]
    return f"key '{where}': {message}" if where else message
