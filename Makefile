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
# train the shipped model; `make model-heldout` trains on the test part and scores the dev part).
UD      ?= ../shared/ud
CORPUS  := models/_train/corpus
$(CORPUS)/.done: $(STAMP)
	mkdir -p $(CORPUS)
	$(BIN)/python -m spacy convert $(UD)/sv_talbanken-ud-dev.conllu $(CORPUS) --converter conllu -n 10
	$(BIN)/python -m spacy convert $(UD)/sv_talbanken-ud-test.conllu $(CORPUS) --converter conllu -n 10
	touch $@

model: $(CORPUS)/.done
	$(BIN)/python -m pip install --quiet -e '.[model]'
	$(BIN)/python -m spacy train models/train/config.cfg --code pipeline/nlp/components.py \
		--paths.train $(CORPUS) --paths.dev $(CORPUS)/sv_talbanken-ud-dev.spacy -o models/_train/final
	rm -rf models/sv_pipeline && cp -r models/_train/final/model-best models/sv_pipeline
	$(BIN)/python -m pipeline.nlp.evaluate $(UD)/sv_talbanken-ud-dev.conllu --model models/sv_pipeline --baselines

model-heldout: $(CORPUS)/.done
	$(BIN)/python -m spacy train models/train/config.cfg --code pipeline/nlp/components.py \
		--paths.train $(CORPUS)/sv_talbanken-ud-test.spacy --paths.dev $(CORPUS)/sv_talbanken-ud-dev.spacy \
		-o models/_train/heldout
	$(BIN)/python -m pipeline.nlp.evaluate $(UD)/sv_talbanken-ud-dev.conllu --model models/_train/heldout/model-best --baselines

clean:
	rm -rf $(VENV) data/extracted/*.json data/extracted/*.csv data/extracted/screening
