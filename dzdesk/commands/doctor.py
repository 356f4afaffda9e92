"""`dzdesk doctor`: what support asks for first: where the data is, which schema, which keyring, which catalogue."""

from __future__ import annotations

import argparse
import json

from dzdesk import __version__
from dzdesk.commands.common import CommandError, data_dir_from, data_dir_options, load_settings
from dzdesk.domain.catalogue import CatalogueError, load_catalogue
from dzdesk.secrets import KeyringUnavailableError, backend_name, get_secret
from dzdesk.store.engine import create_sqlite_engine
from dzdesk.store.migrate import SchemaError, current_revision, head_revision


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("doctor", help="print the data directory, schema, keyring and catalogue",
                                   parents=[data_dir_options()])
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    data_dir = data_dir_from(args)
    settings = load_settings(data_dir)
    report: dict[str, object] = {"version": __version__, "data_dir": str(data_dir.root)}

    # Read the schema without migrating: a diagnosis must not change what it diagnoses.
    if data_dir.database.exists():
        engine = create_sqlite_engine(data_dir.database)
        try:
            report["schema"] = current_revision(engine)
        except SchemaError as exc:
            report["schema"] = None
            report["schema_error"] = str(exc)
        finally:
            engine.dispose()
    else:
        report["schema"] = None
    report["schema_head"] = head_revision()

    report["keyring_backend"] = backend_name()
    try:
        get_secret("doctor-probe")
        report["keyring_usable"] = True
    except KeyringUnavailableError as exc:
        report["keyring_usable"] = False
        report["keyring_error"] = str(exc)

    try:
        catalogue = load_catalogue(data_dir.catalogue_file)
    except CatalogueError as exc:
        raise CommandError(f"catalogue: {exc}") from exc
    report["catalogue"] = {
        "source": catalogue.source,
        "platforms": len(catalogue.platforms),
        "modules": sum(len(p.modules) for p in catalogue.platforms),
        "districts": len(catalogue.districts),
        "departments": len(catalogue.departments),
        "severities": len(catalogue.severities),
        "size": catalogue.size,
    }
    report["engineer"] = settings.profile.name or None

    if args.json:
        print(json.dumps(report, ensure_ascii=False, indent=2))
        return 0
    cat = report["catalogue"]
    assert isinstance(cat, dict)
    schema = report["schema"] or "no database yet"
    lines = [
        f"dzdesk {__version__}",
        f"data directory   {report['data_dir']}",
        f"schema           {schema} (this version: {report['schema_head']})",
        f"keyring backend  {report['keyring_backend']}"
        + ("" if report["keyring_usable"] else " (not usable: secrets need DZDESK_HUB_TOKEN)"),
        f"catalogue        {cat['size']} entries from {cat['source']}: {cat['platforms']} platforms, "
        f"{cat['modules']} modules, {cat['districts']} districts, {cat['departments']} departments, "
        f"{cat['severities']} severities",
        f"engineer         {report['engineer'] or 'not set'}",
    ]
    if "schema_error" in report:
        lines.append(f"problem          {report['schema_error']}")
    print("\n".join(lines))
    return 0
