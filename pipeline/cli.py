"""The ``kravmatch`` command: a thin click group. Work happens in the stage modules; heavy
libraries (pandas, spaCy) are imported inside the commands that need them."""

from __future__ import annotations

import signal
import sys
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

import click

from pipeline import __version__
from pipeline.errors import InputError, KnowledgeError
from pipeline.outputs.writers import WRITERS


def _fail(message: str) -> None:
    from pipeline.documents.read import display_name

    # file names may hold control characters or bytes that are not UTF-8: shown escaped
    click.echo(f"kravmatch: error: {display_name(message)}", err=True)


def _stop(message: str) -> None:
    """One line on stderr and exit 2: the run cannot start (checked before any work)."""
    _fail(message)
    sys.exit(2)


def _check_out_dir(out_dir: Path) -> None:
    """An output folder that exists as something else than a folder stops the run at once."""
    if out_dir.exists() and not out_dir.is_dir():
        _stop(f"{out_dir}: -o must name a folder, and this is an existing file")
    for parent in out_dir.parents:
        if parent.exists():
            if not parent.is_dir():
                _stop(f"{out_dir}: -o cannot be created inside {parent}, which is a file")
            break


def _check_out_file(out_path: Path) -> None:
    if out_path.is_dir():
        _stop(f"{out_path}: -o must name a file, and this is a folder")
    for parent in out_path.parents:
        if parent.exists():
            if not parent.is_dir():
                _stop(f"{out_path}: cannot be written inside {parent}, which is a file")
            break


class _Commands(click.Group):
    """The command group: a broken data file under models/ is one line and exit 2, in any command."""

    def invoke(self, ctx: click.Context) -> object:
        # SIGTERM unwinds like Ctrl-C: worker processes are stopped, no output is half-written
        main_thread = threading.current_thread() is threading.main_thread()  # signals: main thread only
        previous = signal.signal(signal.SIGTERM, _terminated) if main_thread else None
        try:
            return super().invoke(ctx)
        except KnowledgeError as e:
            _fail(f"{e} (a data file of kravmatch itself; fix or restore it)")
            sys.exit(2)
        except KeyboardInterrupt:
            click.echo("kravmatch: avbrutet", err=True)
            sys.exit(130)
        finally:
            if main_thread:  # a caller's own handler back (tests run commands in-process)
                signal.signal(signal.SIGTERM, previous)


def _terminated(signum: int, frame: object) -> None:
    click.echo("kravmatch: avbrutet", err=True)
    sys.exit(128 + signum)


def _limit_options(*, timeout: bool) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """--max-file-mb, --max-chars (and --timeout-per-cv): the limits of docs/limits.md."""
    from pipeline.documents.limits import Limits

    default = Limits()

    def configure(ctx: click.Context, param: click.Parameter, value: Any) -> Any:
        from pipeline.documents.limits import configure as set_limits

        set_limits(**{str(param.name): value})
        return value

    def decorate(command: Callable[..., Any]) -> Callable[..., Any]:
        options = [
            click.option("--max-file-mb", type=click.FloatRange(min=0, min_open=True), default=default.max_file_mb,
                         show_default=True, expose_value=False, callback=configure,
                         help="Files larger than this are not read (an error row)."),
            click.option("--max-chars", type=click.IntRange(min=1), default=default.max_chars, show_default=True,
                         expose_value=False, callback=configure,
                         help="Files with more characters of text are not read (an error row)."),
        ]  # fmt: skip
        if timeout:
            options.append(
                click.option("--timeout-per-cv", type=click.FloatRange(min=0), default=default.timeout_per_cv,
                             show_default=True, expose_value=False, callback=configure,
                             help="Seconds one CV may take; a slower one becomes an error row (0: no limit).")
            )  # fmt: skip
        for option in reversed(options):
            command = option(command)
        return command

    return decorate


@click.group(cls=_Commands, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="kravmatch")
def main() -> None:
    """Extract framework specifications and screen consultant CVs against them."""


