"""Sphinx hooks of the course's website (loaded through `sphinx.local_extensions` in _config.yml)."""

from __future__ import annotations

import json
import re

SOLUTIONS = "solutions"  # the folder of the exercise masters, and the caption of their part in _toc.yml


def _unique_scripts(app, pagename, templatename, context, doctree):
    """Keep each script once: under Jupyter Book 1 and Sphinx 7.4, sphinx-thebe's and sphinx-togglebutton's inline
    scripts are registered twice, and a repeated ``const`` declaration is an error in the reader's console."""
    seen, unique = set(), []
    for script in context.get("script_files", []):
        key = (str(script.filename or ""), repr(sorted(script.attributes.items())))  # inline: None or ""
        if key not in seen:
            seen.add(key)
            unique.append(script)
    context["script_files"] = unique


def solution_page(notebook: dict) -> dict:
    """An exercise master as a page for self-study: the prompts, and each solution collapsed behind a toggle.

    Otter's markers and configuration, the setup and grader cells and every test (public and hidden) are left out;
    code the exercises give (data, helpers) stays as it is.
    """
    cells, block = [], None
    for cell in notebook["cells"]:
        source = "".join(cell["source"])
        if cell["cell_type"] == "raw":
            marker = re.match(r"# (BEGIN|END) (\w+)", source.lstrip())
            if marker and marker.group(2) != "QUESTION":
                block = marker.group(2).lower() if marker.group(1) == "BEGIN" else None
            continue
        if block == "tests" or (
            cell["cell_type"] == "code" and re.search(r"google\.colab|\botter\b", source)
        ):
            continue
        if cell["cell_type"] == "code" and block == "solution":
            lines = (
                re.sub(r"\s*# SOLUTION\b.*$", "", line)
                for line in source.splitlines()  # otter's one-line marker
                if not re.match(r"\s*# (BEGIN|END) SOLUTION", line)
            )
            code = "\n".join(lines)
            cell = {
                **cell,
                "source": code,
                "outputs": [],
                "execution_count": None,
                "metadata": {**cell.get("metadata", {}), "tags": ["hide-input"]},
            }
        elif not cells:  # the title: "# Exercises NN. ..." becomes "# Solutions NN. ..."
            cell = {**cell, "source": re.sub(r"^# Exercises", "# Solutions", source)}
        cells.append(cell)
    return {**notebook, "cells": cells}


def _solution_pages(app, docname, content):
    if docname.startswith(f"{SOLUTIONS}/"):
        content[0] = json.dumps(solution_page(json.loads(content[0])))


def drop_solutions(site_map) -> list[str]:
    """Remove the Solutions part from a sphinx-external-toc site map; return the documents it held."""
    dropped = []
    for tree in site_map[site_map.root.docname].subtrees:
        if (tree.caption or "").lower() == SOLUTIONS:
            dropped = [item for item in tree.files()]
    root = site_map[site_map.root.docname]
    root.subtrees = [t for t in root.subtrees if (t.caption or "").lower() != SOLUTIONS]
    for docname in dropped:
        del site_map[docname]
    return dropped


def _withhold_solutions(app, config):
    """With ``dlbook_solutions: false`` in _config.yml, the site has no Solutions part (for a course that grades)."""
    if not config.dlbook_solutions:
        drop_solutions(config.external_site_map)
        config["exclude_patterns"] = [*config["exclude_patterns"], f"{SOLUTIONS}/*"]


def setup(app):
    app.add_config_value("dlbook_solutions", True, "env")
    # after sphinx-external-toc has read _toc.yml
    app.connect("config-inited", _withhold_solutions, priority=950)
    app.connect("source-read", _solution_pages)
    app.connect("html-page-context", _unique_scripts, priority=1000)  # after the handlers that add scripts
    return {"parallel_read_safe": True, "parallel_write_safe": True}
