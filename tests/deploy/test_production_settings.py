"""Production settings fail closed: the checks run the real settings in a new process
with the environment a clinic would set, because settings are read once at start."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core import mail
from django.test import Client, override_settings

from alsmove.demo.seed import Demo

ROOT = Path(__file__).resolve().parents[2]
KEY = "a-production-key-made-at-random-for-this-test-only-" + "x7Qp2Lm9Zr4Tb8Wc"

PRODUCTION = {
    "ALSMOVE_DEBUG": "False",
    "ALSMOVE_SECRET_KEY": KEY,
    "ALSMOVE_ALLOWED_HOSTS": "alsmove.clinic.example",
    "ALSMOVE_SECURE": "True",
    "ALSMOVE_HSTS_PRELOAD": "True",
    "ALSMOVE_BASE_URL": "https://alsmove.clinic.example",
    "ALSMOVE_ADMINS": "Ada Brooks <ada@clinic.example>, ops@clinic.example",
}


def clean_env(**overrides: str) -> dict[str, str]:
    """The machine's environment without any ALS Move setting, plus the given ones."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("ALSMOVE_")}
    env.pop("DATABASE_URL", None)
    env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)  # the test run sets it for Playwright
    env["DJANGO_SETTINGS_MODULE"] = "config.settings"
    env.update(overrides)
    return env


