"""The browser's stemmer (search.js, run in node) and the build's (Python Snowball) agree.

The word list: every word of the example region's content, plus synthetic forms that put
each ending of the Russian Snowball algorithm after a range of stems (gerunds, adjectives,
participles, reflexives, verbs, nouns, superlatives, -ость, double н, ь), plus ё forms.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from clusterpages.search.words import Stemmer, words

REPO = Path(__file__).resolve().parents[2]
SEARCH_JS = REPO / "themes" / "brandbook" / "static" / "search.js"

ENDINGS = (
    "в вши вшись ив ивши ившись ыв ывши ывшись ее ие ые ое ими ыми ей ий ый ой ем им ым ом его ого ему ому их ых "
    "ую юю ая яя ою ею нн вш ющ щ ивш ывш ующ ся сь ла на ете йте ли й л н ло но ет ют ны ть ешь нно ила ыла ена "
    "ейте уйте ите или ыли уй ил ыл ен ило ыло ено ят ует уют ит ыт ены ить ыть ишь а ев ов ье е иями ями ами еи ии и "
    "ией иям ям ием ам о у ах иях ях ы ь ию ью ю ия ья я ейш ейше ост ость ейшего ейшая енно нность ованный ующийся "
    "авшись явшись ившимися ающихся ящего остью остями ностей ннейший").split()
STEMS = ("чемпион чемпионат сварщ сварщик работ дела сдел прекрасн красив нов стро строител "
         "обуч образова колледж кластер профессион мастерск техник пис говор друж любл "
         "ёлк партнёр учёт зелён ё я а мо по ст").split()


def word_list() -> list[str]:
    found: set[str] = set()
    for path in sorted((REPO / "content").rglob("*")):
        if path.suffix in (".md", ".yaml"):
            found.update(words(path.read_text(encoding="utf-8")))
    found.update(stem + ending for stem in STEMS for ending in ENDINGS)
    found.update(("ёжик", "ЁЖИК", "Ёлка", "поддержанный", "прекраснейшее", "ость", "нн", "ьь"))
    return sorted(w for w in found if w)


def js_stems(items: list[str]) -> list[str]:
    node = shutil.which("node")
    if node is None:
        pytest.fail("node is missing: run `bash scripts/test.sh` (it installs node for the browser tools)")
    script = ("const s = require(process.argv[1]); let d = ''; process.stdin.on('data', c => d += c);"
              "process.stdin.on('end', () => { const w = JSON.parse(d);"
              "process.stdout.write(JSON.stringify(w.map(x => s.stem(s.normalise(x))))); });")
    proc = subprocess.run([node, "-e", script, str(SEARCH_JS)], input=json.dumps(items), capture_output=True,
                          text=True, encoding="utf-8", timeout=120)
    assert proc.returncode == 0, proc.stderr
    return json.loads(proc.stdout)


def test_python_and_javascript_stems_agree():
    items = word_list()
    assert len(items) > 3000
    stemmer = Stemmer()
    python = [stemmer.stem(words(w)[0]) if words(w) else w for w in items]
    js = js_stems(items)
    differ = [(w, p, j) for w, p, j in zip(items, python, js) if p != j]
    assert not differ, f"{len(differ)} of {len(items)} words differ, e.g. " + ", ".join(
        f"{w}: python {p}, js {j}" for w, p, j in differ[:20])
    # The stemmer does stem: inflected forms meet.
    assert len(set(python)) < len(items) * 0.8


def test_javascript_words_match_python_words():
    samples = ["Чемпионат «ИТ-старт» 2023: Ёлка, сварщик_1 и т.\u00a0д.", "пере\u00adнос", "WorldSkills-2022 №5"]
    node = shutil.which("node")
    script = ("const s = require(process.argv[1]); const w = JSON.parse(process.argv[2]);"
              "process.stdout.write(JSON.stringify(w.map(x => s.words(x))));")
    proc = subprocess.run([node, "-e", script, str(SEARCH_JS), json.dumps(samples)], capture_output=True,
                          text=True, encoding="utf-8", timeout=60)
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout) == [words(s) for s in samples]
