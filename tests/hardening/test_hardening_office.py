"""Hostile Word and Excel files are refused quickly, with a clear Russian message naming the file,
a non-zero exit and no traceback; nothing outside the file is ever fetched."""

from __future__ import annotations

import time

import pytest
from office_hostile import HOSTILE, broken_xml, too_large
from test_hardening_fixture import CL, site_files, write_site

from conftest import run_cli


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_hostile_office_file_is_refused(tmp_path, name):
    builder, file_name, code = HOSTILE[name]
    files = site_files()
    del files[f"{CL}/plan-2022-2023.md"]
    files[f"{CL}/{file_name}"] = builder()
    config = write_site(tmp_path / "site", files)
    started = time.perf_counter()
    result = run_cli("check", "--config", str(config), "--format", "json")
    seconds = time.perf_counter() - started
    assert result.returncode == 1, result.stderr
    assert "Traceback" not in result.stderr + result.stdout
    import json
    diags = json.loads(result.stdout)
    found = [d for d in diags if d["code"] == code]
    assert found, diags
    d = found[0]
    assert d["severity"] == "error" and d["file"] == f"{CL}/{file_name}" and d["hint"]
    assert seconds < 20, f"{name}: {seconds:.1f} s"


def test_an_external_relationship_is_never_fetched(tmp_path, monkeypatch):
    """The refusal happens before any parser runs: no socket is even opened."""
    import socket

    from office_hostile import with_external_image

    from clusterpages.content.read.office.package import vet

    def no_network(*args, **kwargs):
        raise AssertionError("an office file made the build open a connection")
    monkeypatch.setattr(socket, "socket", no_network)
    monkeypatch.setattr(socket, "create_connection", no_network)
    package, diags = vet(with_external_image(), "plan.docx", "docx")
    assert package is None and diags[0].code == "office.external"
    assert "203.0.113.7" in diags[0].message


@pytest.mark.parametrize("builder, code", [(broken_xml, "office.unreadable"), (too_large, "office.too-large")])
def test_broken_or_huge_files_are_refused_without_traceback(tmp_path, builder, code):
    files = site_files()
    files[f"{CL}/media-plan-2022-2023.docx"] = builder()
    del files[f"{CL}/media-plan-2022-2023.md"]
    config = write_site(tmp_path / "site", files)
    result = run_cli("check", "--config", str(config))
    assert result.returncode == 1 and "Traceback" not in result.stderr + result.stdout
    assert f"{CL}/media-plan-2022-2023.docx" in result.stdout + result.stderr
    assert code in result.stdout + result.stderr
