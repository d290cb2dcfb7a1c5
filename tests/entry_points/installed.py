"""The project as a newcomer installs it: a wheel in a fresh virtualenv, run as ``sciatica-bot``.

Building that for every test run must stay cheap, so nothing is
downloaded: the wheel is built from a copy of the sources with the test
environment's own setuptools (``--no-build-isolation``) and installed with
``--no-deps`` into a new virtualenv whose ``.pth`` file lets it see the test
environment's packages (the dependencies, at the versions of
``constraints.txt``). A line in a ``.pth`` file only adds a folder to the
path; the ``.pth`` files inside that folder are not run, so the test
environment's editable install of the project stays invisible and every
``import bot`` in the new environment reads the wheel.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import sysconfig
import venv
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
#: What the wheel is built from (tests, fakes and benchmarks are not part of it).
SOURCES = ("core", "bot", "flows", "storage", "pyproject.toml", "README.md")


@dataclass(frozen=True)
class Installed:
    """A virtualenv with the project's wheel installed, and what building the wheel said."""

    venv: Path
    wheel: Path
    build_output: str

    def to_json(self) -> str:
        """What another pytest-xdist worker needs to use this build."""
        return json.dumps({"venv": str(self.venv), "wheel": str(self.wheel),
                           "build_output": self.build_output})

    @classmethod
    def from_json(cls, text: str) -> Installed:
        fields = json.loads(text)
        return cls(Path(fields["venv"]), Path(fields["wheel"]), fields["build_output"])

    @property
    def bin(self) -> Path:
        return self.venv / "bin"

    @property
    def script(self) -> Path:
        """The console script ``pip install`` made."""
        return self.bin / "sciatica-bot"

    @property
    def python(self) -> Path:
        return self.bin / "python"

    def environment(self, home: Path, **variables: str) -> dict[str, str]:
        """A newcomer's shell after activating the virtualenv: nothing of the test run's own.

        ``HOME`` is a fresh folder, so the default SQLite file and the files
        folder land there; ``variables`` are the bot's settings.
        """
        env = {
            "PATH": f"{self.bin}{os.pathsep}{os.environ.get('PATH', os.defpath)}",
            "HOME": str(home),
            "LANG": "C.UTF-8",
            "VIRTUAL_ENV": str(self.venv),
            "MPLCONFIGDIR": str(home / ".matplotlib"),
        }
        if "TMPDIR" in os.environ:
            env["TMPDIR"] = os.environ["TMPDIR"]
        env.update(variables)
        return env


def build_wheel(into: Path) -> tuple[Path, str]:
    """The project's wheel, built from a copy of its sources (the checkout stays clean)."""
    source = into / "source"
    source.mkdir(parents=True)
    for name in SOURCES:
        path = ROOT / name
        if path.is_dir():
            shutil.copytree(path, source / name,
                            ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
        else:
            shutil.copy2(path, source / name)
    wheels = into / "wheels"
    result = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation",
         "--no-index", "--disable-pip-version-check", "--wheel-dir", str(wheels), str(source)],
        capture_output=True, text=True, timeout=600, check=False,
    )
    if result.returncode != 0:
        raise RuntimeError(f"building the wheel failed:\n{result.stdout}\n{result.stderr}")
    [wheel] = wheels.glob("sciatica_bot-*.whl")
    return wheel, result.stdout + result.stderr


def fresh_venv(at: Path, wheel: Path) -> Path:
    """A new virtualenv with ``wheel`` installed, seeing this environment's dependencies."""
    venv.EnvBuilder(with_pip=False, symlinks=os.name != "nt").create(at)
    where = "import sysconfig; print(sysconfig.get_paths()['purelib'])"
    site = Path(subprocess.run([str(at / "bin" / "python"), "-c", where], capture_output=True,
                               text=True, timeout=60, check=True).stdout.strip())
    ours = {sysconfig.get_paths()["purelib"], sysconfig.get_paths()["platlib"]}
    (site / "_test_dependencies.pth").write_text("".join(f"{p}\n" for p in sorted(ours)))
    subprocess.run(
        [sys.executable, "-m", "pip", "--python", str(at / "bin" / "python"), "install",
         "--no-deps", "--no-index", "--disable-pip-version-check", "--quiet", str(wheel)],
        capture_output=True, text=True, timeout=600, check=True,
    )
    return at


def install(into: Path) -> Installed:
    """Build the wheel and install it into a fresh virtualenv under ``into``."""
    wheel, output = build_wheel(into)
    return Installed(fresh_venv(into / "venv", wheel), wheel, output)
