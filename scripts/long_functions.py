"""List the functions longer than the house limit (60 lines), outside migrations.

`make test` runs it: a function that carries several steps should be split into named ones.
Lines are counted from the `def` (decorators excluded) to the function's last line.
Run: python scripts/long_functions.py [--max N] [paths…]; exits 1 when it lists any.
"""

import argparse
import ast
import sys
from pathlib import Path

SKIP_PARTS = {".venv", "migrations", "static", "node_modules", ".git"}


def long_functions(paths: list[Path], limit: int):
    for root in paths:
        files = [root] if root.is_file() else sorted(root.rglob("*.py"))
        for path in files:
            if SKIP_PARTS & set(path.parts):
                continue
            tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
            for node in ast.walk(tree):
                if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                    length = node.end_lineno - node.lineno + 1
                    if length > limit:
                        yield path, node.lineno, node.name, length


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--max", type=int, default=60, help="longest allowed (lines)")
    parser.add_argument("paths", nargs="*", type=Path, default=[Path(".")])
    args = parser.parse_args()
    found = list(long_functions(args.paths, args.max))
    for path, line, name, length in found:
        print(f"{path}:{line}: {name} is {length} lines (limit {args.max})")
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())
