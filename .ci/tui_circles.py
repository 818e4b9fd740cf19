#!/usr/bin/env python3
"""Reports import circles between the files of src/tui.

Follows every `crate::tui::`, `crate::`, `super::` and `self::` path in a
file (in `use` lines, braces included, and inline paths in code), resolves
it to the file of the module it names, and prints each strongly connected
group of files (a circle) with one cycle through it. Exit status 1 if there
is any. Usage: .ci/tui_circles.py [src/tui]
"""
import os
import re
import sys

ROOT = sys.argv[1] if len(sys.argv) > 1 else "src/tui"
SRC = os.path.dirname(ROOT.rstrip("/"))  # src


def module_of(path):
    """src/tui/screens/questions/answer.rs -> ['tui','screens','questions','answer']"""
    rel = os.path.relpath(path, SRC)[:-3].split(os.sep)
    if rel[-1] == "mod":
        rel = rel[:-1]
    return rel


FILES = {}
for d, _, fs in os.walk(ROOT):
    for f in fs:
        if f.endswith(".rs"):
            p = os.path.join(d, f)
            FILES[tuple(module_of(p))] = p


def strip(text):
    text = re.sub(r"//[^\n]*", "", text)  # comments and doc comments
    text = re.sub(r"/\*.*?\*/", "", text, flags=re.S)
    text = re.sub(r'"(\\.|[^"\\])*"', '""', text)  # strings
    return text


def expand_use(body):
    """`a::{b, c::{d, e}}` -> ['a::b', 'a::c::d', 'a::c::e']"""
    body = body.replace(" ", "").replace("\n", "")
    out = []

    def go(prefix, s):
        parts, depth, cur = [], 0, ""
        for ch in s:
            if ch == "," and depth == 0:
                parts.append(cur)
                cur = ""
                continue
            depth += ch == "{"
            depth -= ch == "}"
            cur += ch
        parts.append(cur)
        for p in parts:
            if not p:
                continue
            m = re.match(r"^(.*?)\{(.*)\}$", p)
            if m:
                go(prefix + m.group(1), m.group(2))
            else:
                out.append(prefix + p.split("as")[0] if "::as" in p else prefix + p)

    go("", body)
    return out


def resolve(mod, path):
    """The file a path names, from inside module `mod`; None if outside tui."""
    segs = [s for s in path.split("::") if s]
    if not segs:
        return None
    if segs[0] == "crate":
        cur = []
        segs = segs[1:]
    elif segs[0] in ("super", "self"):
        cur = list(mod)
        while segs and segs[0] in ("super", "self"):
            if segs[0] == "super":
                cur = cur[:-1]
            segs = segs[1:]
    else:
        return None
    best = None
    for s in segs:
        cur = cur + [s]
        if tuple(cur) in FILES:
            best = tuple(cur)
        else:
            break
    return best


def edges():
    g = {m: set() for m in FILES}
    for mod, path in FILES.items():
        text = strip(open(path, encoding="utf-8").read())
        paths = []
        for m in re.finditer(r"\buse\s+([^;]+);", text):
            paths += expand_use(m.group(1))
        for m in re.finditer(r"\b((?:crate|super|self)(?:::[A-Za-z_][A-Za-z0-9_]*)+)", text):
            paths.append(m.group(1))
        for p in paths:
            t = resolve(list(mod), p)
            if t and t != mod:
                g[mod].add(t)
    return g


def sccs(g):
    index, low, stack, on, out = {}, {}, [], set(), []
    counter = [0]

    def strong(v):
        index[v] = low[v] = counter[0]
        counter[0] += 1
        stack.append(v)
        on.add(v)
        for w in sorted(g[v]):
            if w not in index:
                strong(w)
                low[v] = min(low[v], low[w])
            elif w in on:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            comp = []
            while True:
                w = stack.pop()
                on.discard(w)
                comp.append(w)
                if w == v:
                    break
            if len(comp) > 1:
                out.append(sorted(comp))

    sys.setrecursionlimit(10000)
    for v in sorted(g):
        if v not in index:
            strong(v)
    return out


def cycle(g, comp):
    """One cycle through the group, from its first file."""
    comp = set(comp)
    start = min(comp)
    prev, todo = {start: None}, [start]
    while todo:
        v = todo.pop(0)
        for w in sorted(g[v]):
            if w == start:
                path = [v]
                while prev[path[-1]] is not None:
                    path.append(prev[path[-1]])
                return list(reversed(path)) + [start]
            if w in comp and w not in prev:
                prev[w] = v
                todo.append(w)
    return [start]


def name(m):
    return FILES[m].replace(os.sep, "/")


def main():
    g = edges()
    groups = sccs(g)
    for comp in groups:
        print(f"circle of {len(comp)} files:")
        for m in comp:
            inside = sorted(name(t) for t in g[m] if t in comp)
            print(f"  {name(m)} -> {', '.join(inside)}")
        print("  e.g. " + " -> ".join(name(m) for m in cycle(g, comp)))
    if not groups:
        print(f"no circles among {len(FILES)} files")
    return 1 if groups else 0


sys.exit(main())
