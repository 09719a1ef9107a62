# The two commands of the README: `make demo` and `make test`. Each creates .venv on first use.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-dev
ASOF   := 2026-11-01
SPEC   := data/raw/kravspecifikation-it-tjanster.pdf

.PHONY: demo test lint setup browser benchmark model model-heldout clean

$(STAMP): setup.cfg pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

setup: $(STAMP)

demo: $(STAMP)
	$(BIN)/kravmatch extract $(SPEC) -o data/extracted
	$(BIN)/kravmatch screen data/raw/cvs --spec data/extracted/kravspecifikation-it-tjanster.json \
		--as-of $(ASOF) -o data/extracted/screening --format csv,json,xlsx
	$(BIN)/kravmatch report data/extracted/screening -o data/extracted/screening/report.html

lint: $(STAMP)
	$(BIN)/ruff check pipeline tests benchmarks
	$(BIN)/ruff format --check pipeline tests benchmarks
	$(BIN)/mypy pipeline

# The report's browser test drives Debian's chromium through its chromedriver (root installs it;
# browser downloads of test tools cannot reach the internet here).
browser:
	@command -v chromium >/dev/null && command -v chromedriver >/dev/null || \
		{ apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver >/dev/null; }

test: lint browser
	$(BIN)/pytest -q

benchmark: $(STAMP)
	$(BIN)/python benchmarks/bench_extract.py
	$(BIN)/python benchmarks/bench_screen.py
	$(BIN)/python benchmarks/bench_nlp.py

# Reproduce models/sv_pipeline from the UD Swedish-Talbanken files in ../shared/ud (both parts
# train the shipped model). `make model-heldout` trains on one part and scores the other, both
# ways round, with lemma accuracy per word class and on lower-cased and unpunctuated text.
UD      ?= ../shared/ud
CORPUS  := models/_train/corpus
TRAIN   := OMP_NUM_THREADS=1 $(BIN)/python -m spacy train models/train/config.cfg --code pipeline/nlp/components.py
EVAL    := $(BIN)/python -m pipeline.nlp.evaluate
$(CORPUS)/.done: $(STAMP)
	mkdir -p $(CORPUS)
	$(BIN)/python -m spacy convert $(UD)/sv_talbanken-ud-dev.conllu $(CORPUS) --converter conllu -n 10
	$(BIN)/python -m spacy convert $(UD)/sv_talbanken-ud-test.conllu $(CORPUS) --converter conllu -n 10
	touch $@

model: $(CORPUS)/.done
	$(BIN)/python -m pip install --quiet -e '.[model]'
	$(TRAIN) --paths.train $(CORPUS) --paths.dev $(CORPUS)/sv_talbanken-ud-dev.spacy -o models/_train/final
	rm -rf models/sv_pipeline && cp -r models/_train/final/model-best models/sv_pipeline
	cp $(UD)/LICENSE.txt models/sv_pipeline/LICENSE-Talbanken.txt
	$(EVAL) $(UD)/sv_talbanken-ud-dev.conllu --model models/sv_pipeline --baselines

# The two directions train in parallel (one core each); each model is scored as last trained.
model-heldout: $(CORPUS)/.done
	$(TRAIN) --paths.train $(CORPUS)/sv_talbanken-ud-test.spacy --paths.dev $(CORPUS)/sv_talbanken-ud-dev.spacy \
		-o models/_train/heldout-test > models/_train/heldout-test.log 2>&1 & \
	$(TRAIN) --paths.train $(CORPUS)/sv_talbanken-ud-dev.spacy --paths.dev $(CORPUS)/sv_talbanken-ud-test.spacy \
		-o models/_train/heldout-dev > models/_train/heldout-dev.log 2>&1 & \
	wait
	for d in "test dev" "dev test"; do set -- $$d; \
		echo "== trained on $$1, scored on $$2"; \
		$(EVAL) $(UD)/sv_talbanken-ud-$$2.conllu --model models/_train/heldout-$$1/model-last --per-class; \
		$(EVAL) $(UD)/sv_talbanken-ud-$$2.conllu --model models/_train/heldout-$$1/model-last --lower; \
		$(EVAL) $(UD)/sv_talbanken-ud-$$2.conllu --model models/_train/heldout-$$1/model-last --no-punct; \
	done

clean:
	rm -rf $(VENV) data/extracted/*.json data/extracted/*.csv data/extracted/screening
