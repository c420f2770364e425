"""Write N synthetic papers made from the bundled ones, for the benchmarks.

Paper ``i`` is bundled paper ``i mod 5`` with its mines and companies renamed
(西铭矿 → 东山矿, 利民公司 → 北岭公司, …), its years shifted and its figures scaled, so
that entity resolution and the graph grow as a real corpus would: new organisations
per paper, the same practices and indicators again.

With ``--format pdf`` (or ``docx``, ``html``) the papers are written in that format
(:mod:`benchmarks.paper_files`): the corpus a user who exported PDFs brings.

Example:
    python benchmarks/scale_corpus.py 1000 /tmp/papers-1000
    python benchmarks/scale_corpus.py 1000 /tmp/pdfs-1000 --format pdf --jobs 2
"""
from __future__ import annotations

import argparse
import random
import re
from pathlib import Path

BUNDLED = Path(__file__).resolve().parent.parent / "data" / "papers"

#: The proper-name stems of the bundled papers' own mines and companies; the
#: suffixes (矿, 公司, 煤焦有限责任公司, 党委…) stay, so the extractor sees the same shapes.
#: Groups (山西焦煤, 神火…) are kept: many mines of one group is what a corpus looks like.
NAME_STEMS = ("西铭", "利民", "新庄", "长城五号", "三交河", "丰峪")

_FIRST = "东西南北中上下前后大小新老"
_SECOND = "山岭河庄湾沟峪坪塔泉林台峰川源"
_THIRD = "阳城水田家石桥头"

_YEAR_RE = re.compile(r"(?<!\d)(20[0-2]\d)(?=\s*年)")
_UNITS = "%|％|人次|人|起|条|项|万元|万吨|万|吨|个|次|名|元|天|小时|米|台|场"
_FIGURE_RE = re.compile(rf"(?<![\d.])(\d{{1,4}}(?:\.\d+)?)(?=\s*(?:{_UNITS}))")


def name_stems() -> list[str]:
    """Generated two- and three-character place names (东山, 北岭, 南河阳, …), in a
    fixed order: 208 two-character ones first, then 1,664 longer ones."""
    two = [a + b for a in _FIRST for b in _SECOND]
    return two + [s + c for s in two for c in _THIRD]


def synthesize(text: str, index: int, stems: list[str]) -> str:
    """Paper ``index`` made from ``text``: names renamed, years shifted, figures scaled.

    The changes depend on ``index`` only (a seeded generator), so a corpus is the
    same on every run and a benchmark can be repeated.
    """
    rng = random.Random(index)
    for k, stem in enumerate(NAME_STEMS):
        # Each template name gets its own stem; paper i's names differ from paper j's
        # until the stems run out (1,872 of them), then names repeat — as real mines do.
        text = text.replace(stem, stems[(index * len(NAME_STEMS) + k) % len(stems)])
    shift = rng.randint(-3, 1)
    text = _YEAR_RE.sub(lambda m: str(int(m.group(1)) + shift), text)
    factor = rng.uniform(0.8, 1.25)

    def scale(m: re.Match) -> str:
        raw = m.group(1)
        decimals = len(raw.split(".")[1]) if "." in raw else 0
        value = float(raw) * factor
        return f"{value:.{decimals}f}" if decimals else str(max(1, round(value)))

    # A serial line as journals print (文章编号): without it two papers of the same
    # template whose few figures round alike and whose stems came round again are the
    # same text, which the build merges as duplicates (extract/duplicates.py) — a
    # 10,000-paper corpus was 4,234 documents.
    return _FIGURE_RE.sub(scale, text).rstrip("\n") + f"\n\n文章编号：MKG-{index:05d}\n"


def write_corpus(n: int, out: str | Path, bundled: Path = BUNDLED) -> list[Path]:
    """Write ``n`` synthetic papers into ``out`` (created); returns their paths."""
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    templates = sorted(bundled.glob("*.txt"))
    texts = [p.read_text(encoding="utf-8") for p in templates]
    stems = name_stems()
    paths = []
    for i in range(n):
        k = i % len(templates)
        path = out / f"{i:05d}_{templates[k].stem.split('_', 1)[-1]}.txt"
        path.write_text(synthesize(texts[k], i, stems), encoding="utf-8")
        paths.append(path)
    return paths


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("n", type=int, help="number of papers")
    parser.add_argument("out", help="output folder")
    parser.add_argument("--format", default="txt", choices=("txt", "pdf", "docx", "html"),
                        help="the papers' format (pdf: fpdf2 and a CJK font, about 0.25 s a paper)")
    parser.add_argument("--jobs", type=int, default=1, help="processes writing PDF, DOCX or HTML")
    args = parser.parse_args()
    if args.format == "txt":
        paths = write_corpus(args.n, args.out)
    else:
        import sys
        import tempfile

        sys.path.insert(0, str(BUNDLED.parent.parent))
        from benchmarks.paper_files import convert_corpus

        with tempfile.TemporaryDirectory(prefix="minekg-corpus-") as text:
            write_corpus(args.n, text)
            paths = convert_corpus(Path(text), Path(args.out), args.format, args.jobs, progress=True)
    print(f"{len(paths)} papers in {args.out}")


if __name__ == "__main__":
    main()
