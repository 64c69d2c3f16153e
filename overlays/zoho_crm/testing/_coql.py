"""COQL in the sandbox: a select statement parsed into a :class:`Query`, then run over the store.

The parser is a small hand-written recursive descent, not a parsing library (lark, pyparsing) or a
SQL parser (sqlglot): the grammar is a dozen rules, every refusal must be Zoho's (``SYNTAX_ERROR``
near a token, ``LIMIT_EXCEEDED`` naming its clause), and Zoho's rules are not SQL's (two criteria
per pair of brackets: a SQL parser accepts ``A and B and C``, which Zoho refuses). The sandbox gains
no dependency.

Semantics (Zoho documents none of them beyond the operators):

- a missing value (``None``, ``""``, ``[]``) matches only ``is null``; every comparison with it,
  ``!=`` and ``not in`` included, is false (as in SQL);
- a lookup compares (and is shown) by its ``id``; ``Lookup.Field`` reads the linked record;
- text compares case-insensitively; numbers (and numeric strings: ids) as numbers, exactly;
  date-times by instant; ``like`` takes ``%`` as "any text", anywhere in the pattern;
- ``order by`` puts missing values first ascending (last descending), ties in id order; without
  ``order by``, records come in ascending id order.
"""

from __future__ import annotations

import dataclasses
import json
import re
from collections.abc import Callable, Iterable
from typing import Any, NamedTuple

from ._clock import parse_time
from ._criteria import compare, number
from ._errors import ZohoError
from ._modules import ANY_MODULE, ModuleDef
from ._store import Store, StoredRecord, copy_json

__all__ = ["Comparison", "Condition", "Logical", "Query", "parse_query", "run_query"]

MAX_FIELDS = 50
MAX_CRITERIA = 25
MAX_IN_VALUES = 100
MAX_ORDER_BY = 10
MAX_LIMIT = 2000
MAX_REACH = 100_000
"""Offset + limit: the deepest record a query reaches."""
DEFAULT_LIMIT = 200
MAX_DEPTH = 32
"""Brackets nested deeper than this are refused, long before Python's recursion limit."""
MAX_JOINS = 2
"""``A.B.C``: at most two lookups followed."""
USER_LOOKUPS = frozenset({"Owner", "Created_By", "Modified_By"})
USER_FIELDS = {"id": "id", "email": "email", "full_name": "name"}
"""What ``Owner.<field>`` reads from the user a record names."""
KEYWORDS = frozenset(
    {"select", "from", "where", "order", "group", "by", "asc", "desc", "limit", "offset", "and", "or", "not",
     "like", "in", "is", "null", "between"}
)  # fmt: skip

_TOKEN = re.compile(
    r"""(?P<space>\s+)
      | (?P<string>'(?:[^'\\]|\\.|'')*'|"(?:[^"\\]|\\.|"")*")
      | (?P<number>-?\d+(?:\.\d+)?(?![\w.$]))
      | (?P<op>!=|>=|<=|=|<|>)
      | (?P<punct>[(),])
      | (?P<word>[A-Za-z_$][\w$]*(?:\.[A-Za-z_$][\w$]*)*)""",
    re.VERBOSE | re.DOTALL,
)
_INTEGER = re.compile(r"-?\d+")


def _syntax(near: str, message: str = "syntax error in the query") -> ZohoError:
    return ZohoError(400, "SYNTAX_ERROR", {"near": near[:100]}, message)


def _limit(clause: str, limit: int, message: str) -> ZohoError:
    return ZohoError(400, "LIMIT_EXCEEDED", {"clause": clause, "limit": limit}, message)


# the query ----------------------------------------------------------------------------------------


@dataclasses.dataclass(frozen=True)
class Comparison:
    """One criterion: ``field operator values``.

    Operators: ``=``, ``!=``, ``>``, ``>=``, ``<``, ``<=``, ``like``, ``not like``, ``in``, ``not in``,
    ``between`` (two values), ``is null``, ``is not null`` (no value).
    """

    field: str
    operator: str
    values: tuple[str, ...]


