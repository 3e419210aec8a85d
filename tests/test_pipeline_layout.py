"""End to end: a two-column PDF is read in column order and its claims cite the original text."""

from __future__ import annotations

from pathlib import Path

import pytest

from annales.pipeline import Options, process
from annales.stages.read import read

LEFT = [
    "In June 1812 the Grande Armee crossed",
    "the Niemen into Russia. Napoleon en-",
]
RIGHT = [
    "tered Moscow in September 1812, and",
    "the city burned for several days.",
]


def _two_column_pdf(path: Path) -> None:
    from fpdf import FPDF

    pdf = FPDF(format="A4")
    pdf.add_page()
    pdf.set_font("Helvetica", size=11)
    pdf.text(20, 20, "RUSSIAN CAMPAIGN NOTES")
    # Lines written row by row, so the text layer interleaves the two columns.
    for i, (left, right) in enumerate(zip(LEFT, RIGHT, strict=True)):
        y = 40 + i * 6
        pdf.text(20, y, left)
        pdf.text(110, y, right)
    pdf.output(str(path))


@pytest.mark.model
def test_pipeline_pdf_columns_are_read_in_order(tmp_path: Path) -> None:
    path = tmp_path / "columns.pdf"
    _two_column_pdf(path)
    doc = read(path)
    result = process(doc, Options(lang="en"))
    assert "Napoleon entered Moscow in September 1812" in result.repaired.text
    for claim in result.claims:
        assert doc.text[claim.span.start : claim.span.end] == claim.quote
    moves = [c for c in result.claims if c.predicate == "enter"]
    assert moves and moves[0].time is not None and moves[0].time.edtf == "1812-09"
