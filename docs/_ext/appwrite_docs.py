"""Sphinx extension for the appwrite-dsl documentation site.

Two things the stock extensions do not do:

* **REPL examples are doctests.** A fenced code block (Markdown, via MyST) whose first line starts with
  ``>>>`` is handed to ``sphinx.ext.doctest`` as a ``doctest`` block of the page's default group, so
  ``sphinx-build -b doctest`` runs every REPL example of every page, in page order, with one namespace per
  page. It still renders as an ordinary highlighted code block.
* **Grammar pages with railroad diagrams.** ``{ebnf} NAME`` shows a grammar's EBNF (the one the reference
  grammar is written from) and remembers its rules; ``{railroad} NAME RULE`` shows the rule's production and
  its railroad diagram, drawn at build time by ``pyparsing.diagram.to_railroad`` from the pyparsing reference
  grammar named in ``railroad_grammars`` (conf.py). After a page is read, every diagram of the grammar must be
  on it, and every EBNF rule must have a diagram or be listed in ``:no-diagram:``; anything else is a warning,
  which ``-W`` turns into a failed build, so the page cannot drift from the grammar.

The diagrams are inline SVG wrapped in ``<div class="railroad" data-grammar=NAME data-rule=RULE>``;
``docs/check_render.py`` looks for exactly these in a real browser.
"""

from __future__ import annotations

import functools
import importlib
import io
import re
from typing import Any, ClassVar

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment
from sphinx.transforms import SphinxTransform
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective

logger = logging.getLogger(__name__)

_RULE_START = re.compile(r"^([A-Za-z][A-Za-z0-9-]*)\s*=")
_DOUBLED_TEXT = re.compile(r"(<text [^>]*>[^<]*</text>)\1")  # railroad-diagrams 3.0.1 writes link text twice


# --- REPL examples as doctests ------------------------------------------------------------------------------


class ReplBlocksAreDoctests(SphinxTransform):
    """Mark every literal block of the page's own text that starts with ``>>>`` as a doctest of the page's
    default group (not blocks that autodoc brings in: docstrings run in their module's namespace, under
    pytest)."""

    default_priority = 500

    def apply(self, **kwargs: Any) -> None:
        page = self.document.get("source")
        for node in self.document.findall(nodes.literal_block):
            if "testnodetype" in node or not node.astext().lstrip().startswith(">>>"):
                continue
            if node.source not in (None, page):
                continue
            node["testnodetype"] = "doctest"
            node["groups"] = ["default"]
            node["options"] = {}
            node["language"] = "pycon"


# --- references to re-exported names -----------------------------------------------------------------------


_MISSING = object()


def _lookup(target: str) -> Any:
    """The Python object a dotted name refers to (``appwrite_dsl.Permission.parse``), or ``_MISSING``."""
    parts = target.split(".")
    for split in range(len(parts), 0, -1):
        try:
            obj: Any = importlib.import_module(".".join(parts[:split]))
        except ImportError:
            continue
        for part in parts[split:]:
            obj = getattr(obj, part, _MISSING)
            if obj is _MISSING:
                break
        return obj
    return _MISSING


def _resolve_reexport(
    app: Sphinx, env: BuildEnvironment, node: Any, contnode: nodes.Element
) -> nodes.Element | None:
    """Resolve ``appwrite_dsl.Permission.parse`` to where autodoc documents that object
    (``appwrite_dsl.permission.Permission.parse``), and a defining module's name of a re-exported object
    (``appwrite_dsl.transport.sending.urllib_sender``) to the package's: docstrings and pages use either."""
    target = node.get("reftarget", "")
    if node.get("refdomain") != "py" or not target.startswith("appwrite_dsl."):
        return None
    wanted = _lookup(target)
    if wanted is _MISSING:
        return None
    domain = env.get_domain("py")
    last = target.rsplit(".", 1)[-1]
    for name, *_ in domain.get_objects():
        if name == target or name.rsplit(".", 1)[-1] != last:
            continue
        try:
            same = _lookup(name) == wanted
        except Exception:  # an object with a strange __eq__ is not the one
            same = False
        if same:
            resolved: nodes.Element | None = domain.resolve_xref(
                env, node["refdoc"], app.builder, node["reftype"], name, node, contnode
            )
            if resolved is not None:
                return resolved
    return None