@dataclasses.dataclass(frozen=True)
class Logical:
    """Two criteria joined by ``and`` or ``or``."""

    operator: str
    left: Condition
    right: Condition


Condition = Comparison | Logical


@dataclasses.dataclass(frozen=True)
class Query:
    """A parsed select: fields, module, criteria, order (field, descending) and the window."""

    fields: tuple[str, ...]
    module: str
    where: Condition
    order_by: tuple[tuple[str, bool], ...] = ()
    offset: int = 0
    limit: int = DEFAULT_LIMIT


def comparisons(condition: Condition) -> Iterable[Comparison]:
    """Every comparison of ``condition``, left to right."""
    if isinstance(condition, Comparison):
        yield condition
    else:
        yield from comparisons(condition.left)
        yield from comparisons(condition.right)


# parsing ------------------------------------------------------------------------------------------


class _Token(NamedTuple):
    kind: str
    text: str

    @property
    def word(self) -> str:
        """The keyword this token spells (lower case), or ``""``."""
        return self.text.lower() if self.kind == "word" and self.text.lower() in KEYWORDS else ""


def _tokens(text: str) -> list[_Token]:
    found: list[_Token] = []
    pos = 0
    while pos < len(text):
        match = _TOKEN.match(text, pos)
        if match is None:
            raise _syntax(text[pos : pos + 20], "unexpected character in the query")
        kind = match.lastgroup or ""
        if kind != "space":
            found.append(_Token(kind, match.group()))
        pos = match.end()
    return found


def _unquote(text: str) -> str:
    """The content of a quoted string: a backslash escapes the next character, a doubled quote is one."""
    quote = text[0]
    return re.sub(r"\\(.)|" + quote * 2, lambda m: m.group(1) or quote, text[1:-1], flags=re.DOTALL)


