#!/usr/bin/env python3
"""check.py SITE_DIR KIND [args] - static checks of a built portal.

Kinds (each prints "ok NAME" or "FAIL NAME: why"):
  links NAME        every href/src inside the site resolves (file and #fragment)
  external NAME     no external resource: no src/link/css url() outside the bundle
  qr NAME PORTAL    every QR code SVG decodes (zbarimg) to an https URL; guide
                    and matter pages without online URL point at PORTAL/path
  flow NAME         flowchart boxes never overlap; every flowchart has a step list
  grep NAME WORD..  none of the words occurs in any file under the site
  lang NAME         every page has lang="zh-CN", one <h1>, a skip link, <main>,
                    and no body section repeats its heading as its first
  pictures NAME     every picture of a body is a figure: the file is in the
                    site, and the alt text is also its caption
"""
import os, re, sys, subprocess, tempfile
from html.parser import HTMLParser
from urllib.parse import urlsplit, unquote

site, kind, name = sys.argv[1], sys.argv[2], sys.argv[3]
args = sys.argv[4:]
fails = []

def pages():
    for root, _, files in os.walk(site):
        for f in sorted(files):
            if f.endswith('.html'):
                yield os.path.join(root, f)

class Refs(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.refs, self.ids = [], set()
    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if 'id' in a:
            self.ids.add(a['id'])
        for k in ('href', 'src'):
            if k in a and a[k] is not None:
                self.refs.append((tag, k, a[k]))

parsed = {}
def parse(p):
    if p not in parsed:
        r = Refs()
        r.feed(open(p, encoding='utf-8').read())
        parsed[p] = r
    return parsed[p]

if kind == 'links':
    n = 0
    for p in pages():
        for tag, k, url in parse(p).refs:
            u = urlsplit(url)
            if u.scheme or url.startswith('//'):
                continue
            target = p if not u.path else os.path.normpath(os.path.join(os.path.dirname(p), unquote(u.path)))
            n += 1
            if not os.path.abspath(target).startswith(os.path.abspath(site)):
                fails.append('%s: %s leaves the site' % (p, url)); continue
            if not os.path.isfile(target):
                fails.append('%s: %s not found' % (p, url)); continue
            if u.fragment and target.endswith('.html') and u.fragment not in parse(target).ids:
                fails.append('%s: %s: no id %s' % (p, url, u.fragment))
    if n == 0:
        fails.append('no links found')

elif kind == 'external':
    for root, _, files in os.walk(site):
        for f in files:
            p = os.path.join(root, f)
            if f.endswith('.html'):
                for tag, k, url in parse(p).refs:
                    ext = urlsplit(url).scheme not in ('',) or url.startswith('//')
                    if ext and (k == 'src' or tag == 'link'):
                        fails.append('%s: external resource %s' % (p, url))
            if f.endswith('.css'):
                for m in re.finditer(r'url\(([^)]*)\)|@import', open(p, encoding='utf-8').read()):
                    fails.append('%s: %s' % (p, m.group(0)))
            if f.endswith('.js'):
                t = open(p, encoding='utf-8').read()
                if re.search(r'https?://|fetch\(|XMLHttpRequest', t) and '/search/' not in p:
                    fails.append('%s: network in script' % p)

elif kind == 'qr':
    portal = args[0].rstrip('/') if args else ''
    n = 0
    for p in pages():
        rel = os.path.relpath(p, site)
        t = open(p, encoding='utf-8').read()
        for m in re.finditer(r'<svg[^>]*class="qr"[^>]*viewBox="0 0 (\d+) \1"[^>]*>.*?<path ([^>]*)>', t):
            size, attrs = int(m.group(1)), m.group(2)
            d = re.search(r'\bd="([^"]*)"', attrs).group(1)
            grid = [[0] * size for _ in range(size)]
            if 'stroke="#000"' in attrs and 'fill="none"' in attrs:
                # A stroke of width 1 (butt caps): "h" lines through the
                # middle of a row cover the unit squares they pass.
                toks = re.findall(r'[MmHhVvZzLl]|-?\d*\.?\d+', d)
                x = y = 0.0
                i, cmd = 0, None
                while i < len(toks):
                    if toks[i].isalpha():
                        cmd = toks[i]
                        i += 1
                        continue
                    if cmd in 'Mm':
                        dx, dy = float(toks[i]), float(toks[i + 1])
                        x, y = (dx, dy) if cmd == 'M' else (x + dx, y + dy)
                        i += 2
                    elif cmd in 'Hh':
                        nx = float(toks[i]) if cmd == 'H' else x + float(toks[i])
                        if y - int(y) != 0.5 or x != int(x) or nx != int(nx):
                            fails.append('%s: QR line off the module grid' % rel)
                        for c in range(int(min(x, nx)), int(max(x, nx))):
                            grid[int(y)][c] = 1
                        x = nx
                        i += 1
                    else:
                        fails.append('%s: QR path command %r not understood' % (rel, cmd))
                        break
            else:
                for x, y, w in re.findall(r'M(\d+) (\d+)h(\d+)v1h-\d+z', d):
                    for i in range(int(w)):
                        grid[int(y)][int(x) + i] = 1
            s = 4
            with tempfile.NamedTemporaryFile('w', suffix='.pbm', delete=False) as f:
                f.write('P1\n%d %d\n' % (size * s, size * s))
                for row in grid:
                    line = ' '.join(str(v) for v in row for _ in range(s))
                    for _ in range(s):
                        f.write(line + '\n')
            out = subprocess.run(['zbarimg', '-q', '--raw', f.name], capture_output=True, text=True).stdout.strip()
            os.unlink(f.name)
            n += 1
            online = re.search(r'<a class="btn" href="([^"]*)"', t)
            want = online.group(1).replace('&amp;', '&') if online else portal + '/' + rel
            if out != want:
                fails.append('%s: QR decodes to %r, want %r' % (rel, out, want))
    if n == 0:
        fails.append('no QR code found')

elif kind == 'flow':
    n = 0
    for p in pages():
        t = open(p, encoding='utf-8').read()
        for fig in re.findall(r'<figure class="flow">(.*?)</figure>\s*<ol class="steps">(.*?)</ol>', t, re.S):
            n += 1
            boxes = [tuple(map(float, b)) for b in re.findall(
                r'<rect class="fb[^"]*" x="([\d.]+)" y="([\d.]+)" width="([\d.]+)" height="([\d.]+)"', fig[0])]
            for i in range(len(boxes)):
                for j in range(i + 1, len(boxes)):
                    a, b = boxes[i], boxes[j]
                    if a[0] < b[0] + b[2] and b[0] < a[0] + a[2] and a[1] < b[1] + b[3] and b[1] < a[1] + a[3]:
                        fails.append('%s: boxes %d and %d overlap' % (p, i, j))
            if fig[1].count('<li') != len(boxes):
                fails.append('%s: %d boxes but %d listed steps' % (p, len(boxes), fig[1].count('<li')))
        if '<figure class="flow">' in t and t.count('<figure class="flow">') != len(re.findall(r'<figure class="flow">.*?</figure>\s*<ol class="steps">', t, re.S)):
            fails.append('%s: flowchart without step list' % p)
    if n == 0:
        fails.append('no flowchart found')

elif kind == 'grep':
    import html, io, zipfile
    def parts(p, data):
        # a workbook (.xlsx, any zip) is read part by part, unpacked,
        # and its XML text with the entities resolved as well
        yield p, data
        if data[:4] != b'PK\x03\x04':
            return
        try:
            z = zipfile.ZipFile(io.BytesIO(data))
            for m in z.namelist():
                d = z.read(m)
                yield '%s:%s' % (p, m), d
                yield '%s:%s' % (p, m), html.unescape(d.decode('utf-8', 'replace')).encode()
        except zipfile.BadZipFile:
            fails.append('%s: a zip that does not open' % p)
    for root, _, files in os.walk(site):
        for f in files:
            p = os.path.join(root, f)
            seen = set()
            for where, data in parts(p, open(p, 'rb').read()):
                for w in args:
                    if (w.encode() in data or w in f) and (where, w) not in seen:
                        seen.add((where, w))
                        fails.append('%s contains %s' % (where, w))

elif kind == 'lang':
    for p in pages():
        t = open(p, encoding='utf-8').read()
        for need, what in (('<html lang="zh-CN">', 'lang'), ('class="skip" href="#main"', 'skip link'),
                           ('<main id="main"', 'main')):
            if need not in t:
                fails.append('%s: no %s' % (p, what))
        if t.count('<h1') != 1:
            fails.append('%s: %d h1' % (p, t.count('<h1')))
        # a body's own first heading that says what its section's does
        # ("## 注意事项" under 注意事项) is not shown twice
        for h in re.findall(r'<h2 id="h-more">([^<]*)</h2>\s*<div class="prose">\s*<h[3-6]>([^<]*)</h', t):
            if h[0] == h[1]:
                fails.append('%s: %s twice' % (p, h[0]))

elif kind == 'pictures':
    n = 0
    for p in pages():
        t = open(p, encoding='utf-8').read()
        for src, alt, cap in re.findall(r'<figure class="pic"><img src="([^"]+)" alt="([^"]*)">(?:<figcaption>(.*?)</figcaption>)?</figure>', t):
            n += 1
            f = os.path.normpath(os.path.join(os.path.dirname(p), unquote(src)))
            if not os.path.isfile(f) or os.path.getsize(f) == 0:
                fails.append('%s: %s is not in the site' % (p, src))
            if not alt or cap != alt:
                fails.append('%s: caption %r, alt %r' % (p, cap, alt))
    if n == 0:
        fails.append('no picture found')

if fails:
    print('FAIL %s: %s%s' % (name, '; '.join(fails[:5]), ' (+%d more)' % (len(fails) - 5) if len(fails) > 5 else ''))
else:
    print('ok %s' % name)
