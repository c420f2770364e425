"""Flattened tables of indicators by year (extract/components/tables.py), on text of our own
and on blind10's thesis chapter, whose table 3-1 a PDF converter wrote one row a line."""
from pathlib import Path

from extract.articles import split_articles
from extract.components.tables import table_rows
from extract.ingest import read_document, repair_line_breaks
from extract.pipeline import process_article
from extract.records import record_from_doc

ROOT = Path(__file__).resolve().parents[1]

TABLE = ("为考察上述做法的效果，本文整理了该集团主要安全指标（见表2）。\n"
         "表2 某集团2021—2024年主要安全指标\n"
         "指标 2021 2022 2023 2024\n"
         "“三违”人次 940 812 655 520\n"
         "安全投入（亿元） 1.1 1.4 1.6 1.9\n"
         "瓦斯超限（次） 5 3 3 3\n"
         "隐患整改率 | 96.1% | 98.0% | 99.2% | 99.6%\n"
         "资料来源：作者整理。\n")


def test_rows_of_results_with_their_last_year():
    rows = {r.indicator: r for r in table_rows(TABLE)}
    assert set(rows) == {"“三违”人次", "瓦斯超限", "隐患整改率"}  # 安全投入 is an input
    assert (rows["“三违”人次"].value, rows["“三违”人次"].year, rows["“三违”人次"].direction) == (520, 2024, "decrease")
    assert (rows["瓦斯超限"].unit, rows["瓦斯超限"].direction) == ("次", "level")
    assert (rows["隐患整改率"].unit, rows["隐患整改率"].value) == ("%", 99.6)
    r = rows["瓦斯超限"]
    assert TABLE[r.start:r.end] == "瓦斯超限（次） 5 3 3 3"


def test_no_table_without_years_in_its_head():
    assert table_rows("项目 一季度 二季度 三季度\n隐患（条） 12 9 7\n") == []


def test_wrapped_text_keeps_the_rows_on_their_lines():
    wrapped = ("本文整理了该集团主要安全指标，见下表所列的各项数据和相关说明，供参考比较分析。\n"
               "指标 2021 2022 2023 2024\n“三违”人次 940 812 655 520\n"
               "瓦斯超限（次） 5 3 3 3\n由上表可见，集团的安全生产形势持续稳定向好，三违人次逐年下降。\n")
    out = repair_line_breaks(wrapped, hard_wrapped=True)
    assert "\n“三违”人次 940 812 655 520\n" in out


def test_the_thesis_table_rows_are_outcomes(nlp):
    doc = read_document(ROOT / "data/heldout/blind10/papers/b10_master.txt")
    arts, _ = split_articles(doc)
    rec = record_from_doc(process_article(nlp, arts[0]), arts[0])
    texts = {o.text: o for o in rec.outcomes}
    assert "瓦斯超限（次） 11 9 6 4 2 1" in texts
    row = texts["安全生产标准化一级矿井（座） 1 1 2 2 3 3"]
    assert (row.value, row.year, row.category) == (3, 2024, "safety")
    assert not any(l.outcome == "瓦斯超限（次） 11 9 6 4 2 1" for l in rec.links)