class _Parser:
    def __init__(self, text: str) -> None:
        self.tokens = _tokens(text)
        self.pos = 0
        self.criteria = 0

    def _peek(self) -> _Token | None:
        return self.tokens[self.pos] if self.pos < len(self.tokens) else None

    def _next(self) -> _Token:
        token = self._peek()
        if token is None:
            raise _syntax("", "the query ends too soon")
        self.pos += 1
        return token

    def _take(self, word: str) -> bool:
        token = self._peek()
        if token is not None and (token.word == word or (token.kind == "punct" and token.text == word)):
            self.pos += 1
            return True
        return False

    def _expect(self, word: str) -> None:
        if not self._take(word):
            token = self._peek()
            raise _syntax(token.text if token else "", f"expected {word!r}")

    def query(self) -> Query:
        self._expect("select")
        fields = [self._field("select")]
        while self._take(","):
            fields.append(self._field("select"))
        if len(fields) > MAX_FIELDS:
            raise _limit("select", MAX_FIELDS, f"at most {MAX_FIELDS} fields can be selected")
        _no_duplicates(fields)
        self._expect("from")
        module = self._next()
        if module.kind != "word" or module.word or "." in module.text:
            raise _syntax(module.text, "expected a module API name after from")
        if not self._take("where"):
            token = self._peek()
            if token is None or token.word in ("order", "limit", "group"):
                raise ZohoError(400, "SYNTAX_ERROR", {"clause": "where"}, "a COQL query needs a where clause")
            raise _syntax(token.text)
        where = self._condition(0)
        order_by = self._order_by() if self._take("order") else ()
        offset, limit = self._limit() if self._take("limit") else (0, DEFAULT_LIMIT)
        token = self._peek()
        if token is not None:
            if token.word == "group":
                raise ZohoError(400, "NOT_SUPPORTED", {"clause": "group by"}, "the sandbox does not model group by")
            raise _syntax(token.text)
        return Query(tuple(fields), module.text, where, order_by, offset, limit)

    def _field(self, clause: str) -> str:
        token = self._next()
        if token.kind == "string":  # a quoted API name (a reserved word, such as 'External')
            return _unquote(token.text)
        if token.kind != "word" or token.word:
            raise _syntax(token.text, f"expected a field API name in the {clause} clause")
        following = self._peek()
        if following is not None and following.text == "(":
            raise ZohoError(400, "NOT_SUPPORTED", {"clause": clause, "function": token.text},
                            "the sandbox does not model COQL functions")  # fmt: skip
        return token.text

    def _condition(self, depth: int) -> Condition:
        """One criterion, or two joined by ``and``/``or``; a third needs its own brackets."""
        left = self._term(depth)
        token = self._peek()
        if token is None or token.word not in ("and", "or"):
            return left
        self.pos += 1
        right = self._term(depth)
        after = self._peek()
        if after is not None and after.word in ("and", "or"):
            raise _syntax(after.text, "more than two criteria need brackets: ((A and B) and C)")
        return Logical(token.word, left, right)

    def _term(self, depth: int) -> Condition:
        if self._take("("):
            if depth >= MAX_DEPTH:
                raise _syntax("(", f"brackets nest at most {MAX_DEPTH} deep")
            inner = self._condition(depth + 1)
            self._expect(")")
            return inner
        return self._comparison()

    def _comparison(self) -> Comparison:
        field = self._field("where")
        self.criteria += 1
        if self.criteria > MAX_CRITERIA:
            raise _limit("where", MAX_CRITERIA, f"at most {MAX_CRITERIA} criteria are allowed")
        token = self._next()
        if token.kind == "op":
            return Comparison(field, token.text, (self._value(),))
        negated = token.word == "not"
        if negated:
            token = self._next()
        if token.word == "like":
            return Comparison(field, "not like" if negated else "like", (self._value(),))
        if token.word == "in":
            return Comparison(field, "not in" if negated else "in", self._values())
        if token.word == "is" and not negated:
            is_not = self._take("not")
            self._expect("null")
            return Comparison(field, "is not null" if is_not else "is null", ())
        if token.word == "between" and not negated:
            low = self._value()
            self._expect("and")
            return Comparison(field, "between", (low, self._value()))
        raise _syntax(token.text, "expected a comparison operator")

    def _value(self) -> str:
        token = self._next()
        if token.kind == "string":
            return _unquote(token.text)
        if token.kind == "number" or (token.kind == "word" and not token.word):
            return token.text  # a number, or a bare word (true, false, Advertisement)
        raise _syntax(token.text, "expected a value")

    def _values(self) -> tuple[str, ...]:
        self._expect("(")
        token = self._peek()
        if token is not None and token.word == "select":
            raise ZohoError(400, "NOT_SUPPORTED", {"clause": "where"}, "the sandbox does not model subqueries")
        values = [self._value()]
        while self._take(","):
            values.append(self._value())
        self._expect(")")
        if len(values) > MAX_IN_VALUES:
            raise ZohoError(400, "LIMIT_EXCEEDED", {"clause": "where", "operator": "in", "limit": MAX_IN_VALUES},
                            f"in takes at most {MAX_IN_VALUES} values")  # fmt: skip
        return tuple(values)

    def _order_by(self) -> tuple[tuple[str, bool], ...]:
        self._expect("by")
        items: list[tuple[str, bool]] = []
        while True:
            field = self._field("order by")
            descending = self._take("desc")
            if not descending:
                self._take("asc")
            items.append((field, descending))
            if not self._take(","):
                break
        if len(items) > MAX_ORDER_BY:
            raise _limit("order by", MAX_ORDER_BY, f"at most {MAX_ORDER_BY} fields can be ordered by")
        _no_duplicates([field for field, _ in items])
        return tuple(items)

    def _limit(self) -> tuple[int, int]:
        first = self._count()
        if self._take(","):
            offset, limit = first, self._count()
        elif self._take("offset"):
            offset, limit = self._count(), first
        else:
            offset, limit = 0, first
        if limit < 1:
            raise ZohoError(400, "INVALID_QUERY", {"clause": "limit", "reason": "limit is at least 1"}, "invalid limit")
        if limit > MAX_LIMIT:
            raise _limit("limit", MAX_LIMIT, f"a query returns at most {MAX_LIMIT} records")
        if offset + limit > MAX_REACH:
            raise _limit("offset", MAX_REACH, f"a query reaches at most the first {MAX_REACH} records")
        return offset, limit

    def _count(self) -> int:
        token = self._next()
        if token.kind != "number" or not _INTEGER.fullmatch(token.text) or token.text.startswith("-"):
            raise _syntax(token.text, "expected a whole number")
        return int(token.text)