def manage(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def settings_in(env: dict[str, str], *names: str) -> dict[str, object]:
    code = (
        "import json, django; django.setup(); from django.conf import settings; "
        f"print(json.dumps({{n: getattr(settings, n, None) for n in {list(names)!r}}}))"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr
    values: dict[str, object] = json.loads(done.stdout)
    return values


def test_check_deploy_finds_nothing_to_warn_about_with_production_settings() -> None:
    done = manage("check", "--deploy", "--fail-level", "WARNING", env=clean_env(**PRODUCTION))
    assert done.returncode == 0, done.stdout + done.stderr
    assert "no issues" in done.stdout
    assert "WARNINGS" not in done.stdout + done.stderr


def test_the_built_in_key_is_refused_with_debug_off_and_a_clear_message() -> None:
    env = clean_env(**PRODUCTION)
    del env["ALSMOVE_SECRET_KEY"]
    done = manage("check", env=env)
    assert done.returncode == 2
    assert "ALS Move will not start: ALSMOVE_SECRET_KEY is not set" in done.stderr
    assert "Traceback" not in done.stderr


def test_with_no_settings_at_all_the_product_refuses_to_start() -> None:
    done = manage("check", env=clean_env())
    assert done.returncode == 2
    assert "ALSMOVE_SECRET_KEY is not set" in done.stderr


def test_a_short_key_is_refused_too() -> None:
    done = manage("check", env=clean_env(**{**PRODUCTION, "ALSMOVE_SECRET_KEY": "short"}))
    assert done.returncode == 2
    assert "shorter than 50 characters" in done.stderr


def test_the_key_can_come_from_a_file(tmp_path: Path) -> None:
    key_file = tmp_path / "key"
    key_file.write_text(KEY + "\n")
    env = clean_env(**PRODUCTION)
    del env["ALSMOVE_SECRET_KEY"]
    env["ALSMOVE_SECRET_KEY_FILE"] = str(key_file)
    assert settings_in(env, "SECRET_KEY") == {"SECRET_KEY": KEY}


def test_debug_on_still_allows_the_built_in_key_on_a_developers_machine() -> None:
    done = manage("check", env=clean_env(ALSMOVE_DEBUG="True"))
    assert done.returncode == 0, done.stderr


def test_a_secure_site_with_an_http_base_address_is_refused() -> None:
    env = clean_env(**{**PRODUCTION, "ALSMOVE_BASE_URL": "http://alsmove.clinic.example"})
    done = manage("check", env=env)
    assert done.returncode == 2
    assert "does not start with https://" in done.stderr


def test_the_secure_switch_turns_on_cookies_hsts_redirect_and_the_proxy_header() -> None:
    values = settings_in(
        clean_env(**PRODUCTION),
        "SESSION_COOKIE_SECURE",
        "CSRF_COOKIE_SECURE",
        "SECURE_SSL_REDIRECT",
        "SECURE_HSTS_SECONDS",
        "SECURE_HSTS_INCLUDE_SUBDOMAINS",
        "SECURE_PROXY_SSL_HEADER",
        "ADMINS",
    )
    assert values == {
        "SESSION_COOKIE_SECURE": True,
        "CSRF_COOKIE_SECURE": True,
        "SECURE_SSL_REDIRECT": True,
        "SECURE_HSTS_SECONDS": 31536000,
        "SECURE_HSTS_INCLUDE_SUBDOMAINS": True,
        "SECURE_PROXY_SSL_HEADER": ["HTTP_X_FORWARDED_PROTO", "https"],
        "ADMINS": [
            ["Ada Brooks", "ada@clinic.example"],
            ["ops@clinic.example", "ops@clinic.example"],
        ],
    }


def test_without_the_secure_switch_none_of_it_is_on() -> None:
    env = clean_env(ALSMOVE_SECRET_KEY=KEY)
    values = settings_in(
        env,
        "SESSION_COOKIE_SECURE",
        "SECURE_SSL_REDIRECT",
        "SECURE_HSTS_SECONDS",
        "SECURE_PROXY_SSL_HEADER",
    )
    assert values == {
        "SESSION_COOKIE_SECURE": False,
        "SECURE_SSL_REDIRECT": False,
        "SECURE_HSTS_SECONDS": 0,
        "SECURE_PROXY_SSL_HEADER": None,
    }


@pytest.mark.django_db
@override_settings(
    SECURE_PROXY_SSL_HEADER=("HTTP_X_FORWARDED_PROTO", "https"), SECURE_SSL_REDIRECT=True
)
def test_a_reset_link_asked_for_through_the_tls_proxy_says_https(demo: Demo) -> None:
    # As a proxy forwards it: the Host header, and the scheme the visitor used.
    client = Client(HTTP_X_FORWARDED_PROTO="https", HTTP_HOST="testserver")
    answer = client.post("/accounts/password-reset/", {"email": demo.therapist.email})
    assert answer.status_code == 302
    (sent,) = mail.outbox
    assert "https://testserver/accounts/reset/" in sent.body, sent.body
    assert "http://testserver" not in sent.body


@override_settings(
    SECURE_SSL_REDIRECT=True, SECURE_PROXY_SSL_HEADER=("HTTP_X_FORWARDED_PROTO", "https")
)
def test_plain_http_is_sent_to_https() -> None:
    answer = Client().get("/resources/")
    assert answer.status_code == 301
    assert answer["Location"].startswith("https://")


def test_logs_can_be_json_lines_in_a_file(tmp_path: Path) -> None:
    log = tmp_path / "alsmove.log"
    env = clean_env(**PRODUCTION, ALSMOVE_LOG_FORMAT="json", ALSMOVE_LOG_FILE=str(log))
    code = (
        "import django, logging; django.setup(); "
        "logging.getLogger('alsmove.test').warning('disk %s is nearly full', '/srv')"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr
    (line,) = log.read_text().splitlines()
    entry = json.loads(line)
    assert entry["level"] == "WARNING"
    assert entry["logger"] == "alsmove.test"
    assert entry["message"] == "disk /srv is nearly full"
    assert entry["time"].endswith("+00:00")


def test_an_unknown_log_format_is_refused() -> None:
    done = manage("check", env=clean_env(**PRODUCTION, ALSMOVE_LOG_FORMAT="xml"))
    assert done.returncode == 2
    assert "ALSMOVE_LOG_FORMAT must be text or json" in done.stderr


def test_production_hashes_passwords_with_argon2() -> None:
    # The suite itself uses a fast hasher (tests/conftest.py); the real settings do not.
    hashers = settings_in(clean_env(**PRODUCTION), "PASSWORD_HASHERS")["PASSWORD_HASHERS"]
    assert isinstance(hashers, list)
    assert hashers[0] == "django.contrib.auth.hashers.Argon2PasswordHasher"


@pytest.mark.parametrize("password", ["short1", "password123", "lin.wu.lakeside"])
def test_short_common_or_account_like_passwords_are_refused(password: str) -> None:
    from django.contrib.auth.password_validation import validate_password
    from django.core.exceptions import ValidationError

    from alsmove.accounts.models import User

    with pytest.raises(ValidationError):
        validate_password(password, User(email="lin.wu@lakeside.example", full_name="Lin Wu"))


def test_the_demo_with_its_public_password_is_never_loaded_unless_asked_for() -> None:
    done = manage("load_demo", env=clean_env(**PRODUCTION))
    assert done.returncode != 0
    assert "ALSMOVE_ALLOW_DEMO=True" in done.stderr


def test_postgresql_prepares_repeated_queries_unless_turned_off_and_sqlite_urls_still_load() -> (
    None
):
    pg = "postgres://alsmove:alsmove@127.0.0.1:5432/alsmove"
    options = settings_in(clean_env(ALSMOVE_DEBUG="True", DATABASE_URL=pg), "DATABASES")
    assert options["DATABASES"]["default"]["OPTIONS"] == {  # type: ignore[index]
        "server_side_binding": True,
        "prepare_threshold": 2,
    }
    off = clean_env(ALSMOVE_DEBUG="True", DATABASE_URL=pg, ALSMOVE_PG_PREPARE_THRESHOLD="0")
    options = settings_in(off, "DATABASES")
    assert options["DATABASES"]["default"]["OPTIONS"]["prepare_threshold"] is None  # type: ignore[index]
    # A SQLite address (the PDF benchmark uses one) takes no PostgreSQL option.
    sqlite = clean_env(ALSMOVE_DEBUG="True", DATABASE_URL="sqlite:////tmp/alsmove-x.sqlite3")
    options = settings_in(sqlite, "DATABASES")
    assert "server_side_binding" not in options["DATABASES"]["default"].get("OPTIONS", {})  # type: ignore[union-attr]