# --- grammars and railroad diagrams -------------------------------------------------------------------------


def _slug(name: str) -> str:
    slug = re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")
    return slug or "x" + name.encode().hex()


def diagram_id(grammar: str, rule: str) -> str:
    """The HTML id of a rule's diagram (the target of the links inside other diagrams)."""
    return f"rr-{_slug(grammar)}-{_slug(rule)}"


@functools.cache
def _diagrams(grammar: str, target: str) -> dict[str, str]:
    """rule name -> inline SVG, for every named diagram ``to_railroad`` draws from ``module:ATTRIBUTE``."""
    from pyparsing.diagram import to_railroad  # noqa: PLC0415 - a docs-only dependency

    module_name, _, attribute = target.partition(":")
    element = getattr(importlib.import_module(module_name), attribute)
    named = to_railroad(element)
    # Links between diagrams point at pyparsing's bookmark of the rule (3.2) or at its bare name (3.1).
    ids = {getattr(item, "bookmark", item.name): diagram_id(grammar, item.name) for item in named}
    ids.update({item.name: diagram_id(grammar, item.name) for item in named})
    svgs: dict[str, str] = {}
    for item in named:
        out = io.StringIO()
        item.diagram.writeSvg(out.write)
        svg = _DOUBLED_TEXT.sub(r"\1", out.getvalue())
        for bookmark, html_id in ids.items():
            svg = svg.replace(f'xlink:href="#{bookmark}"', f'href="#{html_id}"')
        label = f"Railroad diagram of the rule {item.name}"
        svg = svg.replace("<svg ", f'<svg role="img" aria-label="{_escape(label)}" ', 1)
        svgs[item.name] = svg
    return svgs


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace('"', "&quot;").replace("<", "&lt;").replace(">", "&gt;")


def _productions(ebnf: str) -> dict[str, str]:
    """rule name -> its production text (the rule's first line and its indented continuation lines)."""
    rules: dict[str, list[str]] = {}
    current: list[str] | None = None
    for line in ebnf.splitlines():
        match = _RULE_START.match(line)
        if match:
            current = rules.setdefault(match.group(1), [])
            current.append(line)
        elif current is not None and line.startswith((" ", "\t")):
            current.append(line)
        else:
            current = None
    return {name: "\n".join(lines) for name, lines in rules.items()}


def _page_state(env: BuildEnvironment) -> dict[str, dict[str, Any]]:
    """grammar name -> what the current page declared about it (``rules``, ``no_diagram``, ``shown``)."""
    pages: dict[str, dict[str, dict[str, Any]]] = env.__dict__.setdefault("appwrite_railroad_pages", {})
    return pages.setdefault(env.docname, {})


def _grammar_target(directive: SphinxDirective, grammar: str) -> str:
    grammars: dict[str, str] = directive.config.railroad_grammars
    if grammar not in grammars:
        raise directive.error(f"unknown grammar {grammar!r}: add it to railroad_grammars in conf.py")
    return grammars[grammar]


class EbnfDirective(SphinxDirective):
    """``{ebnf} NAME``: the EBNF of grammar NAME (the content), shown as a code block."""

    required_arguments = 1
    has_content = True
    option_spec: ClassVar[dict[str, Any]] = {
        "no-diagram": directives.unchanged,
        "caption": directives.unchanged,
    }

    def run(self) -> list[nodes.Node]:
        grammar = self.arguments[0]
        _grammar_target(self, grammar)
        text = "\n".join(self.content)
        rules = _productions(text)
        if not rules:
            raise self.error("no EBNF rules found (a rule starts a line: name = ...)")
        no_diagram = self.options.get("no-diagram", "").split()
        unknown = [name for name in no_diagram if name not in rules]
        if unknown:
            raise self.error(f":no-diagram: names rules the EBNF does not define: {', '.join(unknown)}")
        state = _page_state(self.env)
        state[grammar] = {"rules": rules, "no_diagram": no_diagram, "shown": [], "line": self.lineno}
        block = nodes.literal_block(text, text, language="ebnf")
        self.set_source_info(block)
        if "caption" not in self.options:
            return [block]
        container = nodes.container("", literal_block=True, classes=["literal-block-wrapper"])
        caption = nodes.caption(self.options["caption"], self.options["caption"])
        container += [caption, block]
        return [container]


