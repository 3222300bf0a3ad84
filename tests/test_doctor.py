"""doctor's template lookup and its Debian package list (pure logic, no TeX needed)."""

from __future__ import annotations

from pathlib import Path

from thesisbuild.build.doctor import debian_packages, run_checks, template_checks
from thesisbuild.config.reader import load

REPO = Path(__file__).resolve().parents[1]


def details(root: Path) -> dict[str, str]:
    config = load(root) if (root / "thesis.yaml").is_file() else None
    return {check.name: check.line() for check in template_checks(root, config)}


def test_without_templates_the_packaged_files_are_used(tmp_path: Path) -> None:
    (tmp_path / "thesis.yaml").write_text("title: T\n", encoding="utf-8")
    lines = details(tmp_path)
    assert lines["template thesis.latex"].startswith("ok      template thesis.latex: packaged, ")
    assert lines["template todo.lua"].endswith("/thesisbuild/resources/templates/todo.lua")
    assert lines["template html.lua"].endswith(
        "/thesisbuild/resources/templates/html.lua"
    )  # every filter
    assert lines["citation style din-1505-2"].startswith(
        "ok      citation style din-1505-2: packaged"
    )


def test_the_projects_own_templates_win(tmp_path: Path) -> None:
    (tmp_path / "templates" / "csl").mkdir(parents=True)
    (tmp_path / "templates" / "thesis.latex").write_text("%", encoding="utf-8")
    (tmp_path / "templates" / "csl" / "haus.csl").write_text("<style/>", encoding="utf-8")
    (tmp_path / "thesis.yaml").write_text("title: T\ncitation_style: haus\n", encoding="utf-8")
    lines = details(tmp_path)
    own = tmp_path / "templates" / "thesis.latex"
    assert (
        lines["template thesis.latex"] == f"ok      template thesis.latex: the project's own, {own}"
    )
    assert "packaged" in lines["template todo.lua"]
    assert "citation style haus: the project's own" in lines["citation style haus"]


def test_an_unknown_citation_style_is_reported(tmp_path: Path) -> None:
    (tmp_path / "thesis.yaml").write_text("title: T\ncitation_style: keiner\n", encoding="utf-8")
    line = details(tmp_path)["citation style keiner"]
    assert line.startswith("MISSING citation style keiner: thesis.yaml: citation_style: 'keiner'")


def test_doctor_prints_the_debian_packages(thesisbuild, tmp_path: Path) -> None:
    run = thesisbuild("doctor", "--debian-packages", "-C", tmp_path)
    assert run.code == 0 and run.out.split() == debian_packages("xelatex")
    assert "texlive-xetex" in run.out and "texlive-luatex" not in run.out


def test_the_debian_packages_install_every_check_pdf_runs() -> None:
    """CI installs just this list; pdf stops when one of its checks fails."""
    checks = run_checks("xelatex")
    wanted = {check.install for check in checks if check.install and " " not in check.install}
    assert wanted <= set(debian_packages("xelatex")), wanted - set(debian_packages("xelatex"))


def test_every_package_doctor_names_is_installed_by_make() -> None:
    listed = (REPO / "scripts" / "debian-packages.txt").read_text(encoding="utf-8").split()
    assert set(debian_packages("xelatex")) | set(debian_packages("lualatex")) <= set(listed)
