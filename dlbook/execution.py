"""Run the chapter notebooks once, into the book's execution cache (authoring tool; needs ``dlbook[authoring]``).

``python -m dlbook.execution [-j 2] [NN ...]`` executes each chapter in a fresh kernel and stores the executed
notebook in Jupyter Book's cache (``_build/.jupyter_cache``), with the same library (jupyter-cache), the same
hashing and the same execution call as myst-nb's ``execute_notebooks: cache``. ``make book`` then renders every
chapter from a cache hit, and the ``notebooks`` test tier (``tests/test_notebooks.py``) is this same run: a chapter
executes once whether the tests or the book get to it first.

A cached chapter counts only when its record was made with the same course package, backend, seed and library
versions (the *fingerprint* stored beside it): change ``dlbook`` and the next run executes the chapter again, even
though its own cells did not change (myst-nb alone would serve the stale pages). A failing chapter is not cached;
the error names the failing cell and shows its traceback.

Runs with another backend (``KERAS_BACKEND``) or seed (``DLBOOK_SEED``) go to a cache of their own, so they never
replace what the book shows.
"""

from __future__ import annotations

import argparse
import contextlib
import fcntl
import hashlib
import os
import sys
import time
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BOOK_CACHE = ROOT / "_build" / ".jupyter_cache"
SITE_BUILD_VARIABLE = (
    "DLBOOK_SITE_BUILD"  # widgets precompute the states the website shows (dlbook.widgets.base)
)
DEFAULT_BACKEND = "tensorflow"
# Modules no chapter imports (authoring tools): editing them does not make the chapters run again.
_AUTHORING = {"course.py", "exercises.py", "execution.py", "grade.py"}
_VERSIONED = (
    "keras",
    "tensorflow",
    "jax",
    "jaxlib",
    "numpy",
    "scikit-learn",
    "scipy",
    "matplotlib",
    "ipywidgets",
)


def chapters(names: list[str] | None = None) -> list[Path]:
    """The chapter notebooks, all or those whose file name starts with one of ``names`` ("04", "15_trans")."""
    paths = sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))
    if names:
        paths = [p for p in paths if any(p.stem.startswith(n) for n in names)]
    return paths


def backend() -> str:
    return os.environ.get("KERAS_BACKEND") or DEFAULT_BACKEND


def seed() -> str:
    return os.environ.get("DLBOOK_SEED", "").strip()


def cache_path() -> Path:
    """The book's cache for the default backend and seed; a cache of its own for any other run."""
    if backend() == DEFAULT_BACKEND and not seed():
        return BOOK_CACHE
    return BOOK_CACHE.with_name(f".jupyter_cache-{backend()}" + (f"-seed{seed()}" if seed() else ""))


def timeout() -> int:
    """The per-cell timeout of the book build (``execute.timeout`` in ``_config.yml``)."""
    import yaml

    config = yaml.safe_load((ROOT / "_config.yml").read_text())
    return int(config.get("execute", {}).get("timeout", 300))


def fingerprint() -> str:
    """What a chapter's outputs depend on besides its own cells: the course package, backend, seed, versions."""
    digest = hashlib.sha256()
    for path in sorted((ROOT / "dlbook").rglob("*")):
        if (
            path.is_file()
            and path.suffix in (".py", ".txt", ".json", ".npz")
            and "__pycache__" not in path.parts
            and path.name not in _AUTHORING
        ):
            digest.update(path.relative_to(ROOT).as_posix().encode())
            digest.update(path.read_bytes())
    digest.update(f"backend={backend()} seed={seed()}".encode())
    for name in _VERSIONED:
        with contextlib.suppress(metadata.PackageNotFoundError):
            digest.update(f"{name}=={metadata.version(name)}".encode())
    return digest.hexdigest()[:16]


