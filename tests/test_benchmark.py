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
    assert figures["real_site"]["pages"] > 0  # how many is the content's business, not the benchmark's
    assert figures["scaling"][0]["events"] == 10 and figures["scaling"][0]["site"]["pages"] > figures["real_site"]["pages"]
    assert figures["rebuild_after_edit"]["seconds"] > 0
    assert figures["scaling"][0]["site"]["search_index_gzip"] > 0 and "sökindex" in result.stdout
    assert set(figures["page_weight"]) == {"start", "kalender", "evenemang"}
    assert "Webbplatsen:" in result.stdout and "Sidvikt evenemang" in result.stdout
