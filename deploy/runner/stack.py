"""A whole shop on one machine: PostgreSQL, Saleor, localstripe and the storefront.

`./shop run` starts one on the usual ports; the test suite starts another on free ports
with its own state folder, through the same code.
"""
from __future__ import annotations

import os
import subprocess
import urllib.parse
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Dict, List, Optional

from . import local_env, postgres
from .environments import venv_python
from .errors import RunnerError
from .layout import CATALOG_FILE, ROOT, SALEOR_VENV, STOREFRONT_VENV, Ports, StateDir, ensure_port_free
from .processes import ProcessGroup, tail

SALEOR_SETTINGS = "qlclaw_saleor.settings"
# The concurrency budget of one machine (README, "Capacity"): storefront processes × threads
# (each thread at most one pooled PostgreSQL connection), Saleor's uWSGI processes, the worker.
STOREFRONT_WORKERS = 2
STOREFRONT_THREADS = 8
# Granian's threads per process: many, so a request reaches the storefront's admission control
# (its deadline, its lane) at once instead of waiting unseen in Granian's queue; the work done at
# once stays bounded by STOREFRONT_THREADS (core/admission.py). A waiting thread costs no CPU.
STOREFRONT_ACCEPT_THREADS = 128
# Open connections one storefront process serves (Granian's --backpressure). Granian counts a
# kept-alive idle connection against it until the client closes it, so it must be well above
# the threads: at 8, eight idle browsers (or proxy connections) per process starved everyone else.
STOREFRONT_CONNECTIONS = 128
SALEOR_PROCESSES = 2
WORKER_CONCURRENCY = 4
STOREFRONT_DIR = ROOT / "storefront"


def saleor_email_url(storefront_url: str) -> str:
    """The storefront's EMAIL_URL (django-environ's spelling) as Saleor reads one (dj-email-url):
    the same server, e.g. smtp+tls://u:p@host:587 -> smtp://u:p@host:587/?tls=True."""
    scheme, _, rest = storefront_url.partition("://")
    address = rest.split("?", 1)[0].rstrip("/")
    if scheme == "smtp":
        return f"smtp://{address}"
    if scheme in ("smtps", "smtp+tls"):
        return f"smtp://{address}/?tls=True"
    if scheme == "smtp+ssl":
        return f"smtp://{address}/?ssl=True"
    return "console:" if scheme == "consolemail" else "dummy:"


