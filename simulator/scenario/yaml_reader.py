"""Reading scenario YAML safely: input limits, YAML 1.2 scalars, duplicate keys, line numbers.

A scenario file may come from anyone (a shared link, a classroom folder), so reading it
must never hang, exhaust memory or echo what it holds. This module is the only place that
opens or parses scenario YAML, and it enforces, before and while parsing:

- only regular files (no directories, FIFOs, devices), at most :data:`MAX_FILE_BYTES`;
- nesting at most :data:`MAX_DEPTH` levels deep; at most :data:`MAX_ALIASES` aliases and
  :data:`MAX_NODES` nodes once aliases are counted as expanded (the "billion laughs"
  document is refused before anything walks it); no recursive aliases;
- duplicate mapping keys are errors naming both lines;
- YAML 1.2 core-schema scalars: only ``true``/``false`` are booleans, numbers are
  decimal (with optional ``_`` digit separators), ``.inf``/``.nan`` are floats (which the
  schema then refuses); ``010`` is ten; ``yes``, ``on``, ``1:00``, ``0x10``, ``0o10`` and
  dates stay text.

Every problem is a :class:`~simulator.scenario.errors.ScenarioError` at a file and line.
"""

from __future__ import annotations

import os
import re
import stat
from collections.abc import Iterator
from typing import Any

import yaml

from simulator.scenario.errors import Problem, ScenarioError, format_path

FieldPath = tuple[str | int, ...]
Where = tuple[str, int | None]
Lines = dict[FieldPath, Where]
Registry = dict[int, tuple[Any, Any]]

MAX_FILE_BYTES = 2_000_000
"""Largest scenario file read, in bytes (the largest shipped scenario is about 6 kB)."""
MAX_DEPTH = 64
"""Deepest nesting of mappings and lists, aliases expanded (shipped scenarios: 5)."""
MAX_ALIASES = 200
"""Most ``*alias`` references in one document."""
MAX_NODES = 250_000
"""Most YAML nodes in one document once aliases are counted as expanded."""
SCENARIO_SUFFIXES = (".yaml", ".yml")
"""The only file types ``extends`` may name."""


def _error(file: str, line: int | None, message: str, path: FieldPath = ()) -> ScenarioError:
    return ScenarioError([Problem(file, line, format_path(path), message)])


# --- files ---------------------------------------------------------------------------------------


def check_file_name(name: str, file: str, line: int | None, path: FieldPath = ()) -> None:
    """Refuse a file name that cannot name a file: empty, or holding NUL or control characters."""
    if not name.strip():
        raise _error(file, line, "no file name given", path)
    if any(ord(ch) < 32 for ch in name):
        raise _error(file, line, "file name contains a control character", path)


def read_file_text(path: str | os.PathLike[str], shown: str) -> str:
    """Return the text of a scenario file, refusing anything but a regular UTF-8 file of bounded size.

    The file is opened without blocking (a FIFO does not hang) and checked with
    ``fstat`` on the open descriptor, so what is read is what was checked. At most
    :data:`MAX_FILE_BYTES` + 1 bytes are ever read, whatever the file claims.
    """
    check_file_name(os.fspath(path), shown, None)
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except FileNotFoundError:
        hint = ""
        if ":" in os.fspath(path):
            hint = " (to load YAML text, pass text with a newline or use load_scenario_text)"
        raise _error(shown, None, "file not found" + hint) from None
    except IsADirectoryError:
        raise _error(shown, None, "is a directory, not a scenario file") from None
    except OSError as e:
        raise _error(shown, None, f"cannot read file: {e.strerror or e}") from None
    try:
        info = os.fstat(fd)
        if stat.S_ISDIR(info.st_mode):
            raise _error(shown, None, "is a directory, not a scenario file")
        if not stat.S_ISREG(info.st_mode):
            raise _error(shown, None, "is not a regular file (a device, FIFO or socket)")
        if info.st_size > MAX_FILE_BYTES:
            raise _error(shown, None, _too_big(info.st_size))
        with os.fdopen(fd, "rb", closefd=True) as fh:
            fd = -1
            data = fh.read(MAX_FILE_BYTES + 1)
    except OSError as e:
        raise _error(shown, None, f"cannot read file: {e.strerror or e}") from None
    finally:
        if fd >= 0:
            os.close(fd)
    if len(data) > MAX_FILE_BYTES:
        raise _error(shown, None, _too_big(len(data)))
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as e:
        line = data.count(b"\n", 0, e.start) + 1
        raise _error(shown, line, "is not UTF-8 text (a binary file?)") from None


