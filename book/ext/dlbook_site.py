"""Sphinx hooks of the course's website (loaded through `sphinx.local_extensions` in _config.yml)."""


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


def setup(app):
    app.connect("html-page-context", _unique_scripts, priority=1000)  # after the handlers that add scripts
    return {"parallel_read_safe": True, "parallel_write_safe": True}
