"""The ``kravmatch`` command: a thin click group. Work happens in the stage modules; heavy
libraries (pandas, spaCy) are imported inside the commands that need them."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from pipeline import __version__
from pipeline.errors import InputError


def _fail(message: str) -> None:
    click.echo(f"kravmatch: error: {message}", err=True)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="kravmatch")
def main() -> None:
    """Extract framework specifications and screen consultant CVs against them."""


@main.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("-o", "--out", "out_dir", type=click.Path(path_type=Path), default=Path("data/extracted"),
              show_default=True, help="Folder for <stem>.json and <stem>.csv.")  # fmt: skip
def extract(paths: tuple[Path, ...], out_dir: Path) -> None:
    """Extract roles, tasks and typed requirements from specification PDFs or text dumps."""
    from pipeline.outputs.files import write_json
    from pipeline.spec.extract import extract_spec

    failed = 0
    for path in paths:
        try:
            spec = extract_spec(path)
        except InputError as e:
            _fail(str(e))
            failed += 1
            continue
        from pipeline.outputs.tables import spec_table, write_csv

        stem = path.stem
        write_json(out_dir / f"{stem}.json", spec.to_json())
        write_csv(out_dir / f"{stem}.csv", spec_table(spec))
        n_req = sum(len(r.requirements) for r in spec.roles)
        click.echo(f"{path}: {len(spec.roles)} roles, {n_req} requirements → {out_dir / (stem + '.json')}")
    if failed:
        sys.exit(1 if failed == len(paths) else 3)


if __name__ == "__main__":
    main()