@contextlib.contextmanager
def _locked(path: Path):
    """An exclusive lock between processes (pytest-xdist workers, ``make book``): one execution per chapter."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "w") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


@dataclass
class Run:
    """One chapter: ``cached`` when a valid record was already there (nothing executed), else its execution."""

    path: Path
    cached: bool
    seconds: float | None
    error: str | None = None
    notebook: object = None  # the executed notebook (nbformat), when it succeeded

    @property
    def ok(self) -> bool:
        return self.error is None


def _failure(path: Path, error: Exception) -> str:
    """The failing cell's error as nbclient reports it (the cell's source, then the traceback), without colours."""
    import re

    text = re.sub(r"\x1b\[[0-9;]*m", "", str(error))
    name = path.relative_to(ROOT) if path.is_relative_to(ROOT) else path
    return f"{name} failed ({type(error).__name__}):\n{text}"


def run(path: Path, force: bool = False, cache: Path | None = None) -> Run:
    """Make sure ``path`` has a valid executed record in the cache; execute it (once) when it has none.

    ``cache`` is the cache folder, by default :func:`cache_path` (the book's, for the default backend and seed).
    """
    import nbformat
    from jupyter_cache import get_cache
    from jupyter_cache.base import CacheBundleIn
    from jupyter_cache.cache.db import NbProjectRecord
    from nbclient import NotebookClient
    from nbclient.exceptions import CellExecutionError, CellTimeoutError, DeadKernelError

    path = Path(path).resolve()
    folder = Path(cache) if cache else cache_path()
    stamp = fingerprint()
    notebook = nbformat.read(path, as_version=4)
    with _locked(folder.parent / f"{folder.name}.locks" / f"{path.stem}.lock"):
        with _locked(folder.parent / f"{folder.name}.locks" / "db.lock"):
            cache = get_cache(str(folder))
            try:
                record = cache.match_cache_notebook(notebook)
            except KeyError:
                record = None
            if record is not None and not force and record.data.get("fingerprint") == stamp:
                return Run(
                    path,
                    cached=True,
                    seconds=record.data.get("execution_seconds"),
                    notebook=cache.merge_match_into_notebook(notebook)[1],
                )  # what myst-nb renders
            staged = cache.add_nb_to_project(str(path))
            NbProjectRecord.remove_tracebacks([staged.pk], cache.db)

        # As myst-nb's cache mode runs it (jupyter_cache.executors.utils.single_nb_execution): the notebook's
        # folder as working directory, errors not allowed, no cell timing; plus the site-build switch `make book`
        # sets, so that widgets precompute the states the website shows.
        limit = notebook.metadata.get("execution", {}).get("timeout", timeout())
        client = NotebookClient(
            notebook,
            timeout=limit,
            allow_errors=False,
            record_timing=False,
            resources={"metadata": {"path": str(path.parent)}},
        )
        start = time.perf_counter()
        error = None
        try:
            client.execute(env={**os.environ, SITE_BUILD_VARIABLE: "1"})
        except (CellExecutionError, CellTimeoutError, DeadKernelError) as exc:
            error = exc
        seconds = time.perf_counter() - start

        with _locked(folder.parent / f"{folder.name}.locks" / "db.lock"):
            if error is not None:
                NbProjectRecord.set_traceback(staged.uri, _failure(path, error), cache.db)
                return Run(path, cached=False, seconds=seconds, error=_failure(path, error))
            cache.cache_notebook_bundle(
                CacheBundleIn(
                    notebook,
                    staged.uri,
                    data={
                        "execution_seconds": seconds,
                        "fingerprint": stamp,
                        "backend": backend(),
                        "seed": seed(),
                    },
                ),
                check_validity=False,
                overwrite=True,
            )
    return Run(path, cached=False, seconds=seconds, notebook=notebook)


def records(folder: Path | None = None) -> dict[str, tuple[int, float]]:
    """``{notebook path: (record id, creation time)}`` of the cache: unchanged across a build that executed nothing."""
    from jupyter_cache import get_cache

    folder = folder or cache_path()
    if not folder.exists():
        return {}
    return {
        record.uri: (record.pk, record.created.timestamp())
        for record in get_cache(str(folder)).list_cache_records()
    }


def _run_in_pool(path: Path, force: bool) -> Run:
    result = run(path, force)
    result.notebook = None  # not sent back between processes
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m dlbook.execution", description=__doc__.split("\n\n")[0])
    parser.add_argument("names", nargs="*", help="chapter numbers or name prefixes (default: every chapter)")
    parser.add_argument("-j", "--jobs", type=int, default=2, help="chapters run side by side (default 2)")
    parser.add_argument(
        "--force", action="store_true", help="execute even when the cache holds a valid record"
    )
    args = parser.parse_args(argv)
    paths = chapters(args.names)
    if not paths:
        parser.error(f"no chapter matches {args.names}")
    print(
        f"Executing into {cache_path().relative_to(ROOT)} ({backend()}"
        + (f", seed {seed()}" if seed() else "")
        + f"), {args.jobs} at a time",
        flush=True,
    )

    from concurrent.futures import ProcessPoolExecutor

    failed = []
    with ProcessPoolExecutor(max_workers=max(1, args.jobs)) as pool:
        for result in pool.map(_run_in_pool, paths, [args.force] * len(paths)):
            how = "cached" if result.cached else f"executed in {result.seconds:.1f} s"
            print(f"  {result.path.stem}: {how if result.ok else 'FAILED'}", flush=True)
            if not result.ok:
                failed.append(result)
    for result in failed:
        print(f"\n{result.error}", file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