@main.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("-o", "--out", "out_dir", type=click.Path(path_type=Path), default=Path("data/extracted"),
              show_default=True, help="Folder for <stem>.json and <stem>.csv.")  # fmt: skip
@_limit_options(timeout=False)
def extract(paths: tuple[Path, ...], out_dir: Path) -> None:
    """Extract roles, tasks and typed requirements from specification PDFs or text dumps."""
    from pipeline.outputs.files import write_json
    from pipeline.spec.extract import extract_spec

    _check_out_dir(out_dir)
    failed = 0
    for path in paths:
        try:
            spec = extract_spec(path)
        except InputError as e:
            _fail(str(e))
            failed += 1
            continue
        from pipeline.outputs.tables import write_spec_csv

        stem = path.stem
        write_json(out_dir / f"{stem}.json", spec.to_json())
        write_spec_csv(out_dir / f"{stem}.csv", spec)
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
        _fail(
            f"{gold} and {pred}: not a gold/extraction JSON pair (a field is missing or of the wrong type: {e})"
        )
        sys.exit(2)
    if fmt == "csv":
        click.echo(result.table().to_csv(index=False, lineterminator="\n"), nl=False)
    else:
        click.echo(render(result))
    sys.exit(0 if result.ok else 1)


@main.command()
@click.argument("screening_dir", type=click.Path(path_type=Path))
@click.option("-o", "--out", "out_path", type=click.Path(path_type=Path), default=None,
              help="HTML file to write (default: SCREENING_DIR/report.html).")  # fmt: skip
def report(screening_dir: Path, out_path: Path | None) -> None:
    """Write a self-contained HTML compliance report from a screening run."""
    import json

    from pipeline.outputs.files import write_text
    from pipeline.outputs.report import render_report

    if not screening_dir.is_dir():
        what = (
            "no such folder"
            if not screening_dir.exists()
            else "is a file; give the folder `kravmatch screen` wrote"
        )
        _stop(f"{screening_dir}: {what}")
    target = out_path or screening_dir / "report.html"
    _check_out_file(target)
    source = screening_dir / "screening.json"
    try:
        data = json.loads(source.read_text(encoding="utf-8"))
        manifest = screening_dir / "manifest.json"
        run = json.loads(manifest.read_text(encoding="utf-8")) if manifest.is_file() else None
        html = render_report(data, manifest=run)
    except FileNotFoundError:
        _stop(f"{source}: no such file; run `kravmatch screen` with --format json first")
    except UnicodeDecodeError:
        _stop(f"{source}: not UTF-8 text, so not a screening.json from `kravmatch screen`")
    except (ValueError, LookupError, TypeError):
        _stop(f"{source}: not a screening.json from `kravmatch screen` (fields missing or of the wrong type)")
    write_text(target, html)
    click.echo(f"wrote {target}")


def _as_of(value: str | None) -> tuple[int, int]:
    """--as-of as YYYY-MM-DD or YYYY-MM (default: this month); a bad value stops with one line."""
    import re
    from datetime import date

    from pipeline.cv.dates import parse_as_of

    if not value:
        return date.today().year, date.today().month
    text = value.strip()
    if re.fullmatch(r"\d{4}-\d{2}", text):
        text += "-01"
    try:
        return parse_as_of(text)
    except ValueError:
        _stop(f"--as-of {value!r}: not a date; give YYYY-MM or YYYY-MM-DD (e.g. 2026-11)")
        raise  # unreachable: _stop exits


@main.command("parse-cv")
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option(
    "--as-of",
    "as_of",
    default=None,
    help="Month that open periods run to (YYYY-MM or YYYY-MM-DD; default today).",
)
@_limit_options(timeout=True)
def parse_cv_command(files: tuple[Path, ...], as_of: str | None) -> None:
    """Print CV records as JSON: entries with periods and months, education, languages, skills."""
    from pipeline.documents.limits import limits
    from pipeline.match.workers import run_jobs
    from pipeline.outputs.files import dumps_json

    month = _as_of(as_of)
    jobs = [(i, path, month) for i, path in enumerate(files)]
    timeout = limits().timeout_per_cv
    if timeout:  # each file in a worker under the time limit: a slow one is its error record
        done = dict(run_jobs(_parse_record, jobs, workers=1, timeout=timeout, on_failure=_parse_failed,
                             memory_mb=limits().max_worker_memory_mb))  # fmt: skip
        outcomes = [done[job] for job in jobs]
    else:
        outcomes = [_parse_record(job) for job in jobs]
    for message, _ in outcomes:
        if message:
            _fail(message)
    failed = sum(1 for message, _ in outcomes if message)
    click.echo(dumps_json([record for _, record in outcomes]).decode("utf-8"), nl=False)
    if failed:
        sys.exit(1 if failed == len(files) else 3)