def _too_big(size: int) -> str:
    return f"file is {size:,} bytes; scenario files are limited to {MAX_FILE_BYTES:,} bytes"


def check_text_size(text: str, shown: str) -> None:
    """Refuse YAML text larger than a file may be (text from the dashboard or Python)."""
    if len(text) > MAX_FILE_BYTES:
        raise _error(shown, None, _too_big(len(text.encode("utf-8", "replace"))))


# --- parsing -------------------------------------------------------------------------------------


class LimitExceeded(Exception):
    """Raised inside the parser when a document breaks a limit; becomes a problem at ``line``."""

    def __init__(self, line: int | None, message: str) -> None:
        super().__init__(message)
        self.line = line
        self.message = message


class _Resolver(yaml.resolver.BaseResolver):
    """YAML 1.2 core-schema resolution of plain scalars (no YAML 1.1 booleans, octals, sexagesimals)."""


_Resolver.add_implicit_resolver(
    "tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF")
)
_Resolver.add_implicit_resolver(
    "tag:yaml.org,2002:int", re.compile(r"^[-+]?[0-9](?:_?[0-9])*$"), list("-+0123456789")
)
_Resolver.add_implicit_resolver(
    "tag:yaml.org,2002:float",
    re.compile(
        r"""^(?:[-+]?(?:\.[0-9](?:_?[0-9])*|[0-9](?:_?[0-9])*(?:\.(?:[0-9](?:_?[0-9])*)?)?)
             (?:[eE][-+]?[0-9]+)?
           |[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$""",
        re.X,
    ),
    list("-+0123456789."),
)
_Resolver.add_implicit_resolver(
    "tag:yaml.org,2002:null", re.compile(r"^(?:~|null|Null|NULL|)$"), ["~", "n", "N", ""]
)
_Resolver.add_implicit_resolver("tag:yaml.org,2002:merge", re.compile(r"^<<$"), ["<"])


