"""The worker pool (runtime/parallel.py): results in order, and workers only when they are worth it."""

from __future__ import annotations

import os

from clusterpages.runtime import parallel


def _pid(_) -> int:
    return os.getpid()


def test_a_late_pool_starts_with_the_first_work_worth_it_and_not_before():
    with parallel.mapper(2, early=False) as run:
        assert list(run(_pid, [1])) == [os.getpid()]  # one item: here, no worker started
        assert run._pool is None
        pids = list(run(_pid, range(8)))
        assert run._pool is not None and os.getpid() not in pids
    assert run._pool is None
    assert list(run(_pid, range(4))) == [os.getpid()] * 4  # ended: what comes later runs here


def test_an_early_pool_starts_at_once_and_results_keep_their_order():
    with parallel.mapper(2) as run:
        assert run._pool is not None
        assert list(run(abs, [-3, -1, -2, 5])) == [3, 1, 2, 5]


def test_one_job_never_starts_workers():
    with parallel.mapper(1) as run:
        assert list(run(_pid, range(5))) == [os.getpid()] * 5 and run._pool is None


def test_a_build_after_one_made_here_starts_workers_only_for_work_worth_them(tmp_path, monkeypatch):
    import datetime as dt
    import shutil

    from clusterpages import pipeline
    from conftest import REPO, copy_example
    started = []
    real = parallel.ProcessPoolExecutor
    monkeypatch.setattr(parallel, "ProcessPoolExecutor", lambda **kw: started.append(kw) or real(**kw))
    site = copy_example(tmp_path / "site", clusters=("agro", "it", "med")).parent
    out = tmp_path / "output"

    def build() -> None:
        assert pipeline.build(site / "site_config.yaml", out, None, dt.date(2023, 2, 15), True, jobs=2).written
    build()
    assert len(started) == 1  # a first build: workers at once
    page = sorted((site / "content" / "clusters" / "it" / "pages").glob("*.md"))[0]
    page.write_text(page.read_text(encoding="utf-8") + "\nНовый абзац.\n", encoding="utf-8")
    build()
    assert len(started) == 1  # one page parsed, a few rendered: no workers
    (site / "themes").mkdir()
    shutil.copytree(REPO / "themes" / "brandbook", site / "themes" / "brandbook")
    theme = site / "themes" / "brandbook" / "templates" / "page.html"
    theme.write_text(theme.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    build()
    assert len(started) == 2  # every page rendered again: workers started for them



def _share(folder, share) -> None:
    (folder / f"{share[0]}-of-{share[1]}").touch()


def test_work_ahead_gives_each_worker_its_share(tmp_path):
    with parallel.mapper(2) as run:
        run.ahead(_share, tmp_path)
        assert list(run(abs, [-1, -2])) == [1, 2]  # handed over behind the work ahead
    assert sorted(p.name for p in tmp_path.iterdir()) == ["0-of-2", "1-of-2"]


def test_chunks_keep_the_order_and_get_smaller_towards_the_end():
    items = list(range(1056))
    parts = parallel.chunks(items, 2, 100)
    assert [x for part in parts for x in part] == items
    sizes = [len(p) for p in parts]
    assert max(sizes) == 100 and sizes == sorted(sizes, reverse=True)[:-1] + sizes[-1:]
    left = len(items)
    for size in sizes:  # never more than a quarter of what is left (2 jobs), but for the smallest
        assert size <= max(8, -(-left // 4))
        left -= size
    assert sizes[-2] == 8  # the workers end within a chunk of 8 of each other
    assert parallel.chunks(items, 1, 100) == [items]
    assert parallel.chunks(items[:10], 2, 100) == [items[:10]]  # too few to be worth workers
