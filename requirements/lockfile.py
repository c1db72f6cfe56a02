"""Keep requirements/*.txt in step with pyproject.toml.

    python requirements/lockfile.py stamp   # after `uv pip compile` (make lock does both)
    python requirements/lockfile.py check   # CI: fails when a lock no longer matches pyproject

The locks are compiled by uv from pyproject.toml. `stamp` writes, as the first line of each
lock, a SHA-256 of the dependency lists it was compiled from (requires-python, the runtime
dependencies and, for dev.txt, the dev extra: each list with whitespace removed and sorted, so
reordering or reformatting pyproject changes nothing). `check` recomputes it, offline and in
milliseconds, and also checks that every requirement in pyproject is pinned in the lock at a
version its specifier allows (which catches a hand-edited lock). Exit status 1 on a mismatch,
with what to run.
"""

import hashlib
import json
import re
import sys
import tomllib
from pathlib import Path

PROJECT_DIR = Path(__file__).resolve().parent.parent
PYPROJECT = PROJECT_DIR / "pyproject.toml"
LOCKS = {
    # lock file -> the extras it holds beside the runtime dependencies
    "base.txt": (),
    "dev.txt": ("dev",),
}
STAMP = "# pyproject-sha256: "
PIN = re.compile(r"^([A-Za-z0-9][A-Za-z0-9._-]*)(\[[^\]]*\])?==([^\s;\\]+)")


def normalize(requirements: list[str]) -> list[str]:
    return sorted(re.sub(r"\s+", "", requirement) for requirement in requirements)


def requirement_lists(extras: tuple[str, ...]) -> dict[str, object]:
    project = tomllib.loads(PYPROJECT.read_text())["project"]
    optional = project.get("optional-dependencies", {})
    return {
        "requires-python": project.get("requires-python", ""),
        "dependencies": normalize(project.get("dependencies", [])),
        **{f"extra:{name}": normalize(optional.get(name, [])) for name in extras},
    }


def digest(extras: tuple[str, ...]) -> str:
    canonical = json.dumps(requirement_lists(extras), sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(canonical.encode()).hexdigest()


def canonical_name(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def pins(lock_text: str) -> dict[str, str]:
    found = {}
    for line in lock_text.splitlines():
        match = PIN.match(line)
        if match:
            found[canonical_name(match.group(1))] = match.group(3)
    return found


def stamp() -> int:
    for name, extras in LOCKS.items():
        path = Path(__file__).resolve().parent / name
        lines = [line for line in path.read_text().splitlines() if not line.startswith(STAMP)]
        path.write_text("\n".join([STAMP + digest(extras), *lines]) + "\n")
        print(f"stamped requirements/{name}")
    return 0


def unsatisfied(lock_pins: dict[str, str], extras: tuple[str, ...]) -> list[str]:
    """Requirements of pyproject the lock does not pin at an allowed version."""
    from packaging.requirements import Requirement  # in the dev lock (pytest needs it)

    lists = requirement_lists(extras)
    problems = []
    for key, value in lists.items():
        if not key.startswith(("dependencies", "extra:")):
            continue
        assert isinstance(value, list)
        for text in value:
            requirement = Requirement(text)
            if requirement.marker is not None and not requirement.marker.evaluate():
                continue
            pinned = lock_pins.get(canonical_name(requirement.name))
            if pinned is None:
                problems.append(f"{requirement.name} is not in the lock")
            elif not requirement.specifier.contains(pinned, prereleases=True):
                problems.append(f"{requirement.name}=={pinned} does not satisfy {text}")
    return problems


def check() -> int:
    failures = []
    for name, extras in LOCKS.items():
        path = Path(__file__).resolve().parent / name
        if not path.exists():
            failures.append(f"requirements/{name} is missing")
            continue
        text = path.read_text()
        first = text.splitlines()[0] if text else ""
        if first != STAMP + digest(extras):
            failures.append(
                f"requirements/{name} was compiled from other dependency lists than "
                "pyproject.toml's"
            )
        failures += [
            f"requirements/{name}: {problem}" for problem in unsatisfied(pins(text), extras)
        ]
    if failures:
        print("The lock does not match pyproject.toml:", *failures, sep="\n  ")
        print("Run `make lock` and commit requirements/.")
        return 1
    print("lock matches pyproject.toml (" + ", ".join(f"requirements/{n}" for n in LOCKS) + ")")
    return 0


if __name__ == "__main__":
    commands = {"stamp": stamp, "check": check}
    if len(sys.argv) != 2 or sys.argv[1] not in commands:
        sys.exit(__doc__)
    sys.exit(commands[sys.argv[1]]())
