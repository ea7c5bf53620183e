"""Loading plugins, collecting their matters, and quarantining the ones that misbehave.

A bad plugin never takes the storefront down: whatever goes wrong while importing it, checking
its hooks, calling `register_matters` or linting what it declared, the plugin is unregistered and
recorded in `Quarantine` with the plugin, the matter, the field and the reason.
"""

from __future__ import annotations

import importlib
import importlib.metadata as metadata
import importlib.util
import sys
import traceback
from dataclasses import dataclass, field
from pathlib import Path
from types import ModuleType
from typing import Any

import pluggy

from plugins import hookspecs
from plugins.declarations import Bundle, Matter
from plugins.lint import lint_matter

ENTRY_POINT_GROUP = "kuaiban"
BUILTIN_MODULES = ("plugins.builtin.sms", "plugins.builtin.courier", "plugins.builtin.calendar", "plugins.builtin.licences")


@dataclass(frozen=True, slots=True)
class Quarantine:
    plugin: str
    stage: str
    reason: str
    matter: str = ""
    field: str = ""

    def describe(self) -> str:
        where = " ".join(p for p in (f"matter {self.matter}" if self.matter else "",
                                      f"field {self.field}" if self.field else "") if p)
        return f"[{self.stage}] {where + ': ' if where else ''}{self.reason}"


@dataclass(slots=True)
class PluginInfo:
    name: str
    version: str
    dist: str
    builtin: bool = False
    hooks: list[str] = field(default_factory=list)
    matters: list[str] = field(default_factory=list)
    problems: list[Quarantine] = field(default_factory=list)

    @property
    def quarantined(self) -> bool:
        return bool(self.problems)


@dataclass(slots=True)
class PluginHost:
    """The plugin manager plus what loading it found out."""

    pm: pluggy.PluginManager
    plugins: dict[str, PluginInfo]
    matters: dict[str, Matter]
    matter_plugin: dict[str, str]

    @property
    def quarantined(self) -> list[PluginInfo]:
        return [p for p in self.plugins.values() if p.quarantined]


def new_manager() -> pluggy.PluginManager:
    pm = pluggy.PluginManager(hookspecs.PROJECT)
    pm.add_hookspecs(hookspecs)
    return pm


def _dist_version(dist: metadata.Distribution | None) -> tuple[str, str]:
    if dist is None:
        return "", ""
    return dist.metadata["Name"] or "", dist.version or ""


def load(
    *,
    entry_points: bool = True,
    extra: dict[str, ModuleType | Any] | None = None,
    extra_entry_points: list[metadata.EntryPoint] | None = None,
) -> PluginHost:
    """Load built-ins, the `kuaiban` entry points and any extra objects, then collect matters."""
    pm = new_manager()
    host = PluginHost(pm=pm, plugins={}, matters={}, matter_plugin={})
    for module_name in BUILTIN_MODULES:
        _register(host, module_name, lambda m=module_name: importlib.import_module(m), "kuaiban", "", True)
    eps = list(metadata.entry_points(group=ENTRY_POINT_GROUP)) if entry_points else []
    eps += extra_entry_points or []
    for ep in sorted(eps, key=lambda e: e.name):
        dist_name, version = _dist_version(getattr(ep, "dist", None))
        _register(host, ep.name, ep.load, dist_name, version, False)
    for name, obj in (extra or {}).items():
        _register(host, name, lambda o=obj: o, "", "", False)
    _collect_matters(host)
    pm.check_pending()
    return host


def _register(host: PluginHost, name: str, loader, dist: str, version: str, builtin: bool) -> None:
    if name in host.plugins:  # a second plugin with a taken name is recorded apart, never merged
        owner = host.plugins[name].dist or name
        name = f"{name} ({dist or 'duplicate'})"
        info = PluginInfo(name=name, version=version, dist=dist, builtin=builtin)
        host.plugins[name] = info
        info.problems.append(Quarantine(name, "hooks", f"plugin name already taken by {owner!r}"))
        return
    info = PluginInfo(name=name, version=version, dist=dist, builtin=builtin)
    host.plugins[name] = info
    try:
        obj = loader()
    except Exception as exc:  # a plugin's import error must not stop the host
        info.problems.append(Quarantine(name, "import", _explain(exc)))
        return
    if not version:
        info.version = str(getattr(obj, "__version__", ""))
    if host.pm.is_registered(obj):
        info.problems.append(
            Quarantine(name, "hooks", f"the same module is already registered as {host.pm.get_name(obj)!r}")
        )
        return
    try:
        host.pm.register(obj, name=name)
        host.pm.check_pending()
    except Exception as exc:  # misspelled hook, bad signature
        if host.pm.get_plugin(name) is obj:
            host.pm.unregister(name=name)
        info.problems.append(Quarantine(name, "hooks", _explain(exc)))
        return
    info.hooks = sorted(
        caller.name for caller in host.pm.get_hookcallers(obj) or []
    )