class _Loader(
    yaml.reader.Reader,
    yaml.scanner.Scanner,
    yaml.parser.Parser,
    yaml.composer.Composer,
    yaml.constructor.SafeConstructor,
    _Resolver,
):
    """Safe YAML loader that enforces the limits and records the line of every key and item.

    ``registry`` maps ``id(container)`` to the container (kept alive so ids stay
    unique) and its lines: ``{key: line}`` for mappings, ``[line, ...]`` for sequences.
    ``duplicates`` collects ``(key, first line, line)`` of repeated mapping keys.
    """

    def __init__(self, stream: str) -> None:
        yaml.reader.Reader.__init__(self, stream)
        yaml.scanner.Scanner.__init__(self)
        yaml.parser.Parser.__init__(self)
        yaml.composer.Composer.__init__(self)
        yaml.constructor.SafeConstructor.__init__(self)
        _Resolver.__init__(self)
        self.registry: Registry = {}
        self.duplicates: list[tuple[Any, int, int]] = []
        self._depth = 0
        self._aliases = 0

    def compose_node(self, parent: Any, index: Any) -> Any:
        if self.check_event(yaml.AliasEvent):
            self._aliases += 1
            if self._aliases > MAX_ALIASES:
                line = self.peek_event().start_mark.line + 1
                raise LimitExceeded(line, f"more than {MAX_ALIASES} aliases (*name)")
        self._depth += 1
        try:
            if self._depth > MAX_DEPTH:
                line = self.peek_event().start_mark.line + 1
                raise LimitExceeded(line, f"nested more than {MAX_DEPTH} levels deep")
            return super().compose_node(parent, index)
        finally:
            self._depth -= 1

    def _map(self, node: yaml.MappingNode) -> Iterator[dict[Any, Any]]:
        data: dict[Any, Any] = {}
        yield data
        first: dict[Any, int] = {}
        for key_node, _ in node.value:
            if key_node.tag == "tag:yaml.org,2002:merge":
                continue
            key = self.construct_object(key_node)
            line = key_node.start_mark.line + 1
            try:
                if key in first:
                    self.duplicates.append((key, first[key], line))
                else:
                    first[key] = line
            except TypeError:  # unhashable key: construct_mapping reports it
                pass
        data.update(self.construct_mapping(node))  # flattens `<<` merges into node.value
        keys = {self.construct_object(k): k.start_mark.line + 1 for k, _ in node.value}
        self.registry[id(data)] = (data, keys)

    def _seq(self, node: yaml.SequenceNode) -> Iterator[list[Any]]:
        data: list[Any] = []
        yield data
        data.extend(self.construct_sequence(node))
        self.registry[id(data)] = (data, [n.start_mark.line + 1 for n in node.value])


# The stubs only know PyYAML's own loader classes; _Loader is assembled from the same parts.
_Loader.add_constructor("tag:yaml.org,2002:map", _Loader._map)  # type: ignore[type-var]
_Loader.add_constructor("tag:yaml.org,2002:seq", _Loader._seq)  # type: ignore[type-var]


def _check_expansion(root: yaml.Node) -> None:
    """Refuse a node graph that is recursive, or too large or deep once aliases are expanded.

    Aliases make the graph a DAG whose expansion can be exponential in its size; this
    counts the expansion with one memoised, iterative walk, never expanding it.
    """
    size: dict[int, int] = {}
    depth: dict[int, int] = {}
    on_path: set[int] = set()
    stack: list[tuple[yaml.Node, bool]] = [(root, False)]
    while stack:
        node, done = stack.pop()
        key = id(node)
        children = _children(node)
        if done:
            on_path.discard(key)
            size[key] = 1 + sum(size[id(c)] for c in children)
            depth[key] = 1 + max((depth[id(c)] for c in children), default=0)
            if size[key] > MAX_NODES:
                raise LimitExceeded(
                    node.start_mark.line + 1,
                    f"expands to more than {MAX_NODES:,} values (aliases counted as copies)",
                )
            if depth[key] > MAX_DEPTH:
                raise LimitExceeded(
                    node.start_mark.line + 1,
                    f"nested more than {MAX_DEPTH} levels deep once aliases are expanded",
                )
            continue
        if key in size:
            continue
        if key in on_path:
            raise LimitExceeded(
                node.start_mark.line + 1, "recursive alias (a value contains itself)"
            )
        on_path.add(key)
        stack.append((node, True))
        stack.extend((c, False) for c in children if id(c) not in size)
        for c in children:
            if id(c) in on_path:
                raise LimitExceeded(
                    c.start_mark.line + 1, "recursive alias (a value contains itself)"
                )


def _children(node: yaml.Node) -> list[yaml.Node]:
    if isinstance(node, yaml.MappingNode):
        return [n for pair in node.value for n in pair]
    if isinstance(node, yaml.SequenceNode):
        return list(node.value)
    return []


def parse_yaml(text: str) -> tuple[Any, Registry, list[tuple[Any, int, int]]]:
    """Parse one YAML document within the limits; return data, line registry and duplicate keys.

    Raises ``yaml.YAMLError`` or ``ValueError`` for malformed YAML and
    :class:`LimitExceeded` for a document beyond the limits.
    """
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            return None, loader.registry, []
        _check_expansion(node)
        return loader.construct_document(node), loader.registry, loader.duplicates
    finally:
        loader.dispose()