class Stack:
    def __init__(
        self, state: StateDir, ports: Ports, *, durable: bool = True,
        storefront_settings: Optional[Dict[str, str]] = None,
        saleor_settings: Optional[Dict[str, str]] = None,
    ) -> None:
        self.state = state
        self.ports = ports
        self.durable = durable
        # Settings for this stack's storefront alone (the tests' SMTP server, relaxed limits),
        # given here rather than through os.environ, where they would leak into other runs.
        self.storefront_settings = dict(storefront_settings or {})
        # The same for Saleor (a test may also restart it with a setting of its own, and put it back).
        self.saleor_settings = dict(saleor_settings or {})
        self.processes = ProcessGroup()
        self.secrets = local_env.load_or_create(state.env_file)
        # POSTGRES_URL points the shop at an existing server instead of the embedded one.
        self.external_postgres_url: Optional[str] = os.environ.get("POSTGRES_URL")
        self.stripe_secret_key = os.environ.get("STRIPE_SECRET_KEY", "")
        # Where the storefront and its worker reach Saleor, and Saleor reaches localstripe;
        # the test suite puts its fault-injecting proxies here. None: directly.
        self.saleor_url_for_storefront: Optional[str] = None
        self.localstripe_url_for_saleor: Optional[str] = None

    # Addresses ---------------------------------------------------------------------------
    @property
    def postgres_server_url(self) -> str:
        if self.external_postgres_url:
            return self.external_postgres_url.rstrip("/")
        password = self.secrets["POSTGRES_PASSWORD"]
        return f"postgresql://{postgres.SUPERUSER}:{password}@127.0.0.1:{self.ports.postgres}"

    def database_url(self, name: str) -> str:
        return f"{self.postgres_server_url}/{name}"

    @property
    def saleor_url(self) -> str:
        return f"http://127.0.0.1:{self.ports.saleor}"

    @property
    def storefront_url(self) -> str:
        return f"http://localhost:{self.ports.storefront}"

    @property
    def localstripe_url(self) -> str:
        return f"http://127.0.0.1:{self.ports.localstripe}"

    @property
    def uses_localstripe(self) -> bool:
        return not self.stripe_secret_key

    def stripe_env(self) -> Dict[str, str]:
        """Keys for Saleor's gateway and the storefront: localstripe's, or the real ones."""
        if self.uses_localstripe:
            return {
                "STRIPE_SECRET_KEY": "sk_test_localstripe",
                "STRIPE_PUBLISHABLE_KEY": "pk_test_localstripe",
                "STRIPE_API_BASE": self.localstripe_url_for_saleor or self.localstripe_url,
                "STRIPE_JS_URL": f"{self.localstripe_url}/js.stripe.com/v3/",
                "STRIPE_WEBHOOK_SECRET": self.secrets["STRIPE_WEBHOOK_SECRET"],
            }
        return {
            "STRIPE_SECRET_KEY": self.stripe_secret_key,
            "STRIPE_PUBLISHABLE_KEY": os.environ.get("STRIPE_PUBLISHABLE_KEY", ""),
            "STRIPE_JS_URL": "https://js.stripe.com/v3/",
            "STRIPE_WEBHOOK_SECRET": os.environ.get("STRIPE_WEBHOOK_SECRET", ""),
        }

    @property
    def staff_email(self) -> str:
        return "admin@qlclaw.example"

    @property
    def staff_password(self) -> str:
        return self.secrets["SHOP_STAFF_PASSWORD"]

    @property
    def email_url(self) -> str:
        """The shop's one mail server, for the storefront and (for staff invitations) Saleor."""
        return self.storefront_settings.get("EMAIL_URL") or os.environ.get("EMAIL_URL", "consolemail://")

    # Environments of the two Django projects ----------------------------------------------
    def _base_env(self) -> Dict[str, str]:
        keep = ("PATH", "HOME", "LANG", "TZ")
        return {name: os.environ[name] for name in keep if name in os.environ}

    def saleor_env(self) -> Dict[str, str]:
        return {
            **self._base_env(),
            "DJANGO_SETTINGS_MODULE": SALEOR_SETTINGS,
            "PYTHONPATH": str(ROOT / "deploy" / "saleor"),
            "DEBUG": "False",
            "SECRET_KEY": self.secrets["SALEOR_SECRET_KEY"],
            "DATABASE_URL": self.database_url("saleor"),
            "ALLOWED_HOSTS": "127.0.0.1,localhost",
            # Saleor checks the host of links it mails (staff invitations) against these, without the port.
            "ALLOWED_CLIENT_HOSTS": f"localhost:{self.ports.storefront},localhost",
            "MEDIA_ROOT": str(self.state.media),
            "STATIC_ROOT": str(self.state.path / "saleor-static"),
            # The storefront sends the buyer's e-mails; Saleor sends only the staff invitation
            # (its other mails have no templates in the wheel and fail quietly), through the
            # shop's mail server.
            "EMAIL_URL": saleor_email_url(self.email_url),
            "DEFAULT_FROM_EMAIL": "orders@qlclaw.example",
            "SHOP_STAFF_PASSWORD": self.staff_password,
            "SALEOR_APP_TOKEN": self.secrets["SALEOR_APP_TOKEN"],
            # A developer's own stack may be introspected (./shop codegen's tests check the schema).
            "GRAPHQL_INTROSPECTION": "on",
            "PYTHONWARNINGS": "ignore",
            **{k: v for k, v in self.stripe_env().items() if k in ("STRIPE_SECRET_KEY", "STRIPE_PUBLISHABLE_KEY", "STRIPE_API_BASE")},
            **self.saleor_settings,
        }

    def storefront_env(self) -> Dict[str, str]:
        env = {
            **self._base_env(),
            "DJANGO_SETTINGS_MODULE": "config.settings",
            "PYTHONPATH": str(STOREFRONT_DIR),
            "DEBUG": "False",
            "SECRET_KEY": self.secrets["STOREFRONT_SECRET_KEY"],
            "ALLOWED_HOSTS": "localhost,127.0.0.1",
            "DATABASE_URL": self.database_url("storefront"),
            "SALEOR_API_URL": f"{self.saleor_url_for_storefront or self.saleor_url}/graphql/",
            "MEDIA_ROOT": str(self.state.media),
            "SHOP_BASE_URL": self.storefront_url,
            "EMAIL_URL": self.email_url,
            "SALEOR_APP_TOKEN": self.secrets["SALEOR_APP_TOKEN"],
            "STOREFRONT_THREADS": str(STOREFRONT_THREADS),
            "JOB_WORKER_CONCURRENCY": str(WORKER_CONCURRENCY),
            **{k: v for k, v in self.stripe_env().items() if k != "STRIPE_SECRET_KEY"},
        }
        for name in ("CATALOG_CACHE_SECONDS", "SALEOR_TIMEOUT", "SERVER_TIMING", "NEWSLETTER_SIGNUPS_PER_IP",
                     "STAFF_SIGN_INS_PER_IP", "EMAIL_TIMEOUT", "SETTLE_AFTER_SECONDS", "JOB_STALLED_AFTER_SECONDS",
                     "JOB_HEARTBEAT_SECONDS", "JOB_MAX_ATTEMPTS", "TRUSTED_PROXIES", "STAFF_SECOND_FACTOR",
                     "CHECKOUT_ADMISSION_LIMIT", "CHECKOUT_IDLE_SECONDS", "WAITING_ROOM_REFRESH_SECONDS",
                     "WAITING_ROOM_NEAR_REFRESH_SECONDS", "WAITING_ROOM_FAR_REFRESH_SECONDS"):
            if name in os.environ:
                env[name] = os.environ[name]
        env.update(self.storefront_settings)
        return env

    # Commands -----------------------------------------------------------------------------
    def saleor_manage(self, *args: str, check: bool = True) -> subprocess.CompletedProcess:
        return self._manage(venv_python(SALEOR_VENV), ["-m", "django", *args], self.saleor_env(), "Saleor", check)

    def storefront_manage(self, *args: str, check: bool = True) -> subprocess.CompletedProcess:
        return self._manage(
            venv_python(STOREFRONT_VENV), [str(STOREFRONT_DIR / "manage.py"), *args],
            self.storefront_env(), "storefront", check,
        )

    def _manage(
        self, python: Path, args: List[str], env: Dict[str, str], project: str, check: bool
    ) -> subprocess.CompletedProcess:
        result = subprocess.run([str(python), *args], env=env, cwd=ROOT, capture_output=True, text=True)
        if check and result.returncode != 0:
            command = " ".join(args[2:] if args[0] == "-m" else args[1:])
            raise RunnerError(
                f"{project} `{command}` failed (exit {result.returncode}):\n"
                f"{(result.stdout + result.stderr)[-3000:]}"
            )
        return result

    # Lifecycle ----------------------------------------------------------------------------
    def start(self) -> None:
        self.state.path.mkdir(parents=True, exist_ok=True)
        self.state.media.mkdir(parents=True, exist_ok=True)
        self.check_ports()
        self.start_postgres()
        # The storefront's preparation touches only its own database: it runs beside Saleor's.
        with ThreadPoolExecutor(max_workers=1) as beside:
            storefront_prepared = beside.submit(self.prepare_storefront)
            self.prepare_saleor()
            self.start_saleor()
            if self.uses_localstripe:
                self.start_localstripe()
            storefront_prepared.result()
        self.start_storefront()
        self.start_worker()

    def check_ports(self) -> None:
        wanted = [
            (self.ports.storefront, "the storefront", "SHOP_PORT"),
            (self.ports.saleor, "Saleor", "SALEOR_PORT"),
        ]
        if self.uses_localstripe:
            wanted.append((self.ports.localstripe, "localstripe", "LOCALSTRIPE_PORT"))
        if not self.external_postgres_url:
            wanted.append((self.ports.postgres, "PostgreSQL", "POSTGRES_PORT"))
        for port, service, variable in wanted:
            ensure_port_free(port, service, variable)

    def start_postgres(self) -> None:
        if not self.external_postgres_url:
            print("• Starting PostgreSQL…", flush=True)
            postgres.init_data_folder(self.state.pgdata, self.secrets["POSTGRES_PASSWORD"])
            log = self.state.log("postgres")
            postgres.start(self.processes, self.state.pgdata, self.ports.postgres, log, self.durable)
            postgres.wait_until_ready(self.processes, self.database_url("postgres"), log)
        postgres.create_databases(self.database_url("postgres"), ["saleor", "storefront"])

    def prepare_saleor(self) -> None:
        print("• Migrating Saleor…", flush=True)
        try:
            self.saleor_manage("migrate", "--noinput")
        except RunnerError as error:
            self.state.log("saleor-migrate").write_text(str(error))
            raise RunnerError(
                f"Saleor migration failed; the output is in {self.state.log('saleor-migrate')}:\n"
                f"{tail(self.state.log('saleor-migrate'))}"
            ) from None
        print("• Seeding the QL Claw catalog…", flush=True)
        self.seed_catalog(CATALOG_FILE)

    def seed_catalog(self, catalog_file: Path) -> str:
        return self.saleor_manage("seed_catalog", str(catalog_file)).stdout

    def start_saleor(self) -> None:
        print("• Starting Saleor…", flush=True)
        self.processes.start(
            "saleor",
            [
                str(SALEOR_VENV / "bin" / "uwsgi"),
                "--http-socket", f"127.0.0.1:{self.ports.saleor}",
                "--module", "saleor.wsgi:application",
                "--master",
                "--processes", str(SALEOR_PROCESSES),
                "--enable-threads",
                "--die-on-term",
                "--need-app",
                "--disable-logging",
                "--buffer-size", "16384",
                "--harakiri", "30",
            ],
            env=self.saleor_env(),
            log_path=self.state.log("saleor"),
        )
        self.processes.wait_until_answering("saleor", f"{self.saleor_url}/health/", timeout=90)

    def stop_saleor(self) -> None:
        self.processes.stop("saleor")

    def start_localstripe(self) -> None:
        print("• Starting localstripe (offline Stripe)…", flush=True)
        self.processes.start(
            "localstripe",
            [
                str(venv_python(STOREFRONT_VENV)), "-m", "deploy.runner.localstripe_server",
                "--port", str(self.ports.localstripe),
                "--state-file", str(self.state.path / "localstripe.pickle"),
            ],
            env={**self._base_env(), "PYTHONPATH": str(ROOT)},
            log_path=self.state.log("localstripe"),
        )
        self.processes.wait_until_answering(
            "localstripe", f"{self.localstripe_url}/js.stripe.com/v3/", timeout=30
        )

    def prepare_storefront(self) -> None:
        print("• Preparing the storefront…", flush=True)
        self.storefront_manage("prepare_to_serve")

    def start_storefront(self) -> None:
        print("• Starting the storefront…", flush=True)
        self.processes.start(
            "storefront",
            [
                str(STOREFRONT_VENV / "bin" / "granian"),
                "--interface", "wsgi",
                "--host", "127.0.0.1",
                "--port", str(self.ports.storefront),
                "--workers", str(STOREFRONT_WORKERS),
                # Requests go to Python at once and wait there for a work slot until their
                # deadline (core/admission.py); the work itself is bounded by STOREFRONT_THREADS.
                "--blocking-threads", str(STOREFRONT_ACCEPT_THREADS),
                "--backpressure", str(STOREFRONT_CONNECTIONS),
                "--no-access-log",
                "config.wsgi:application",
            ],
            env={**self.storefront_env(), "DATABASE_APPLICATION_NAME": "storefront-web"},
            log_path=self.state.log("storefront"),
            cwd=STOREFRONT_DIR,
        )
        self.processes.wait_until_answering(
            "storefront", f"http://127.0.0.1:{self.ports.storefront}/healthz", timeout=60
        )
        if self.uses_localstripe:
            self.register_localstripe_webhook()

    def start_worker(self) -> None:
        """One job worker: capture, e-mails, settling payments (procrastinate)."""
        print("• Starting the job worker…", flush=True)
        self.processes.start(
            "worker",
            [str(venv_python(STOREFRONT_VENV)), str(STOREFRONT_DIR / "manage.py"), "run_jobs"],
            env={**self.storefront_env(), "DATABASE_APPLICATION_NAME": "storefront-worker"},
            log_path=self.state.log("worker"),
            cwd=STOREFRONT_DIR,
        )
        self.processes.wait_until_running("worker", seconds=2)

    def stop_worker(self) -> None:
        self.processes.stop("worker")

    def kill_worker(self) -> None:
        """As a crash would: no graceful shutdown, its running jobs left as they were."""
        self.processes.stop("worker", kill=True)

    def stop_postgres(self) -> None:
        self.processes.stop("postgres")

    def start_postgres_again(self) -> None:
        """After stop_postgres: the same data, and still the last service to be stopped."""
        log = self.state.log("postgres")
        postgres.start(self.processes, self.state.pgdata, self.ports.postgres, log, self.durable)
        self.processes.move_to_front("postgres")
        postgres.wait_until_ready(self.processes, self.database_url("postgres"), log)

    def restart_postgres(self) -> None:
        """Stop PostgreSQL under the running shop and start it again on the same data."""
        self.stop_postgres()
        self.start_postgres_again()

    def register_localstripe_webhook(self) -> None:
        """localstripe delivers signed events (once, about a second later) to the storefront."""
        body = urllib.parse.urlencode({
            "url": f"http://127.0.0.1:{self.ports.storefront}/checkout/stripe/webhook/",
            "secret": self.secrets["STRIPE_WEBHOOK_SECRET"],
        }).encode()
        request = urllib.request.Request(f"{self.localstripe_url}/_config/webhooks/storefront", data=body)
        with urllib.request.urlopen(request, timeout=10) as response:
            if response.status != 200:
                raise RunnerError(f"localstripe refused the webhook registration ({response.status})")

    def stop(self) -> None:
        self.processes.stop_all()
