"""Safe output folders: every result is written whole, atomically, only where the user asked.

``run``, ``compare``, ``validate`` and the report writers all write through this module:

- **Where.** A result goes to the folder given with ``--out`` or, by default, under
  ``runs/`` in a folder named after the scenario with :func:`safe_name` (a scenario's
  ``name`` can never pick a path: ``../../x`` becomes ``x``). Folders inside the
  package or a ``scenarios/`` folder are refused, and so is any existing folder that
  holds files cartelsim did not write there.
- **Checked first.** :func:`check_folder` refuses an unusable folder (a file, read-only,
  missing permissions, a full disk) before any run starts, so no results are lost.
- **Whole or not at all.** :func:`result_folder` gives a private staging folder beside
  the target; only when every file is written and flushed to disk is it renamed into
  place, replacing a previous result whole (under a lock, so two writers never mix).
  On any failure (disk full, permission, interruption) the staging folder is removed
  and the previous result, if any, is untouched.

Failures raise :class:`OutputError`, one line for the user, never a traceback.
"""

from __future__ import annotations

import contextlib
import errno
import json
import os
import re
import shutil
import unicodedata
import uuid
from collections.abc import Iterator
from pathlib import Path

RUNS_DIR = Path("runs")
"""Default parent of result folders (relative to the working directory)."""
MARKER = ".cartelsim-output.json"
"""File in every result folder listing what cartelsim wrote there (kind and files)."""
LEGACY_OUTPUTS = frozenset(
    {
        "timeseries.csv",
        "events.csv",
        "regions.csv",
        "provenance.json",
        "summary.csv",
        "replications.parquet",
        "rules.csv",
        "figures",
        "report.html",
        "validation.csv",
        "validation.html",
    }
)
"""Files a result folder written before :data:`MARKER` existed may hold."""
MAX_NAME = 64
"""Longest folder name :func:`safe_name` returns."""
PROBE_BYTES = 4096
"""Bytes written (and removed) to prove a folder is writable before a run starts."""

_PACKAGE_DIR = Path(__file__).resolve().parent


class OutputError(Exception):
    """An output folder that cannot be used or written; the message is one line for the user."""


def safe_name(name: str, fallback: str = "scenario") -> str:
    """Turn any text (a scenario's name) into one safe folder name: no separators, dots or controls.

    Letters, digits, ``.``, ``_`` and ``-`` are kept; any other run of characters becomes
    one ``-``; leading dots and dashes are dropped, so the result is never ``..``, hidden
    or an option; at most :data:`MAX_NAME` characters.
    """
    text = unicodedata.normalize("NFKD", str(name)).encode("ascii", "ignore").decode("ascii")
    text = re.sub(r"[^A-Za-z0-9._-]+", "-", text).strip(".-")
    text = re.sub(r"\.{2,}", ".", text)[:MAX_NAME].rstrip(".-")
    return text or fallback


def default_folder(*names: str, prefix: str = "") -> Path:
    """The default result folder under :data:`RUNS_DIR`, e.g. ``runs/compare-a-b``."""
    joined = "-".join(safe_name(n) for n in names)
    return RUNS_DIR / safe_name(prefix + joined)


def _protected(path: Path) -> str | None:
    """Why ``path`` must never receive results (inside the package or a scenarios folder)."""
    if path == Path(path.anchor):
        return "is the root of the file system"
    with contextlib.suppress(OSError):
        if path == Path.home().resolve():
            return "is your home folder"
    if path == _PACKAGE_DIR or _PACKAGE_DIR in path.parents:
        return "is inside the cartelsim package"
    for folder in (path, *path.parents):
        if folder.name == "scenarios" and _holds_scenarios(folder):
            return "is in a scenarios folder (results never go beside scenario files)"
    return None


def _holds_scenarios(folder: Path) -> bool:
    try:
        return any(p.suffix.lower() in (".yaml", ".yml") for p in folder.iterdir())
    except OSError:
        return False


def _foreign_entry(folder: Path) -> str | None:
    """The first entry of an existing folder that cartelsim did not write, if any."""
    entries = sorted(p.name for p in folder.iterdir())
    if not entries:
        return None
    written: set[str] = set(LEGACY_OUTPUTS)
    marker = folder / MARKER
    if marker.is_file():
        try:
            written = set(json.loads(marker.read_text(encoding="utf-8"))["files"]) | {MARKER}
        except (OSError, ValueError, KeyError, TypeError):
            return MARKER + " (unreadable)"
    elif not {"provenance.json", "validation.csv"} & set(entries):
        return entries[0]
    return next((name for name in entries if name not in written), None)