class RailroadDirective(SphinxDirective):
    """``{railroad} NAME RULE``: RULE's EBNF production (when the EBNF defines it) and its diagram.

    RULE is the rest of the line, spaces included (pyparsing names ``StringEnd`` ``end of text``)."""

    required_arguments = 2
    final_argument_whitespace = True
    has_content = False

    def run(self) -> list[nodes.Node]:
        grammar, rule = self.arguments
        target = _grammar_target(self, grammar)
        try:
            svgs = _diagrams(grammar, target)
        except Exception as error:  # an import or drawing failure is a build error, with its cause
            raise self.error(f"cannot draw the diagrams of {target}: {error!r}") from error
        if rule not in svgs:
            raise self.error(f"{target} has no diagram named {rule!r}; it has: {', '.join(svgs)}")
        state = _page_state(self.env).get(grammar)
        if state is None:
            raise self.error(f"put the {{ebnf}} {grammar} block before its diagrams")
        state["shown"].append(rule)
        if "xlink:href=" in svgs[rule]:
            logger.warning(
                "grammar %s: the diagram of %r links to a rule it does not draw",
                grammar,
                rule,
                location=self.get_location(),
            )
        result: list[nodes.Node] = []
        production = state["rules"].get(rule)
        if production is not None:
            block = nodes.literal_block(production, production, language="ebnf")
            self.set_source_info(block)
            result.append(block)
        html = (
            f'<div class="railroad" id="{diagram_id(grammar, rule)}" '
            f'data-grammar="{_escape(grammar)}" data-rule="{_escape(rule)}">\n{svgs[rule]}\n</div>'
        )
        result.append(nodes.raw("", html, format="html"))
        return result


def _check_page(app: Sphinx, doctree: nodes.document) -> None:
    """Every diagram of a grammar is on its page; every EBNF rule has a diagram or is declared without one."""
    env = app.env
    for grammar, state in _page_state(env).items():
        svgs = _diagrams(grammar, app.config.railroad_grammars[grammar])
        location = (env.docname, state["line"])
        shown = state["shown"]
        for rule in sorted({rule for rule in shown if shown.count(rule) > 1}):
            logger.warning("grammar %s: the diagram of %r is shown twice", grammar, rule, location=location)
        for rule in svgs:
            if rule not in shown:
                logger.warning("grammar %s: the diagram of %r is not shown", grammar, rule, location=location)
        for rule in state["rules"]:
            if rule not in svgs and rule not in state["no_diagram"]:
                logger.warning(
                    "grammar %s: EBNF rule %r has no diagram in the reference grammar; "
                    "list it in :no-diagram: and say why",
                    grammar,
                    rule,
                    location=location,
                )
            if rule in svgs and rule in state["no_diagram"]:
                logger.warning(
                    "grammar %s: %r is listed in :no-diagram: but has a diagram",
                    grammar,
                    rule,
                    location=location,
                )
    env.__dict__.get("appwrite_railroad_pages", {}).pop(env.docname, None)


def _purge(app: Sphinx, env: BuildEnvironment, docname: str) -> None:
    env.__dict__.get("appwrite_railroad_pages", {}).pop(docname, None)


def setup(app: Sphinx) -> dict[str, Any]:
    app.add_config_value("railroad_grammars", {}, "env", types=[dict])
    app.add_transform(ReplBlocksAreDoctests)
    app.add_directive("ebnf", EbnfDirective)
    app.add_directive("railroad", RailroadDirective)
    app.connect("doctree-read", _check_page)
    app.connect("env-purge-doc", _purge)
    app.connect("missing-reference", _resolve_reexport)
    app.add_css_file("railroad.css")
    return {"version": "1", "parallel_read_safe": False, "parallel_write_safe": True}
