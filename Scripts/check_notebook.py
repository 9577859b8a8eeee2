#!/usr/bin/env python3
"""Validates Jupyter notebooks against the nbformat schema (nbformat.validate).

Usage:
  python3 -m venv .venv && .venv/bin/pip install nbformat    # add: pandas nbclient ipykernel for --execute
  AFTERSHOCK_NOTEBOOK_OUT=/tmp/nb swift test --filter notebookIsNbformat45
  .venv/bin/python Scripts/check_notebook.py [--execute] /tmp/nb/notebooks/report.ipynb [more.ipynb ...]

With no notebook it checks the report snapshot Tests/AftershockReportTests/Snapshots/report.ipynb.
--execute also runs every code cell with nbclient in the notebook's folder (so the pandas cells
must find their CSVs and charts) and fails on any cell error.
Exit status 0 when every notebook is valid nbformat 4.5 with a python3 kernel and cell ids.
"""
import json
import pathlib
import sys

import nbformat


def check(path: pathlib.Path) -> list[str]:
    problems = []
    raw = json.loads(path.read_text(encoding="utf-8"))
    notebook = nbformat.reads(path.read_text(encoding="utf-8"), as_version=nbformat.NO_CONVERT)
    try:
        nbformat.validate(notebook, relax_add_props=False)
    except nbformat.ValidationError as error:
        problems.append(f"schema: {error.message}")
    if (raw.get("nbformat"), raw.get("nbformat_minor")) != (4, 5):
        problems.append(f"version {raw.get('nbformat')}.{raw.get('nbformat_minor')}, expected 4.5")
    kernel = raw.get("metadata", {}).get("kernelspec", {})
    if kernel.get("name") != "python3":
        problems.append(f"kernelspec name {kernel.get('name')!r}, expected 'python3'")
    ids = [cell.get("id") for cell in raw.get("cells", [])]
    if None in ids or len(set(ids)) != len(ids):
        problems.append("cell ids missing or repeated")
    kinds = {cell["cell_type"] for cell in raw.get("cells", [])}
    if not {"markdown", "code"} <= kinds:
        problems.append(f"cell types {sorted(kinds)}, expected markdown and code")
    svg_outputs = sum(
        1
        for cell in raw.get("cells", [])
        for output in cell.get("outputs", [])
        if "image/svg+xml" in output.get("data", {})
    )
    print(f"{path}: nbformat {nbformat.__version__}, {len(ids)} cells, {svg_outputs} SVG outputs, "
          f"kernel {kernel.get('name')}")
    return problems


def execute(path: pathlib.Path) -> list[str]:
    from nbclient import NotebookClient
    from nbclient.exceptions import CellExecutionError

    notebook = nbformat.read(path, as_version=4)
    client = NotebookClient(notebook, timeout=120, kernel_name="python3",
                            resources={"metadata": {"path": str(path.parent)}})
    try:
        client.execute()
    except CellExecutionError as error:
        return [f"execution: {str(error).splitlines()[0] if str(error) else error!r}"]
    ran = sum(1 for cell in notebook.cells if cell.cell_type == "code")
    frames = sum(1 for cell in notebook.cells for output in cell.get("outputs", [])
                 if "text/html" in output.get("data", {}))
    print(f"{path}: executed {ran} code cells, {frames} data frames displayed")
    return []


def main(arguments: list[str]) -> int:
    root = pathlib.Path(__file__).resolve().parent.parent
    runs = "--execute" in arguments
    arguments = [a for a in arguments if a != "--execute"]
    paths = [pathlib.Path(a) for a in arguments] or [root / "Tests/AftershockReportTests/Snapshots/report.ipynb"]
    status = 0
    for path in paths:
        problems = check(path)
        if runs and not problems:
            problems = execute(path)
        for problem in problems:
            print(f"FAIL {path}: {problem}")
        if problems:
            status = 1
        else:
            print(f"ok   {path}: valid")
    return status


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