def _no_duplicates(fields: list[str]) -> None:
    seen: set[str] = set()
    for field in fields:
        if field in seen:
            raise ZohoError(400, "DUPLICATE_DATA", {"column_name": field}, f"{field} is given twice")
        seen.add(field)


def parse_query(text: str) -> Query:
    """The :class:`Query` of a COQL select; a Zoho-shaped :class:`ZohoError` (400) when it is malformed."""
    return _Parser(text).query()


# running --------------------------------------------------------------------------------------------


class _Reader:
    """Checks the fields a query names and reads them from records, through lookups."""

    def __init__(self, store: Store, module: ModuleDef, declared: Callable[[ModuleDef], Iterable[str]]) -> None:
        self.store = store
        self.module = module
        self.declared = declared
        self._known: dict[str, set[str]] = {}

    def _has(self, module: ModuleDef, field: str) -> bool:
        """Whether ``module`` has ``field``: declared by the registry, or held by one of its records."""
        known = self._known.get(module.api_name)
        if known is None:
            known = self._known[module.api_name] = {"id", *self.declared(module)}
        if field not in known and any(field in record.fields for record in self.store.live(module.api_name)):
            known.add(field)
        return field in known

    def check(self, path: str, clause: str) -> None:
        """``INVALID_QUERY`` unless ``path`` names a field (through at most two lookups)."""
        parts = path.split(".")
        module: ModuleDef | None = self.module
        for index, part in enumerate(parts):
            last = index == len(parts) - 1
            if module is None:  # a user: Owner.email
                valid = last and part in USER_FIELDS
            else:
                valid = self._has(module, part) and (last or index < MAX_JOINS)
                if valid and not last:
                    target = module.lookups.get(part)
                    valid = part in USER_LOOKUPS or (target not in (None, ANY_MODULE) and target in self.store.modules)
                    module = None if part in USER_LOOKUPS else self.store.modules.get(target or "")
            if not valid:
                raise ZohoError(400, "INVALID_QUERY", {"column_name": path, "clause": clause},
                                f"invalid column {path!r} in the {clause} clause")  # fmt: skip

    def value(self, record: StoredRecord, path: str) -> Any:
        """The value of ``path`` in ``record`` (``None`` when a lookup on the way is empty)."""
        fields, module = record.fields, self.module
        parts = path.split(".")
        for part in parts[:-1]:
            link = fields.get(part)
            ident = link.get("id") if isinstance(link, dict) else None
            if ident is None or not isinstance(link, dict):
                return None
            if part in USER_LOOKUPS:
                return link.get(USER_FIELDS[parts[-1]])
            target = self.store.get(module.lookups[part], str(ident))
            if target is None:
                return None
            fields, module = target.fields, self.store.modules[target.module]
        return fields.get(parts[-1])


def _shown(value: Any) -> Any:
    """A value as a COQL answer shows it: a lookup as ``{id}``."""
    if isinstance(value, dict) and "id" in value:
        return {"id": value["id"]}
    return copy_json(value)