def parse_value(text: str) -> Any:
    """Parse one ``--set`` value with the same scalars and limits as files."""
    if len(text) > MAX_FILE_BYTES:
        raise ValueError(f"value is longer than {MAX_FILE_BYTES:,} characters")
    data, _, duplicates = parse_yaml(text)
    if duplicates:
        raise ValueError(f"duplicate key {str(duplicates[0][0])[:60]!r} in the value")
    return data


def _line_map(data: Any, registry: Registry, file: str) -> Lines:
    """Map the field path of every key and item in ``data`` to its (file, line)."""
    lines: Lines = {}
    stack: list[tuple[Any, FieldPath]] = [(data, ())]
    while stack:
        obj, path = stack.pop()
        entry = registry.get(id(obj))
        if entry is None:  # a scalar
            continue
        items = entry[1].items() if isinstance(obj, dict) else enumerate(entry[1])
        for key, line in items:
            lines[(*path, key)] = (file, line)
            stack.append((obj[key], (*path, key)))
    return lines


def read_text(text: str, file: str) -> tuple[dict[str, Any], Lines]:
    """Parse one YAML document into a dict and its line map; raise a ScenarioError on any problem."""
    check_text_size(text, file)
    try:
        data, registry, duplicates = parse_yaml(text)
    except LimitExceeded as e:
        raise _error(file, e.line, f"refused: {e.message}") from None
    except yaml.MarkedYAMLError as e:
        # Scanner errors are noticed past the culprit (e.g. on the line after a key
        # missing its colon); their context mark is where the bad token started.
        mark = e.context_mark if isinstance(e, yaml.scanner.ScannerError) else None
        mark = mark or e.problem_mark or e.context_mark
        line = mark.line + 1 if mark else None
        what = e.problem or e.context or "syntax error"
        if what.startswith("but ") and e.context:  # "expected X" / "but found Y"
            what = f"{e.context}, {what}"
        raise _error(file, line, f"invalid YAML: {what}") from None
    except yaml.reader.ReaderError as e:  # a character YAML does not allow
        line = text.count("\n", 0, e.position) + 1
        raise _error(file, line, f"invalid YAML: {str(e).splitlines()[0]}") from None
    except (ValueError, OverflowError) as e:  # a scalar its explicit tag rejects
        raise _error(file, None, f"invalid YAML: {e}") from None
    if data is None:
        raise _error(file, None, "file is empty")
    if not isinstance(data, dict):
        raise _error(file, 1, f"expected a mapping of fields, got {_kind(data)}")
    lines = _line_map(data, registry, file)
    lines[()] = (file, None)
    if duplicates:
        raise ScenarioError(
            Problem(file, line, _duplicate_path(lines, key, line), _duplicate(key, first, line))
            for key, first, line in sorted(duplicates, key=lambda d: d[2])
        )
    return data, lines


def _duplicate(key: Any, first: int, line: int) -> str:
    return f"duplicate key {str(key)[:60]!r}: first at line {first}, again at line {line}"


def _duplicate_path(lines: Lines, key: Any, last: int) -> str:
    """The field path of a duplicated key, found by the line of its last occurrence (the one kept)."""
    for path, (_, line) in lines.items():
        if path and path[-1] == key and line == last:
            return format_path(path)
    return format_path((str(key),))


def _kind(value: Any) -> str:
    """What a value is, without echoing it: a file that is not a scenario is never shown."""
    if isinstance(value, list):
        return "a list"
    if isinstance(value, bool):
        return "true or false"
    if isinstance(value, int | float):
        return "a number"
    if isinstance(value, str):
        return "plain text (is this a scenario file?)"
    return type(value).__name__
