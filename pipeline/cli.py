"""The ``kravmatch`` command: a thin click group. Work happens in the stage modules; heavy
libraries (pandas, spaCy) are imported inside the commands that need them."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from pipeline import __version__
from pipeline.errors import InputError, KnowledgeError
from pipeline.outputs.writers import WRITERS


def _fail(message: str) -> None:
    click.echo(f"kravmatch: error: {message}", err=True)


class _Commands(click.Group):
    """The command group: a broken data file under models/ is one line and exit 2, in any command."""

    def invoke(self, ctx: click.Context) -> object:
        try:
            return super().invoke(ctx)
        except KnowledgeError as e:
            _fail(f"{e} (a data file of kravmatch itself; fix or restore it)")
            sys.exit(2)


@click.group(cls=_Commands, context_settings={"help_option_names": ["-h", "--help"]})
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


@main.command()
@click.option(
    "--model", default=None, help="A spaCy pipeline name or folder to try instead of the default choice."
)
def info(model: str | None) -> None:
    """Show the version, which Swedish spaCy pipeline loads, and its measured accuracy."""
    import json

    from pipeline.nlp.load import load_pipeline

    click.echo(f"kravmatch {__version__}")
    try:
        loaded = load_pipeline(model)
    except OSError as e:
        _fail(str(e))
        sys.exit(2)
    meta = loaded.nlp.meta
    click.echo(
        f"spaCy pipeline: {loaded.name} ({loaded.source}); components: {', '.join(loaded.nlp.pipe_names)}"
    )
    accuracy = {k: v for k, v in (meta.get("kravmatch_accuracy") or {}).items()}
    if accuracy:
        click.echo("measured accuracy: " + json.dumps(accuracy, ensure_ascii=False, sort_keys=True))


@main.command("evaluate")
@click.argument("gold", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.argument("pred", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--format", "fmt", type=click.Choice(["text", "csv"]), default="text", show_default=True)
def evaluate_command(gold: Path, pred: Path, fmt: str) -> None:
    """Score an extraction (PRED) against a hand-made gold file; exit 0 only when all agree."""
    import json

    from pipeline.evaluate import evaluate, render

    try:
        result = evaluate(
            json.loads(gold.read_text(encoding="utf-8")), json.loads(pred.read_text(encoding="utf-8"))
        )
    except (ValueError, LookupError, TypeError, AttributeError) as e:
        _fail(f"not an extraction JSON pair ({type(e).__name__}: {e})")
        sys.exit(2)
    if fmt == "csv":
        click.echo(result.table().to_csv(index=False, lineterminator="\n"), nl=False)
    else:
        click.echo(render(result))
    sys.exit(0 if result.ok else 1)


@main.command()
@click.argument("screening_dir", type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option("-o", "--out", "out_path", type=click.Path(path_type=Path), default=None,
              help="HTML file to write (default: SCREENING_DIR/report.html).")  # fmt: skip
def report(screening_dir: Path, out_path: Path | None) -> None:
    """Write a self-contained HTML compliance report from a screening run."""
    import json

    from pipeline.outputs.files import write_text
    from pipeline.outputs.report import render_report

    source = screening_dir / "screening.json"
    try:
        data = json.loads(source.read_text(encoding="utf-8"))
        html = render_report(data)
    except FileNotFoundError:
        _fail(f"{source}: no such file; run `kravmatch screen` with --format json first")
        sys.exit(2)
    except (ValueError, LookupError, TypeError) as e:
        _fail(f"{source}: not a screening.json from `kravmatch screen` ({type(e).__name__})")
        sys.exit(2)
    target = out_path or screening_dir / "report.html"
    write_text(target, html)
    click.echo(f"wrote {target}")


def _as_of(value: str | None) -> tuple[int, int]:
    from datetime import date

    from pipeline.cv.dates import parse_as_of

    try:
        return parse_as_of(value) if value else (date.today().year, date.today().month)
    except ValueError as e:
        raise click.BadParameter(str(e), param_hint="--as-of") from None


@main.command("parse-cv")
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option(
    "--as-of", "as_of", default=None, help="Month that open periods run to (YYYY-MM-DD; default today)."
)
def parse_cv_command(files: tuple[Path, ...], as_of: str | None) -> None:
    """Print CV records as JSON: entries with periods and months, education, languages, skills."""
    from pipeline.cv.parse import parse_cv
    from pipeline.match.months import months_covered
    from pipeline.outputs.files import dumps_json

    month = _as_of(as_of)
    records = []
    failed = 0
    for path in files:
        try:
            cv = parse_cv(path)
        except InputError as e:
            _fail(str(e))
            records.append({"source": path.name, "error": e.problem})
            failed += 1
            continue
        record = cv.to_json()
        for entry, work in zip(record["work"], cv.work, strict=True):
            entry["months"] = len(months_covered(work.period, month))
        records.append(record)
    click.echo(dumps_json(records).decode("utf-8"), nl=False)
    if failed:
        sys.exit(1 if failed == len(files) else 3)


@main.command()
@click.argument("cvs", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option(
    "--spec",
    "spec_path",
    required=True,
    type=click.Path(path_type=Path),
    help="Specification JSON written by `kravmatch extract`.",
)
@click.option("--role", "roles", multiple=True, help="Screen only this role (repeatable).")
@click.option(
    "--as-of", "as_of", default=None, help="Month that open periods run to (YYYY-MM-DD; default today)."
)
@click.option(
    "-o",
    "--out",
    "out_dir",
    type=click.Path(path_type=Path),
    default=Path("data/extracted/screening"),
    show_default=True,
)
@click.option(
    "--format",
    "formats",
    default="csv,json",
    show_default=True,
    help=f"Comma-separated: {', '.join(WRITERS.names())}.",
)
@click.option(
    "--workers",
    default=1,
    show_default=True,
    type=click.IntRange(1, 64),
    help="Processes to spread CVs over.",
)
@click.option(
    "--progress/--no-progress", default=None, help="Progress bar (default: when stderr is a terminal)."
)
def screen(cvs: tuple[Path, ...], spec_path: Path, roles: tuple[str, ...], as_of: str | None, out_dir: Path,
           formats: str, workers: int, progress: bool | None) -> None:  # fmt: skip
    """Screen CVs (files or folders) against a specification's roles."""
    import json

    from tqdm import tqdm

    from pipeline.kinds import resolve_roles
    from pipeline.match.screen import collect_cvs, prepare, screenable_roles
    from pipeline.match.screen import screen as run_screen
    from pipeline.outputs.screening import ResultSpool, write_outputs
    from pipeline.spec.model import Spec

    month = _as_of(as_of)
    wanted = [f.strip().lower() for f in formats.split(",") if f.strip()]
    bad = [f for f in wanted if f not in WRITERS]
    if bad:
        raise click.BadParameter(
            f"unknown format {', '.join(bad)}; choose from {', '.join(WRITERS.names())}",
            param_hint="--format",
        )
    try:
        spec = Spec.from_json(json.loads(spec_path.read_text(encoding="utf-8")))
        resolve_roles(spec.roles)  # a spec written by hand or by an older version lacks resolved scopes
    except FileNotFoundError:
        _fail(f"{spec_path}: no such file")
        sys.exit(2)
    except (OSError, ValueError, LookupError, TypeError) as e:
        _fail(f"{spec_path}: not a specification JSON from `kravmatch extract` ({type(e).__name__}: {e})")
        sys.exit(2)
    try:
        selected = screenable_roles(spec, roles)
    except ValueError as e:
        _fail(f"{spec_path}: {e}")
        sys.exit(2)
    if not selected:
        _fail(f"{spec_path}: no role with requirements to screen against")
        sys.exit(2)
    missing = [p for p in cvs if not p.exists()]
    if missing:
        _fail(f"{missing[0]}: no such file or folder")
        sys.exit(2)
    files = collect_cvs(cvs)
    if not files:
        _fail(f"{', '.join(map(str, cvs))}: no CV files found")
        sys.exit(2)
    show = sys.stderr.isatty() if progress is None else progress
    if show:
        click.echo("loading the Swedish pipeline and the lexicons …", err=True)
    prepare()
    bar = tqdm(total=len(files), unit="cv", disable=not show, file=sys.stderr, desc="screening")
    spool = ResultSpool()
    try:
        for per_cv in run_screen(files, selected, month, workers=workers, on_done=lambda _p: bar.update()):
            spool.add(per_cv)
        bar.close()
        order = [r.name for r in selected]
        meta = {
            "spec": spec.document.source,
            "as_of": f"{month[0]:04d}-{month[1]:02d}",
            "roles": order,
        }
        written = write_outputs(out_dir, spool, order, wanted, meta)
        _summary(spool.summaries, order)
    finally:
        spool.close()
    for path in written:
        click.echo(f"wrote {path}")


def _summary(results: list, order: list[str]) -> None:
    from pipeline.outputs.screening import ranked

    for role in order:
        mine = [r for r in results if r.role == role]
        counts = {
            v: sum(1 for r in mine if r.verdict == v)
            for v in ("eligible", "needs_review", "not_eligible", "error")
        }
        top = [r for r in ranked(mine, order) if r.verdict != "error"][:3]
        tops = ", ".join(f"{r.cv} ({r.verdict}, {r.score:.2f})" for r in top)
        click.echo(
            f"{role}: {counts['eligible']} eligible, {counts['needs_review']} needs_review, "
            f"{counts['not_eligible']} not_eligible, {counts['error']} error. Top: {tops}"
        )


if __name__ == "__main__":
    main()
