"""Sphinx configuration of the appwrite-dsl documentation site.

Build (docs/build.sh does all three, as CI should)::

    sphinx-build -W --keep-going -b html docs docs/_build/html
    sphinx-build -W --keep-going -b doctest docs docs/_build/doctest
    python docs/check_render.py docs/_build/html

Pages are Markdown (MyST). Every fenced code block whose first line starts with ``>>>`` is a doctest
(docs/_ext/appwrite_docs.py); other blocks are shown, not run. The build is offline: no intersphinx, no
remote images, no fonts from the network (furo ships its own assets).
"""

from __future__ import annotations

import doctest
import sys
from pathlib import Path

DOCS = Path(__file__).resolve().parent
ROOT = DOCS.parent
# The package as checked out and its reference grammars (tests/reference/), then our extension.
sys.path[:0] = [str(ROOT), str(DOCS / "_ext")]

import appwrite_dsl  # noqa: E402 - after the path is set

project = "appwrite-dsl"
author = "the appwrite-dsl authors"
copyright = "the appwrite-dsl authors"
release = appwrite_dsl.__version__
version = ".".join(release.split(".")[:2])

extensions = [
    "myst_parser",
    "sphinx.ext.autodoc",
    "sphinx.ext.doctest",
    "appwrite_docs",
]

source_suffix = {".md": "markdown"}
root_doc = "index"
exclude_patterns = ["_build", "_ext", "_static", "_templates", ".pytest_cache"]
# An API page whose module is not written yet stays out of the build (reference/api/ is globbed).
exclude_patterns += [
    f"reference/api/{page.stem}.md"
    for page in (DOCS / "reference" / "api").glob("*.md")
    if page.stem not in ("index", "appwrite_dsl")
    and not (ROOT / "appwrite_dsl" / f"{page.stem}.py").exists()
    and not (ROOT / "appwrite_dsl" / page.stem / "__init__.py").exists()
]
language = "en"

# MyST: the existing pages are plain CommonMark plus tables; anchors for links to sections within pages.
myst_enable_extensions = ["colon_fence"]
myst_heading_anchors = 3

# autodoc: the public API as the package's __all__ lists it, in source order, with type hints in signatures.
autodoc_default_options = {"members": True, "member-order": "bysource", "show-inheritance": True}
autodoc_preserve_defaults = True
autodoc_typehints_format = "short"

# doctest: the error text with its caret is part of the API, so exception details are compared exactly
# (Sphinx's default flags would include IGNORE_EXCEPTION_DETAIL).
doctest_default_flags = doctest.ELLIPSIS | doctest.DONT_ACCEPT_TRUE_FOR_1
# Only the pages' REPL examples run here; the docstrings' examples need their module's namespace and run
# under pytest (tests/test_docs.py, doctest.testmod).
doctest_test_doctest_blocks = ""

# The grammars drawn on reference/grammar.md: name -> "module:element" of the pyparsing reference grammar.
railroad_grammars = {
    "permission": "tests.reference.permission_grammar:PERMISSION",
    "legacy": "tests.reference.legacy_grammar:QUERY",
}

html_theme = "furo"
html_title = f"appwrite-dsl {release}"
html_static_path = ["_static"]
html_css_files = ["layout.css"]  # wrapping at a laptop's width; railroad.css comes with the extension
html_show_sourcelink = False
html_theme_options = {"navigation_with_keys": True}
pygments_style = "friendly"
pygments_dark_style = "monokai"
