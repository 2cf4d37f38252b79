"""The function-length check `make test` runs (scripts/long_functions.py)."""

import importlib.util
from pathlib import Path

SCRIPT = Path(__file__).resolve().parent.parent / "scripts" / "long_functions.py"


def _checker():
    spec = importlib.util.spec_from_file_location("long_functions", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.long_functions


def _function(name: str, lines: int) -> str:
    body = "".join(f"    x{i} = {i}\n" for i in range(lines - 2))
    return f"@decorated\ndef {name}():\n{body}    return 0\n"


def test_it_lists_a_function_over_the_limit_and_not_one_at_it(tmp_path):
    source = tmp_path / "module.py"
    source.write_text(_function("at_limit", 60) + _function("over_limit", 61))
    found = [(name, length) for _, _, name, length in _checker()([tmp_path], 60)]
    assert found == [("over_limit", 61)]


def test_it_skips_migrations(tmp_path):
    (tmp_path / "migrations").mkdir()
    (tmp_path / "migrations" / "0001_initial.py").write_text(_function("generated", 200))
    assert list(_checker()([tmp_path], 60)) == []
