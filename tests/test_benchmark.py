"""Smoke test: the benchmark keeps running, at a tiny size. No timing is asserted here; the
figures and targets are the benchmark's own output (./dev bench)."""

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).parent.parent


def test_benchmark_runs_and_writes_its_figures(tmp_path):
    output = tmp_path / "benchmark.json"
    result = subprocess.run(
        [sys.executable, "-m", "benchmarks", "--quick", "--output", str(output)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    figures = json.loads(output.read_text(encoding="utf-8"))
    real = figures["real_site"]
    assert real["site"]["pages"] > 0  # how many is the content's business, not the benchmark's
    assert real["plain_material"]["pages"] == real["site"]["pages"]  # the same pages, built without our code
    assert real["overhead_ratio"] == round(real["site"]["seconds"] / real["plain_material"]["seconds"], 3)
    # Where the time goes: our code has a share in our build and none in plain Material's.
    assert real["where_ms"]["site"]["groups"]["vår kod (macros/)"] > 0
    assert "vår kod (macros/)" not in real["where_ms"]["plain_material"]["groups"]
    assert "Överhead mot Material" in result.stdout and "vår kod (macros/)" in result.stdout
    assert figures["scaling"][0]["events"] == 10 and figures["scaling"][0]["site"]["pages"] > real["site"]["pages"]
    assert figures["rebuild_after_edit"]["seconds"] > 0
    assert figures["scaling"][0]["site"]["search_index_gzip"] > 0 and "sökindex" in result.stdout
    assert set(figures["page_weight"]) == {"start", "kalender", "evenemang"}
    assert "Webbplatsen (" in result.stdout and "Sidvikt evenemang" in result.stdout
