"""One catalogue of the errors annales reports to people.

Each error has a code, says what happened to which file or value, and what to
do about it. The CLI prints ``str(error)``; the exit codes are in ``cli.py``.
"""

from __future__ import annotations


class AnnalesError(Exception):
    """Base class: ``code`` is stable, the message names the file or value."""

    code = "E000"
    hint = ""

    def __init__(self, message: str, *, hint: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        if hint is not None:
            self.hint = hint

    def __str__(self) -> str:
        text = f"[{self.code}] {self.message}"
        return f"{text} — {self.hint}" if self.hint else text


class ReadError(AnnalesError):
    """A file could not be read into a document."""

    code = "E100"
    hint = "check the file, or convert it to UTF-8 text, HTML or PDF"


class NotFoundError(ReadError):
    code = "E101"
    hint = "check the path"


class EmptyFileError(ReadError):
    code = "E102"
    hint = "the file holds no text; nothing was ingested from it"


class BinaryFileError(ReadError):
    code = "E103"
    hint = "annales reads text, Markdown, HTML, PDF and image (PNG, JPEG, TIFF) files; convert this file first"


class EncodingError(ReadError):
    code = "E104"
    hint = "re-save the file as UTF-8"


class MalformedFileError(ReadError):
    code = "E105"
    hint = "the file is damaged or not what its extension says; re-export it"


class TooLargeError(ReadError):
    code = "E106"
    hint = "split the file, or raise the limit with --max-bytes"


class UnsupportedFormatError(ReadError):
    code = "E107"
    hint = "annales reads .txt, .md, .html, .htm, .pdf, .png, .jpg, .jpeg, .tif and .tiff files"


class ModelMissingError(AnnalesError):
    code = "E200"
    hint = "run `make setup` to install the language models"


class StoreError(AnnalesError):
    code = "E300"
    hint = "check that the database path is writable and is an annales database"


class UsageError(AnnalesError):
    code = "E400"
    hint = "see `annales --help`"


class DataError(AnnalesError):
    """Language data (YAML) is missing or does not match its schema."""

    code = "E500"
    hint = "fix the language data file named above"