def _parse_record(job: tuple[int, Path, tuple[int, int]]) -> tuple[str, dict[str, Any]]:
    """(error line or "", record) of one file for parse-cv."""
    from pipeline.cv.parse import parse_cv
    from pipeline.documents.read import display_name
    from pipeline.match.months import months_covered

    _, path, month = job
    try:
        cv = parse_cv(path)
    except InputError as e:
        return str(e), {"source": display_name(path.name), "error": e.problem}
    except Exception as e:  # a reader bug: this file's line, and the others go on
        return f"{path}: could not be read ({e})", {
            "source": display_name(path.name),
            "error": f"could not be read ({e})",
        }
    record = cv.to_json()
    record["source"] = display_name(path.name)
    for entry, work in zip(record["work"], cv.work, strict=True):
        entry["months"] = len(months_covered(work.period, month))
    return "", record


def _parse_failed(job: tuple[int, Path, tuple[int, int]], reason: str) -> tuple[str, dict[str, Any]]:
    from pipeline.documents.read import display_name

    _, path, _ = job
    return f"{path}: {reason}", {"source": display_name(path.name), "error": reason}


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
    "--as-of",
    "as_of",
    default=None,
    help="Month that open periods run to (YYYY-MM or YYYY-MM-DD; default today).",
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
@click.option("--lang", "language", type=click.Choice(["sv", "en"]), default="sv", show_default=True,
              help="Language of explanations and labels.")  # fmt: skip
@_limit_options(timeout=True)
def screen(cvs: tuple[Path, ...], spec_path: Path, roles: tuple[str, ...], as_of: str | None, out_dir: Path,
           formats: str, workers: int, progress: bool | None, language: str) -> None:  # fmt: skip
    """Screen CVs (files or folders) against a specification's roles."""
    from datetime import UTC, datetime

    from tqdm import tqdm

    from pipeline.match.screen import collect_cvs, prepare, screenable_roles
    from pipeline.match.screen import screen as run_screen
    from pipeline.messages import msg, set_language
    from pipeline.outputs.manifest import write_manifest
    from pipeline.outputs.screening import ResultSpool, write_outputs
    from pipeline.outputs.staging import output_set

    started = datetime.now(UTC)
    set_language(language)
    month = _as_of(as_of)
    wanted = [f.strip().lower() for f in formats.split(",") if f.strip()]
    bad = [f for f in wanted if f not in WRITERS]
    if bad:
        _stop(f"--format: unknown format {', '.join(bad)}; choose from {', '.join(WRITERS.names())}")
    _check_out_dir(out_dir)
    spec = _load_spec(spec_path)
    try:
        selected = screenable_roles(spec, roles)
    except ValueError as e:
        _stop(f"{spec_path}: {e}")
    if not selected:
        _stop(f"{spec_path}: no role with requirements to screen against")
    missing = [p for p in cvs if not p.exists()]
    if missing:
        _stop(f"{missing[0]}: no such file or folder")
    files = collect_cvs(cvs)
    if not files:
        _stop(f"{', '.join(map(str, cvs))}: no CV files found")
    show = sys.stderr.isatty() if progress is None else progress
    if show:
        click.echo(msg("loading_model"), err=True)
    prepare()
    bar = tqdm(total=len(files), unit="cv", disable=not show, file=sys.stderr, desc=msg("screening_progress"))
    spool = ResultSpool()
    order = [r.name for r in selected]
    try:
        for per_cv in run_screen(files, selected, month, workers=workers, on_done=lambda _f: bar.update()):
            spool.add(per_cv)
        bar.close()
        meta = {
            "spec": spec.document.source,
            "as_of": f"{month[0]:04d}-{month[1]:02d}",
            "roles": order,
            "lang": language,
        }
        options = {"roles": list(roles), "formats": wanted, "workers": workers, "lang": language,
                   "as_of": as_of, "out": str(out_dir)}  # fmt: skip
        with output_set(out_dir) as stage:  # the whole set swapped into place at the end
            written = write_outputs(stage, spool, order, wanted, meta)
            written.append(
                write_manifest(
                    stage,
                    spec_path=spec_path,
                    files=files,
                    summaries=spool.summaries,
                    order=order,
                    as_of=meta["as_of"],
                    options=options,
                    started=started,
                    outputs=written,
                )  # fmt: skip
            )
        written = [out_dir / p.name for p in written]
        _summary(spool.summaries, order)
    finally:
        spool.close()
    for path in written:
        click.echo(f"wrote {path}")


