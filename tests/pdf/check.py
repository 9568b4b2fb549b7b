#!/usr/bin/env python3
"""check.py — the handbook checks of tests/pdf/suite, on one edition.

usage: check.py NAME PDF XML  → prints "ok NAME-check" / "FAIL NAME-check: why"
Text comparisons ignore white space (line breaks and the ¼ em CJK-Latin
gaps become spaces in pdftotext's output) and characters beyond the BMP
(libharu 2.3.0 cannot draw them: ybt warns and draws a box instead).
"""
import json, re, subprocess, sys
import xml.etree.ElementTree as ET

name, pdf, xmlf = sys.argv[1:4]
NS = {"e": "urn:ybt:edition:1"}
FORBIDDEN_START = "。，、；：？！）》」』】〕"


def report(test, why=None):
    print(f"ok {name}-{test}" if why is None else f"FAIL {name}-{test}: {why}")


def squash(s):
    return "".join(ch for ch in s if not ch.isspace() and ord(ch) <= 0xFFFF)


def run(args):
    p = subprocess.run(args, capture_output=True, text=True)
    return p.returncode, p.stdout, p.stderr


root = ET.parse(xmlf).getroot()
guides = [(g.get("id"), g.findtext("e:title", "", NS)) for g in root.iterfind("e:guides/e:guide", NS)]
matters = [m.findtext("e:title", "", NS) for m in root.iterfind("e:matters/e:matter", NS)]
checklines = [l.get("name") for l in root.iterfind("e:guides/e:guide/e:checklist/e:line", NS)]

# qpdf --check
rc, out, err = run(["qpdf", "--check", pdf])
report("qpdf", None if rc == 0 else (out + err).strip().splitlines()[-1:])

# pdffonts: every font embedded
rc, out, err = run(["pdffonts", pdf])
rows = out.splitlines()[2:]
bad = [r for r in rows if len(r.split()) >= 5 and r.split()[-5] != "yes"]
report("fonts-embedded", None if rc == 0 and rows and not bad else f"not embedded: {bad or 'no fonts'}")

# pdftotext: no warning, every title and checklist line
rc, text, err = run(["pdftotext", pdf, "-"])
rc2, rawtext, err2 = run(["pdftotext", "-raw", pdf, "-"])
report("pdftotext-quiet", None if rc == 0 and err.strip() == "" else err.strip()[:200])
flat = squash(rawtext)  # content order: table cells stay whole
missing = [t for t in [g[1] for g in guides] + matters + checklines if squash(t) not in flat]
report("text-complete", None if not missing else f"{len(missing)} missing, e.g. {missing[:3]}")

# no line of -layout output starts with a forbidden mark
rc, lay, err = run(["pdftotext", "-layout", pdf, "-"])
badl = [l for l in lay.splitlines() if l.strip() and l.strip()[0] in FORBIDDEN_START]
report("no-forbidden-line-start", None if not badl else f"{len(badl)} lines, e.g. {badl[:2]}")

# page labels → label of every page index
rc, js, err = run(["qpdf", "--json", "--json-key=pagelabels", "--json-key=outlines", pdf])
data = json.loads(js)
ranges = sorted((r["index"], r["label"]) for r in data.get("pagelabels", []))
pages = text.split("\f")


def label(i):
    lab = None
    for idx, l in ranges:
        if idx <= i:
            lab = (l.get("/S"), l.get("/St", 1) + i - idx)
    return lab


# TOC numbers = real pages of chapter headings
lpages = lay.split("\f")
toc_pages = [i for i, p in enumerate(pages) if squash(p).startswith("目录")]
tocnums = {}
for i in toc_pages:
    for line in lpages[i].splitlines():
        m = re.match(r"^(.*?)[ .·]*\.{3,}[ .]*(\d+)\s*$", line)
        if m:
            tocnums[squash(m.group(1))] = int(m.group(2))
errs = []
for gid, title in guides:
    want = tocnums.get(squash(title))
    if want is None:
        errs.append(f"{title}: not in the contents")
        continue
    found = [i for i, p in enumerate(pages) if re.match(r"^第.{1,4}章", squash(p)) and squash(p)[squash(p).index("章") + 1:].startswith(squash(title))]
    if not found:
        errs.append(f"{title}: no chapter page")
        continue
    lab = label(found[0])
    if lab is None or lab[0] != "/D" or lab[1] != want:
        errs.append(f"{title}: contents say {want}, heading on page labelled {lab}")
report("toc-pages", None if not errs else "; ".join(errs[:3]))

# outlines for every chapter
titles = []


def walk(items):
    for it in items:
        titles.append(it.get("title", ""))
        walk(it.get("kids", []))


walk(data.get("outlines", []))
nol = [t for _, t in guides if t not in titles]
report("outlines", None if titles and not nol else f"no outline for {nol[:3]}")
