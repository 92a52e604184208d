"""A PostgreSQL 15 + PostGIS server of EcoZone's own: the tests' (a fresh data directory in /tmp,
stopped at the end of the run) and the development one of ``make db`` (kept in .db/).

It listens on a loopback port only, with trust authentication. initdb refuses to run as root (CI
runs as root), so the server then runs as the ``postgres`` user the Debian package creates.

    python scripts/pg_server.py start .db    # prints the connection string
    python scripts/pg_server.py stop .db
"""

from __future__ import annotations

import os
import pwd
import shutil
import socket
import subprocess
import tempfile
import time
from pathlib import Path

BIN = Path("/usr/lib/postgresql/15/bin")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Server:
    def __init__(self, folder: Path | None = None, port: int | None = None):
        self.user = "postgres" if os.geteuid() == 0 else pwd.getpwuid(os.geteuid()).pw_name
        self.folder = Path(folder).resolve() if folder else Path(tempfile.mkdtemp(prefix="ecozone-pg-"))
        self.folder.mkdir(parents=True, exist_ok=True)
        self.data = self.folder / "data"
        self.port = port or free_port()
        if os.geteuid() == 0:
            entry = pwd.getpwnam("postgres")
            os.chown(self.folder, entry.pw_uid, entry.pw_gid)
        if not (self.data / "PG_VERSION").exists():
            self._run(str(BIN / "initdb"), "-D", str(self.data), "-U", self.user, "--auth=trust", "-E", "UTF8")
        options = f"-c listen_addresses=127.0.0.1 -c port={self.port} -k {self.folder} -c fsync=off"
        self._run(
            str(BIN / "pg_ctl"), "-D", str(self.data), "-o", options, "-l", str(self.folder / "log"), "-w", "start"
        )
        self.dsn = f"postgresql://{self.user}@127.0.0.1:{self.port}/postgres"
        deadline = time.monotonic() + 30
        while True:
            try:
                self.sql("CREATE EXTENSION IF NOT EXISTS postgis")
                break
            except Exception:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.2)

    def _run(self, *command: str) -> None:
        if os.geteuid() == 0:
            command = ("runuser", "-u", "postgres", "--", *command)
        subprocess.run(command, check=True, capture_output=True, cwd="/tmp")

    def sql(self, text: str, *params):
        import psycopg2

        with psycopg2.connect(self.dsn) as db, db.cursor() as cur:
            cur.execute(text, params)
            return cur.fetchall() if cur.description else []

    def address(self, schema: str) -> str:
        return f"{self.dsn}?schema={schema}"

    def stop(self, keep: bool = False) -> None:
        try:
            self._run(str(BIN / "pg_ctl"), "-D", str(self.data), "-m", "fast" if keep else "immediate", "stop")
        finally:
            if not keep:
                shutil.rmtree(self.folder, ignore_errors=True)


def main(argv: list[str]) -> int:
    if len(argv) != 2 or argv[0] not in ("start", "stop"):
        print(__doc__)
        return 2
    folder = Path(argv[1]).resolve()
    port_file = folder / "port"
    if argv[0] == "stop":
        if (folder / "data" / "postmaster.pid").exists():
            server = Server.__new__(Server)
            server.data, server.folder = folder / "data", folder
            server.stop(keep=True)
        print(f"stopped the server in {folder}")
        return 0
    if (folder / "data" / "postmaster.pid").exists():
        print(f"already running: postgresql://{_user()}@127.0.0.1:{port_file.read_text().strip()}/postgres")
        return 0
    port = int(port_file.read_text()) if port_file.exists() else free_port()
    server = Server(folder, port)
    port_file.write_text(str(port))
    print(f"PostgreSQL + PostGIS running in {folder} (make db-stop stops it). A plan there:")
    print(f"  {server.address('my_plan')}")
    return 0


def _user() -> str:
    return "postgres" if os.geteuid() == 0 else pwd.getpwuid(os.geteuid()).pw_name


if __name__ == "__main__":
    import sys

    sys.exit(main(sys.argv[1:]))