def _load_spec(spec_path: Path):  # noqa: ANN202  (Spec; imported lazily)
    """The specification JSON, or one line saying why it cannot be used (exit 2)."""
    import json

    from pipeline.documents.limits import limits
    from pipeline.kinds import resolve_roles
    from pipeline.spec.model import Spec
    from pipeline.spec.validate import validate_spec

    if not spec_path.exists():
        _stop(f"{spec_path}: no such file")
    if spec_path.is_dir():
        _stop(f"{spec_path}: is a folder; --spec takes the JSON file that `kravmatch extract` writes")
    try:
        with spec_path.open("rb") as f:
            head = f.read(8)
    except OSError as e:
        _stop(f"{spec_path}: cannot be read ({e.strerror})")
    if (
        head.startswith(b"%PDF")
        or head.startswith(b"PK\x03\x04")
        or spec_path.suffix.lower() in (".pdf", ".docx")
    ):
        _stop(f"{spec_path}: is a document, not a specification JSON; run `kravmatch extract {spec_path}` first "
              "and pass the .json it writes")  # fmt: skip
    try:
        if spec_path.stat().st_size > limits().max_file_bytes:
            _stop(
                f"{spec_path}: larger than {limits().max_file_mb:g} MB (--max-file-mb); not a specification JSON"
            )
        data = json.loads(spec_path.read_text(encoding="utf-8"))
        validate_spec(data, spec_path)
        spec = Spec.from_json(data)
        resolve_roles(spec.roles)  # a spec written by hand or by an older version lacks resolved scopes
    except InputError as e:
        _stop(str(e))
    except RecursionError:
        _stop(f"{spec_path}: nested too deeply to be a specification JSON")
    except UnicodeDecodeError:
        _stop(f"{spec_path}: not UTF-8 text; --spec takes the JSON file that `kravmatch extract` writes")
    except json.JSONDecodeError as e:
        _stop(f"{spec_path}: not a specification JSON from `kravmatch extract` (invalid JSON at line {e.lineno}, "
              f"column {e.colno})")  # fmt: skip
    except (OSError, ValueError, LookupError, TypeError, AttributeError) as e:
        detail = f" (missing field {e})" if isinstance(e, KeyError) else ""
        _stop(f"{spec_path}: not a specification JSON from `kravmatch extract`{detail}")
    return spec


def _summary(results: list, order: list[str]) -> None:
    """One line per role on the terminal (the files carry the Swedish labels)."""
    from pipeline.outputs.screening import VERDICT_ORDER, ranked

    for role in order:
        mine = [r for r in results if r.role == role]
        counts = ", ".join(f"{sum(1 for r in mine if r.verdict == v)} {v}" for v in VERDICT_ORDER)
        top = [r for r in ranked(mine, order) if r.verdict != "error"][:3]
        tops = ", ".join(f"{r.cv} ({r.verdict}, {r.score:.2f})" for r in top)
        click.echo(f"{role}: {counts}. Top: {tops}")


if __name__ == "__main__":
    main()
