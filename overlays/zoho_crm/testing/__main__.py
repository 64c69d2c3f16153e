"""``python -m zoho_crm.testing`` (``zoho-crm-sandbox``): serve a sandbox over HTTP until SIGINT/SIGTERM."""

from __future__ import annotations

import argparse
import json
import logging
import signal
import sys
import threading
from collections.abc import Sequence
from pathlib import Path
from types import FrameType
from typing import Any

from zoho_crm_api import API_VERSION

from ._logsink import DroppingHandler, nonblocking_logging
from ._sandbox import Sandbox

__all__ = ["main"]


FOREIGN_CLIENTS = f"""\
Pointing any client at it (another language, curl, Zoho's official SDK):
  API base URL   http://host:port/crm/{API_VERSION}  (base_url at start; api_domain: the http://host:port part)
  token URL      http://host:port/oauth/v2/token  (the accounts URL is the same origin)
  credentials    the client_id, client_secret and refresh_token printed at start, or the
                 access_token as "Authorization: Zoho-oauthtoken <token>"
Bodies are read as JSON whatever their Content-Type (curl -d @file.json works), ids may be
JSON integers, and the metadata calls the official SDKs make (/settings/fields, /settings/modules,
/settings/related_lists, /users?type=CurrentUser, /org) answer from the registered modules.
Zoho's Python SDK (zohocrmsdk8-0): pass DataCenter.Environment(api_domain, token_url, api_domain)
as the environment to Initializer.initialize, with OAuthToken(client_id, client_secret,
refresh_token). Log lines a full stderr pipe cannot take are dropped (counted at exit)."""


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="zoho-crm-sandbox",
        description=f"A local Zoho CRM {API_VERSION} for tests and demos.",
        epilog=FOREIGN_CLIENTS,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--host", default="127.0.0.1", help="interface to listen on (default 127.0.0.1)")
    parser.add_argument("--port", type=int, default=8765, help="port (0: a free one; default 8765)")
    parser.add_argument("--token-lifetime", type=float, default=3600.0, help="access-token lifetime in seconds")
    parser.add_argument("--seed-data", type=Path, help='JSON file {"Module": [records...]} inserted at start')
    parser.add_argument("--sample-leads", type=int, default=0, help="insert N generated Leads at start")
    parser.add_argument(
        "--external", action="append", default=[], metavar="MODULE.FIELD", help="mark an external field"
    )
    parser.add_argument("--fault-rate-5xx", type=float, default=0.0)
    parser.add_argument("--drop-rate", type=float, default=0.0)
    parser.add_argument("--drop-after-commit-rate", type=float, default=0.0)
    parser.add_argument("--truncate-rate", type=float, default=0.0)
    parser.add_argument("--seed", type=int, help="seed of the fault sequence (printed when left out)")
    parser.add_argument("--latency", type=float, default=0.0, help="least seconds from a call's arrival to its answer")
    parser.add_argument("--concurrency-limit", type=int, help="API calls in flight at once (429 past it)")
    parser.add_argument("--daily-credits", type=int, help="API credits per rolling 24 h (429 past it)")
    parser.add_argument(
        "--max-body-bytes", type=int, default=16 * 1024 * 1024, help="largest request body (413 past it; 16 MiB)"
    )
    return parser


def _load(sb: Sandbox, args: argparse.Namespace) -> dict[str, int]:
    loaded: dict[str, int] = {}
    for entry in args.external:
        module, _, field = entry.partition(".")
        sb.mark_external(module, field)
    if args.seed_data is not None:
        data: dict[str, Any] = json.loads(args.seed_data.read_text(encoding="utf-8"))
        for module, records in data.items():
            loaded[module] = len(sb.seed(module, records))
    if args.sample_leads:
        leads = [{"Last_Name": f"Lead {i}", "Email": f"lead{i}@example.com"} for i in range(args.sample_leads)]
        loaded["Leads"] = loaded.get("Leads", 0) + len(sb.seed("Leads", leads))
    return loaded


def main(argv: Sequence[str] | None = None) -> int:
    """Serve until SIGINT or SIGTERM; print the base URL and working credentials first."""
    args = _parser().parse_args(argv)
    stop = threading.Event()

    def request_stop(signum: int, frame: FrameType | None) -> None:
        stop.set()

    previous = {sig: signal.signal(sig, request_stop) for sig in (signal.SIGINT, signal.SIGTERM)}
    try:
        with nonblocking_logging(sys.stderr) as sink:
            return _serve(args, stop, sink)
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)


def _serve(args: argparse.Namespace, stop: threading.Event, sink: DroppingHandler | None) -> int:
    """Serve until ``stop`` is set; report violations and dropped log lines through the (non-blocking) log."""
    log = logging.getLogger("zoho_crm.testing")
    sb = Sandbox(
        "http",
        host=args.host,
        port=args.port,
        token_lifetime=args.token_lifetime,
        fault_rate_5xx=args.fault_rate_5xx,
        drop_rate=args.drop_rate,
        drop_after_commit_rate=args.drop_after_commit_rate,
        truncate_rate=args.truncate_rate,
        seed=args.seed,
        latency=args.latency,
        concurrency_limit=args.concurrency_limit,
        daily_credits=args.daily_credits,
        max_body_bytes=args.max_body_bytes,
        strict_responses=False,
    )
    with sb:
        loaded = _load(sb, args)
        creds = sb.credentials
        lines = {
            "base_url": sb.base_url,
            "api_domain": sb.api_domain,
            "token_url": f"{sb.accounts_url}/oauth/v2/token",
            "client_id": creds.client_id,
            "client_secret": creds.client_secret,
            "refresh_token": creds.refresh_token,
            "access_token": sb.issue_access_token(),
            "fault_seed": str(sb.fault_seed),
            "seeded": json.dumps(loaded),
        }
        for key, value in lines.items():
            sys.stdout.write(f"{key}: {value}\n")
        sys.stdout.write("serving; stop with Ctrl-C or SIGTERM\n")
        sys.stdout.flush()
        while not stop.wait(0.5):
            pass
    violations = sb.violations
    if violations:
        log.error("%d response(s) broke the spec, first: %s", len(violations), violations[0])
    if sink is not None and sink.dropped:
        log.warning("%d log line(s) dropped: stderr was not read fast enough", sink.dropped)
    sys.stdout.write("stopped\n")
    return 1 if violations else 0


if __name__ == "__main__":
    sys.exit(main())