def _scalars(value: Any) -> list[Any]:
    """What a comparison sees of a value: list items one by one, lookups by id, no missing values."""
    items = value if isinstance(value, list) else [value]
    found = [item.get("id") if isinstance(item, dict) else item for item in items]
    return [item for item in found if item is not None and item != ""]


def _like(pattern: str) -> Callable[[Any], bool]:
    regex = re.compile(".*".join(re.escape(part) for part in pattern.split("%")), re.IGNORECASE | re.DOTALL)
    return lambda value: isinstance(value, str) and regex.fullmatch(value) is not None


def _test(comparison: Comparison) -> Callable[[list[Any]], bool]:
    """Whether the scalars of a field satisfy ``comparison``."""
    op, values = comparison.operator, comparison.values
    if op == "is null":
        return lambda found: not found
    if op == "is not null":
        return bool

    def one(value: Any) -> bool:
        if op in ("=", "!=", "in", "not in"):
            return any(compare(value, wanted) == 0 for wanted in values)
        if op == "between":
            low, high = compare(value, values[0]), compare(value, values[1])
            return low is not None and high is not None and low >= 0 and high <= 0
        return compare(value, values[0]) in {">": (1,), ">=": (0, 1), "<": (-1,), "<=": (-1, 0)}[op]

    test = _like(values[0]) if op in ("like", "not like") else one
    if op in ("!=", "not in", "not like"):
        return lambda found: bool(found) and not any(test(v) for v in found)
    return lambda found: any(test(v) for v in found)


def _predicate(condition: Condition, reader: _Reader) -> Callable[[StoredRecord], bool]:
    if isinstance(condition, Logical):
        left, right = _predicate(condition.left, reader), _predicate(condition.right, reader)
        if condition.operator == "and":
            return lambda record: left(record) and right(record)
        return lambda record: left(record) or right(record)
    test, field = _test(condition), condition.field
    return lambda record: test(_scalars(reader.value(record, field)))


def sort_key(value: Any) -> tuple[Any, ...]:
    """A key ordering any stored values: missing first, then booleans, numbers, date-times, text."""
    found = _scalars(value)
    if not found:
        return (0,)
    if len(found) > 1 or isinstance(value, list):
        return (5, json.dumps(found, sort_keys=True, default=str))
    item = found[0]
    if isinstance(item, bool):
        return (1, item)
    if isinstance(item, int | float):
        return (2, item)
    if isinstance(item, str):
        numeric = number(item)
        if numeric is not None:
            return (2, numeric)
        moment = parse_time(item)
        return (3, moment) if moment is not None else (4, item.casefold())
    return (5, json.dumps(item, sort_keys=True, default=str))


def _sorting(reader: _Reader, field: str) -> Callable[[StoredRecord], tuple[Any, ...]]:
    return lambda record: sort_key(reader.value(record, field))


def run_query(
    query: Query, store: Store, declared: Callable[[ModuleDef], Iterable[str]]
) -> tuple[list[dict[str, Any]], bool]:
    """The records ``query`` selects (its window) and whether more follow.

    ``declared`` names the fields the registry knows for a module (a field any record holds is known too).
    """
    module = store.modules.get(query.module)
    if module is None:
        raise ZohoError(400, "INVALID_QUERY", {"module": query.module}, f"invalid module {query.module!r}")
    reader = _Reader(store, module, declared)
    for field in query.fields:
        reader.check(field, "select")
    for comparison in comparisons(query.where):
        reader.check(comparison.field, "where")
    for field, _ in query.order_by:
        reader.check(field, "order by")
    matches = _predicate(query.where, reader)
    found = [record for record in store.live(module.api_name) if matches(record)]  # ascending ids
    for field, descending in reversed(query.order_by):  # stable: ties keep the next key's order
        found.sort(key=_sorting(reader, field), reverse=descending)
    window = found[query.offset : query.offset + query.limit]
    rows = [{"id": record.id, **{f: _shown(reader.value(record, f)) for f in query.fields}} for record in window]
    return rows, len(found) > query.offset + query.limit
