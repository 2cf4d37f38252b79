PYTHON ?= .venv/bin/python

.PHONY: bench

bench:  ## Time the scoring engine: prints figures, asserts nothing
	$(PYTHON) bench/bench_scoring.py
