"""Pack the Thunderbird add-on into an .xpi (a zip with manifest.json at its root).

python3 integrations/thunderbird/build.py [--out DIR]     # prints the .xpi's path
"""

from __future__ import annotations

import argparse
import json
import zipfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
FILES = (
    "manifest.json",
    "core.js",
    "background.js",
    "popup.html",
    "popup.css",
    "popup.js",
    "options.html",
    "options.js",
    "icon.svg",
)


def build(out: Path) -> Path:
    """Write the .xpi into `out` and return its path."""
    version = json.loads((HERE / "manifest.json").read_text(encoding="utf-8"))["version"]
    out.mkdir(parents=True, exist_ok=True)
    target = out / f"heartlint-thunderbird-{version}.xpi"
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as xpi:
        for name in FILES:
            xpi.write(HERE / name, name)
    return target


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=HERE / "dist")
    print(build(parser.parse_args().out))


if __name__ == "__main__":
    main()
