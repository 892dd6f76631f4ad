"""The import-linter contracts in pyproject.toml hold on the tree, and break when a layer
imports one above it (docs/architecture.md, "The layers").

Each breaking case copies the package's Python files to a temporary directory, adds one
forbidden import there, and runs `lint-imports` in that directory: the linter puts its
working directory first on the path, so it analyses the copy, not the editable install.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
LINT_IMPORTS = Path(sys.executable).with_name("lint-imports")
LAYERS = "The layers: each imports only from itself and the layers below it"
CORE_PURE = "The clinical core is pure: no Django, no django-ninja"


def lint_imports(where: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(where), "COLUMNS": "400", "NO_COLOR": "1"}
    return subprocess.run(
        [str(LINT_IMPORTS), "--config", str(where / "pyproject.toml"), "--no-cache"],
        cwd=where,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def only_python(directory: str, names: list[str]) -> set[str]:
    """Leave out what is not Python (templates, static files, catalogues, content)."""
    return {
        name
        for name in names
        if name == "__pycache__"
        or (not name.endswith(".py") and not Path(directory, name).is_dir())
    }


@pytest.fixture
def copy(tmp_path: Path) -> Path:
    shutil.copytree(ROOT / "alsmove", tmp_path / "alsmove", ignore=only_python)
    shutil.copy(ROOT / "pyproject.toml", tmp_path / "pyproject.toml")
    return tmp_path


def add_import(copy: Path, module: str, code: str) -> None:
    path = copy / module
    path.write_text(path.read_text() + "\n\n" + code + "\n")


def test_the_tree_keeps_every_contract() -> None:
    result = lint_imports(ROOT)
    assert result.returncode == 0, result.stdout + result.stderr
    assert f"{LAYERS} KEPT" in result.stdout
    assert "0 broken" in result.stdout


@pytest.mark.parametrize(
    ("module", "code", "importer", "imported"),
    [
        # The clinical core reaches up to the web app.
        ("alsmove/core/i18n.py", "import alsmove.web.views", "alsmove.core", "alsmove.web"),
        # Users and clinics reach up to the records.
        (
            "alsmove/accounts/throttle.py",
            "import alsmove.patients.models",
            "alsmove.accounts",
            "alsmove.patients",
        ),
        # An import inside a function is an import all the same: it dodges nothing.
        (
            "alsmove/accounts/staff.py",
            "def _records():\n    from alsmove.patients.models import Patient\n    return Patient",
            "alsmove.accounts",
            "alsmove.patients",
        ),
        # The records reach up to a feature app.
        (
            "alsmove/patients/clock.py",
            "import alsmove.routines.models",
            "alsmove.patients",
            "alsmove.routines",
        ),
        # A feature app reaches up to the web app (web.labels used to be that).
        (
            "alsmove/routines/forms.py",
            "import alsmove.web.views",
            "alsmove.routines",
            "alsmove.web",
        ),
        # A shared helper reaches up to an app.
        (
            "alsmove/formats/__init__.py",
            "import alsmove.accounts.models",
            "alsmove.formats",
            "alsmove.accounts",
        ),
        # Among the feature apps: the logbook reaches up to the guided session's pages
        # (today's session was imported that way before it moved to logbook.today).
        (
            "alsmove/logbook/views.py",
            "import alsmove.sessions.views",
            "alsmove.logbook",
            "alsmove.sessions",
        ),
        # The records reach up to the routine built from them (the proposal after an
        # entered record is the routines app's answer to assessments.signals).
        (
            "alsmove/assessments/recording.py",
            "import alsmove.routines.services",
            "alsmove.assessments",
            "alsmove.routines",
        ),
        # Two apps of one layer joined by "|" import nothing of each other.
        (
            "alsmove/equipment/services.py",
            "import alsmove.resources.models",
            "alsmove.equipment",
            "alsmove.resources",
        ),
        # The API and the pages stay apart.
        ("alsmove/api/schemas.py", "import alsmove.web.views", "alsmove.api", "alsmove.web"),
    ],
)
def test_an_import_from_a_layer_above_breaks_the_layers_contract(
    copy: Path, module: str, code: str, importer: str, imported: str
) -> None:
    add_import(copy, module, code)
    result = lint_imports(copy)
    assert result.returncode != 0, result.stdout
    assert f"{LAYERS} BROKEN" in result.stdout
    assert f"{importer} is not allowed to import {imported}" in result.stdout, result.stdout


def test_the_core_importing_django_breaks_the_purity_contract(copy: Path) -> None:
    add_import(copy, "alsmove/core/i18n.py", "import django.conf")
    result = lint_imports(copy)
    assert result.returncode != 0
    assert f"{CORE_PURE} BROKEN" in result.stdout
    assert f"{LAYERS} KEPT" in result.stdout


def test_a_new_package_must_be_placed_in_a_layer(copy: Path) -> None:
    (copy / "alsmove" / "newapp").mkdir()
    (copy / "alsmove" / "newapp" / "__init__.py").write_text("")
    result = lint_imports(copy)
    assert result.returncode != 0
    assert f"{LAYERS} BROKEN" in result.stdout
    assert "alsmove.newapp" in result.stdout
