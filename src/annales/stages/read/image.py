"""Images (PNG, JPEG, TIFF) read by OCR, and the meta that sums up several OCR runs."""

from __future__ import annotations

from annales.errors import EmptyFileError
from annales.records import Document
from annales.stages.ocr import OcrResult, ocr_image
from annales.stages.read.media import make_document


def read_image(data: bytes, *, name: str, path: str, media_type: str) -> Document:
    """OCR an image file (a multi-page TIFF gives several pages, separated by form feeds)."""
    if not data:
        raise EmptyFileError(f"{name}: the file is empty")
    result = ocr_image(data, name=name)
    if not result.text.strip():
        raise EmptyFileError(
            f"{name}: OCR found no text in the image",
            hint="check the scan's quality; OCR reads printed text at 300 dpi best",
        )
    meta = [("pages", str(result.pages)), *result.meta]
    return make_document(
        result.text, name=name, path=path, media_type=media_type, encoding="ocr", meta=meta, layout=result.layout
    )


def ocr_meta(runs: list[OcrResult]) -> list[tuple[str, str]]:
    """The meta of several OCR runs (one a PDF page): languages, mean word confidence."""
    confidences = [c for run in runs for c in run.word_confidences]
    meta = [("ocr", "tesseract"), ("ocr_languages", "+".join(runs[0].languages))]
    if confidences:
        meta.append(("ocr_confidence", f"{sum(confidences) / len(confidences):.1f}"))
    if runs[0].missing_languages:
        meta.append(("ocr_missing_languages", "+".join(runs[0].missing_languages)))
    return meta
