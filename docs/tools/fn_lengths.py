#!/usr/bin/env python3
"""Function lengths of src/ (from `fn` to its closing brace, test modules aside).

Usage: python3 docs/tools/fn_lengths.py [--top N] [--over N]
Prints the count, the median and the longest functions. A small Rust lexer skips strings,
raw strings, chars and comments so braces inside them do not count.
"""
import re, sys, statistics, pathlib

FN = re.compile(r'^\s*(?:pub(?:\([^)]*\))?\s+)?(?:const\s+)?(?:async\s+)?(?:unsafe\s+)?(?:extern\s+"[^"]*"\s+)?fn\s+(\w+)')

def code_mask(src):
    """The source with strings, chars and comments replaced by spaces (newlines kept)."""
    out, i, n = [], 0, len(src)
    while i < n:
        c = src[i]
        if src.startswith('//', i):
            j = src.find('\n', i)
            j = n if j < 0 else j
            out.append(' ' * (j - i)); i = j
        elif src.startswith('/*', i):
            depth, j = 1, i + 2
            while j < n and depth:
                if src.startswith('/*', j): depth += 1; j += 2
                elif src.startswith('*/', j): depth -= 1; j += 2
                else: j += 1
            out.append(re.sub(r'[^\n]', ' ', src[i:j])); i = j
        elif (m := re.match(r'b?r(#*)"', src[i:i + 20])) and (i == 0 or not (src[i-1].isalnum() or src[i-1] == '_')):
            end = '"' + m.group(1)
            j = src.find(end, i + m.end())
            j = n if j < 0 else j + len(end)
            out.append(re.sub(r'[^\n]', ' ', src[i:j])); i = j
        elif c == '"':
            j = i + 1
            while j < n and src[j] != '"':
                j += 2 if src[j] == '\\' else 1
            j += 1
            out.append(re.sub(r'[^\n]', ' ', src[i:j])); i = j
        elif c == "'":
            m = re.match(r"'(?:\\(?:u\{[0-9a-fA-F]+\}|x..|.)|[^\\'])'", src[i:i + 12])
            if m:
                out.append(' ' * m.end()); i += m.end()
            else:
                out.append(c); i += 1
        else:
            out.append(c); i += 1
    return ''.join(out)

def strip_tests(lines):
    """Blank the bodies of `#[cfg(test)]` items."""
    keep, i = list(lines), 0
    while i < len(keep):
        if keep[i].strip().startswith('#[cfg(test)]'):
            depth, j, opened = 0, i, False
            while j < len(keep):
                depth += keep[j].count('{') - keep[j].count('}')
                opened = opened or '{' in keep[j]
                if (opened and depth <= 0) or (not opened and keep[j].rstrip().endswith(';') and j > i):
                    break
                j += 1
            for k in range(i, min(j + 1, len(keep))):
                keep[k] = ''
            i = j + 1
        else:
            i += 1
    return keep

def functions(path):
    lines = strip_tests(code_mask(path.read_text()).split('\n'))
    found = []
    for i, line in enumerate(lines):
        m = FN.match(line)
        if not m:
            continue
        depth, opened = 0, False
        for j in range(i, len(lines)):
            for ch in lines[j]:
                if ch == '{': depth += 1; opened = True
                elif ch == '}': depth -= 1
                elif ch == ';' and not opened and depth == 0: break
            else:
                if opened and depth == 0:
                    found.append((j - i + 1, f'{path}:{i + 1}', m.group(1)))
                    break
                continue
            break
    return found

def test_files(files):
    """Files declared as `#[cfg(test)] mod name;` (test modules kept in their own file)."""
    found = set()
    for p in files:
        text = p.read_text()
        for m in re.finditer(r'#\[cfg\(test\)\]\s*(?:pub(?:\([^)]*\))?\s+)?mod (\w+);', text):
            base = p.parent if p.name in ('mod.rs', 'lib.rs', 'main.rs') else p.parent / p.stem
            found |= {base / f'{m.group(1)}.rs', base / m.group(1) / 'mod.rs'}
    return found

def main():
    top = int(sys.argv[sys.argv.index('--top') + 1]) if '--top' in sys.argv else 10
    over = int(sys.argv[sys.argv.index('--over') + 1]) if '--over' in sys.argv else None
    files = sorted(pathlib.Path('src').rglob('*.rs'))
    fns = [f for p in files if p not in test_files(files) for f in functions(p)]
    lengths = [f[0] for f in fns]
    print(f'{len(fns)} functions, median {statistics.median(lengths)} lines, '
          f'{sum(l > 80 for l in lengths)} over 80, {sum(l <= 8 for l in lengths)} at most 8')
    for length, where, name in sorted(fns, reverse=True)[:top]:
        print(f'{length:5} {name} {where}')
    if over is not None:
        by_file = {}
        for length, where, name in fns:
            if length > over:
                f = where.rsplit(':', 1)[0]
                by_file[f] = by_file.get(f, 0) + 1
        for f, c in sorted(by_file.items(), key=lambda x: -x[1]):
            print(f'{c:4} over {over}: {f}')

main()
