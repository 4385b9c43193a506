"""The committed client is what `./shop codegen` makes from Saleor's schema and our operations."""
import subprocess
import tomllib
from pathlib import Path

from deploy.runner.layout import ROOT, STOREFRONT_VENV

STOREFRONT = ROOT / "storefront"
CONFIG = STOREFRONT / "saleor_client" / "codegen.toml"


def test_generated_client_matches_the_schema_and_operations(tmp_path: Path):
    settings = tomllib.loads(CONFIG.read_text())["tool"]["ariadne-codegen"]
    for path in settings["schema_paths"]:
        schema = (STOREFRONT / path).resolve()
        assert schema.is_file(), f"{schema} missing: the Saleor environment is not installed"
    # Generate into tmp_path: if the line moved, codegen would overwrite the committed client
    # and the comparison below would compare it with itself.
    target_line = 'target_package_path = "saleor_client"'
    assert CONFIG.read_text().count(target_line) == 1, f"{CONFIG} no longer has the line {target_line}"
    text = CONFIG.read_text().replace(target_line, f'target_package_path = "{tmp_path}"')
    config = tmp_path / "codegen.toml"
    config.write_text(text)

    subprocess.run(
        [str(STOREFRONT_VENV / "bin" / "ariadne-codegen"), "--config", str(config)],
        cwd=STOREFRONT, check=True, capture_output=True,
    )

    committed = STOREFRONT / "saleor_client" / "generated"
    fresh = tmp_path / "generated"
    names = sorted(p.name for p in committed.glob("*.py"))
    assert names == sorted(p.name for p in fresh.glob("*.py"))
    for name in names:
        assert (committed / name).read_text() == (fresh / name).read_text(), f"{name} is stale: run ./shop codegen"
