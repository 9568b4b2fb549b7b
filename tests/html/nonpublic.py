#!/usr/bin/env python3
"""nonpublic.py EDITION_DIR [--exclude] — print "kind id<TAB>title" of every item in
effect in the edition (after base inheritance) that is not 主动公开:
what must never appear in its outputs. A plain reading of the front
matter, independent of ybt's own parser."""
import os, re, sys

def front(path):
    t = open(path, encoding='utf-8-sig', errors='replace').read()
    m = re.match(r'---\s*\n(.*?)\n---', t, re.S)
    return m.group(1) if m else ''

def key(fm, *names):
    for n in names:
        m = re.search(r'^' + re.escape(n) + r'\s*:\s*(.+?)\s*$', fm, re.M)
        if m:
            return m.group(1).strip().strip('"\'')
    return None

def chain(d):
    out = []
    while d and os.path.isdir(d) and d not in out:
        out.append(d)
        fm = front(os.path.join(d, 'edition.md')) if os.path.exists(os.path.join(d, 'edition.md')) else ''
        b = key(fm, 'base', '继承')
        d = os.path.join(os.path.dirname(d.rstrip('/')), b) if b else None
    return out

if len(sys.argv) > 2 and sys.argv[2] == '--exclude':
    # The ids the edition excludes (exclude/排除: inline list or block).
    fm = front(os.path.join(sys.argv[1], 'edition.md'))
    m = re.search(r'^(?:exclude|排除)\s*:\s*(\[.*?\]|\n(?:\s+-.*\n?)+)', fm, re.M)
    if m:
        for x in re.findall(r'[A-Za-z0-9][A-Za-z0-9:_-]*', m.group(1)):
            print(x.split(':')[-1])
    sys.exit(0)

items = {}
for d in reversed(chain(sys.argv[1].rstrip('/'))):   # base first, then overrides
    for kind in ('guides', 'matters'):
        k = os.path.join(d, kind)
        if not os.path.isdir(k):
            continue
        for f in sorted(os.listdir(k)):
            if f.endswith('.md'):
                fm = front(os.path.join(k, f))
                iid = key(fm, 'id', '编号') or f[:-3]
                items[(kind, iid)] = (key(fm, 'title', '标题', '事项名称') or '', key(fm, 'disclosure', '公开属性') or '')
for (kind, iid), (title, disc) in sorted(items.items()):
    if disc and disc != '主动公开':
        print('%s\t%s\t%s' % (kind, iid, title))