def _collect_matters(host: PluginHost) -> None:
    pm = host.pm
    declared: list[tuple[str, list[Matter]]] = []
    for impl in pm.hook.register_matters.get_hookimpls():  # registration order
        name = impl.plugin_name
        info = host.plugins[name]
        try:
            result = impl.function()
            matters = list(result or [])
            for item in matters:
                if not isinstance(item, Matter):
                    raise TypeError(f"register_matters returned {type(item).__name__}, not a Matter")
        except Exception as exc:
            info.problems.append(Quarantine(name, "register_matters", _explain(exc)))
            continue
        try:
            problems = [
                Quarantine(name, "lint", e.message, e.matter, e.field)
                for m in matters
                for e in lint_matter(m)
            ]
        except Exception as exc:  # a declaration so malformed the rules cannot read it
            info.problems.append(Quarantine(name, "lint", _explain(exc)))
            continue
        keys = [m.key for m in matters]
        for key in {k for k in keys if keys.count(k) > 1}:
            problems.append(Quarantine(name, "lint", "key declared twice by this plugin", key, "key"))
        if problems:
            info.problems.extend(problems)
            continue
        declared.append((name, matters))
    for name, matters in declared:
        taken = [m.key for m in matters if m.key in host.matters]
        if taken:
            owner = host.matter_plugin[taken[0]]
            host.plugins[name].problems.append(
                Quarantine(name, "lint", f"key already registered by plugin {owner!r}", taken[0], "key")
            )
            continue
        for m in matters:
            host.matters[m.key] = m
            host.matter_plugin[m.key] = name
        host.plugins[name].matters = [m.key for m in matters]
    while True:  # removing a plugin's matters can break another plugin's bundle
        _check_bundles(host)
        removed = False
        for info in host.quarantined:
            plugin = pm.get_plugin(info.name)
            if plugin is not None:
                pm.unregister(plugin)
            for key in info.matters:
                if host.matters.pop(key, None) is not None:
                    removed = True
                host.matter_plugin.pop(key, None)
        if not removed:
            break


def _check_bundles(host: PluginHost) -> None:
    for matter in list(host.matters.values()):
        if not isinstance(matter, Bundle):
            continue
        name = host.matter_plugin[matter.key]
        missing = [k for k in matter.members if k not in host.matters]
        if (missing or not matter.members) and not host.plugins[name].quarantined:
            reason = f"bundle members not in the catalog: {', '.join(missing)}" if missing else "bundle has no members"
            host.plugins[name].problems.append(Quarantine(name, "lint", reason, matter.key, "members"))


def _explain(exc: BaseException) -> str:
    frame = traceback.extract_tb(exc.__traceback__)[-1] if exc.__traceback__ else None
    where = f" ({Path(frame.filename).name}:{frame.lineno})" if frame else ""
    return f"{type(exc).__name__}: {exc}{where}"


def load_path(path: str) -> PluginHost:
    """Load one plugin from a file, a package folder or an installed distribution's name.

    Used by `kuaiban plugins check` so an author sees the host's verdict before publishing.
    """
    target = Path(path)
    if target.exists():
        module_path = target / "__init__.py" if target.is_dir() else target
        name = target.stem if target.is_file() else target.name
        if target.is_dir() and (target / "pyproject.toml").exists():
            return _load_source_distribution(target)

        def loader():
            spec = importlib.util.spec_from_file_location(name, module_path)
            if spec is None or spec.loader is None:
                raise ImportError(f"cannot import {module_path}")
            module = importlib.util.module_from_spec(spec)
            sys.modules[name] = module
            spec.loader.exec_module(module)
            return module

        return _load_with(name, loader)
    eps = [ep for ep in metadata.entry_points(group=ENTRY_POINT_GROUP) if ep.dist and ep.dist.name == path]
    if not eps:
        raise LookupError(f"{path!r} is neither a file, a folder nor an installed distribution with "
                          f"'{ENTRY_POINT_GROUP}' entry points")
    return load(entry_points=False, extra_entry_points=eps)


def _load_source_distribution(folder: Path) -> PluginHost:
    import tomllib

    data = tomllib.loads((folder / "pyproject.toml").read_text(encoding="utf-8"))
    eps = data.get("project", {}).get("entry-points", {}).get(ENTRY_POINT_GROUP, {})
    if not eps:
        raise LookupError(f"{folder}/pyproject.toml declares no '{ENTRY_POINT_GROUP}' entry points")
    sys.path.insert(0, str(folder))
    try:
        built = [metadata.EntryPoint(name=n, value=v, group=ENTRY_POINT_GROUP) for n, v in eps.items()]
        return load(entry_points=False, extra_entry_points=built)
    finally:
        sys.path.remove(str(folder))


def _load_with(name: str, loader) -> PluginHost:
    pm = new_manager()
    host = PluginHost(pm=pm, plugins={}, matters={}, matter_plugin={})
    _register(host, name, loader, "", "", False)
    _collect_matters(host)
    return host