def check_folder(out: str | os.PathLike[str]) -> Path:
    """Check, before any run, that ``out`` can receive a result; return it resolved.

    Creates missing parent folders and writes (then removes) a small probe file
    beside ``out``, so permissions and a full disk are found now, not after the runs.

    Raises:
        OutputError: ``out`` is protected, a file, holds files cartelsim did not
            write, or cannot be written.
    """
    shown = os.fspath(out)
    if not shown.strip() or "\0" in shown:
        raise OutputError(f"output folder {shown!r} is not a usable name")
    try:
        path = Path(out).expanduser().resolve()
    except (OSError, RuntimeError) as e:
        raise OutputError(f"output folder {shown}: {_reason(e)}") from None
    why = _protected(path)
    if why:
        raise OutputError(f"output folder {shown} {why}; choose another --out")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with _locked(path.parent):  # another writer may be swapping its result in
            if path.exists() and not path.is_dir():
                raise OutputError(f"output folder {shown} is a file; choose another --out")
            if path.is_dir():
                foreign = _foreign_entry(path)
                if foreign is not None:
                    raise OutputError(
                        f"output folder {shown} holds {foreign!r}, which cartelsim did not "
                        "write; choose another --out or empty it"
                    )
        probe = path.parent / f".{path.name}.probe-{uuid.uuid4().hex[:8]}"
        try:
            with open(probe, "xb") as fh:
                fh.write(b"\0" * PROBE_BYTES)
                fh.flush()
                os.fsync(fh.fileno())
        finally:
            with contextlib.suppress(OSError):
                probe.unlink()
    except OSError as e:
        raise OutputError(f"cannot write to output folder {shown}: {_reason(e)}") from None
    return path


@contextlib.contextmanager
def result_folder(out: str | os.PathLike[str], kind: str) -> Iterator[Path]:
    """Yield a private staging folder; on success it replaces ``out`` whole, on failure it vanishes.

    Args:
        out: the result folder (checked with :func:`check_folder`).
        kind: what the result is (``run``, ``comparison``, ``validation``), kept in
            :data:`MARKER`.

    Raises:
        OutputError: the folder cannot be used, or writing failed (the previous
            result, if any, is left as it was).
    """
    path = check_folder(out)
    shown = os.fspath(out)
    staging = path.parent / f".{path.name}.partial-{os.getpid()}-{uuid.uuid4().hex[:8]}"
    try:
        staging.mkdir()
    except OSError as e:
        raise OutputError(f"cannot write to output folder {shown}: {_reason(e)}") from None
    try:
        yield staging
        files = sorted(p.name for p in staging.iterdir())
        (staging / MARKER).write_text(
            json.dumps({"kind": kind, "files": files}, indent=2) + "\n", encoding="utf-8"
        )
        _sync_tree(staging)
        _replace(staging, path, shown)
    except OSError as e:
        raise OutputError(f"could not write the result to {shown}: {_reason(e)}") from None
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def write_text_atomic(path: str | os.PathLike[str], text: str) -> Path:
    """Write one file atomically: a temporary file beside it, flushed, then renamed over it."""
    target = Path(path)
    temp = target.with_name(f".{target.name}.partial-{uuid.uuid4().hex[:8]}")
    try:
        with open(temp, "x", encoding="utf-8") as fh:
            fh.write(text)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(temp, target)
    except OSError as e:
        with contextlib.suppress(OSError):
            temp.unlink()
        raise OutputError(f"could not write {os.fspath(path)}: {_reason(e)}") from None
    return target


def _sync_tree(folder: Path) -> None:
    """Flush every file of ``folder`` to disk, so a full disk fails here, not silently later."""
    for root, _dirs, names in os.walk(folder):
        for name in names:
            fd = os.open(os.path.join(root, name), os.O_RDONLY)
            try:
                os.fsync(fd)
            finally:
                os.close(fd)


def _replace(staging: Path, path: Path, shown: str) -> None:
    """Move ``staging`` to ``path``, replacing a previous result whole, under the parent's lock."""
    with _locked(path.parent):
        if path.is_dir():
            foreign = _foreign_entry(path)
            if foreign is not None:  # something else appeared there while we ran
                raise OutputError(
                    f"output folder {shown} now holds {foreign!r}, which cartelsim did not "
                    "write; the result was not written"
                )
            old = path.parent / f".{path.name}.old-{uuid.uuid4().hex[:8]}"
            os.rename(path, old)
            try:
                os.rename(staging, path)
            except OSError:
                os.rename(old, path)
                raise
            shutil.rmtree(old, ignore_errors=True)
        elif path.exists() or path.is_symlink():
            raise OutputError(f"output folder {shown} is now a file; the result was not written")
        else:
            os.rename(staging, path)
    _fsync_dir(path.parent)


@contextlib.contextmanager
def _locked(folder: Path) -> Iterator[None]:
    """Hold an exclusive lock on ``folder`` (POSIX ``flock`` on the directory itself)."""
    try:
        import fcntl
    except ImportError:  # Windows: renames are still atomic, writers are not serialised
        yield
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)  # closing releases the lock


def _fsync_dir(folder: Path) -> None:
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def _reason(e: BaseException) -> str:
    """One line for an OS error: its description, e.g. 'No space left on device'."""
    if isinstance(e, OSError):
        if e.errno == errno.ENOSPC:
            return "no space left on the disk"
        if e.strerror:
            return e.strerror[:1].lower() + e.strerror[1:]
    return str(e).splitlines()[0] if str(e) else type(e).__name__
