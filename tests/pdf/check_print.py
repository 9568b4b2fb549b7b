#!/usr/bin/env python3
"""check_print.py — print PDF and leaflet checks of tests/pdf/suite.

usage: check_print.py print NAME PRINT.pdf SADDLE.pdf
       check_print.py leaflets NAME OUTDIR XML [PAGES]
Prints "ok NAME-test" / "FAIL NAME-test: why".
"""
import json
import os, re, subprocess, sys, zlib
import xml.etree.ElementTree as ET

NS = {"e": "urn:ybt:edition:1"}


def run(args):
    p = subprocess.run(args, capture_output=True)
    return p.returncode, p.stdout.decode("utf-8", "replace"), p.stderr.decode("utf-8", "replace")


def squash(s):
    return "".join(ch for ch in s if not ch.isspace() and ord(ch) <= 0xFFFF)


def report(name, test, why=None):
    print(f"ok {name}-{test}" if why is None else f"FAIL {name}-{test}: {why}")


def npages(pdf):
    rc, out, _ = run(["pdfinfo", pdf])
    m = re.search(r"^Pages:\s+(\d+)", out, re.M)
    return int(m.group(1)) if m else 0


def content_ops(pdf):
    """Decompressed content of every stream, as text."""
    rc, out, err = run(["qpdf", "--qdf", "--object-streams=disable", pdf, "-"])
    return out


def check_print(name, pdf, saddle):
    for f, t in ((pdf, "qpdf"), (saddle, "saddle-qpdf")):
        rc, out, err = run(["qpdf", "--check", f])
        report(name, t, None if rc == 0 else (out + err).strip()[-200:])
    rc, out, _ = run(["pdffonts", pdf])
    rows = out.splitlines()[2:]
    bad = [r for r in rows if len(r.split()) >= 5 and r.split()[-5] != "yes"]
    report(name, "print-fonts-embedded", None if rows and not bad else f"{bad or 'no fonts'}")
    n = npages(pdf)
    report(name, "print-pad4", None if n and n % 4 == 0 else f"{n} pages")
    rc, out, _ = run(["pdfinfo", "-box", "-f", "1", "-l", str(n), pdf])
    trims = re.findall(r"TrimBox:\s+([-\d.]+)\s+([-\d.]+)\s+([-\d.]+)\s+([-\d.]+)", out)
    bleeds = re.findall(r"BleedBox:\s+([-\d.]+)\s+([-\d.]+)\s+([-\d.]+)\s+([-\d.]+)", out)
    ok = len(trims) == n and len(bleeds) == n and all(
        abs(float(t[0]) - float(b[0]) - 8.5) < 0.1 and abs(float(b[2]) - float(t[2]) - 8.5) < 0.1
        for t, b in zip(trims, bleeds))
    report(name, "print-boxes", None if ok else f"{len(trims)} TrimBox, {len(bleeds)} BleedBox on {n} pages")
    q = content_ops(pdf)
    rgb = len(re.findall(r"(?m)(?:^|\s)[\d.]+ [\d.]+ [\d.]+ (?:rg|RG)\s*$", q))
    k = len(re.findall(r"(?m)^0 0 0 1 k\s*$", q))
    report(name, "print-100k", None if rgb == 0 and k > 0 else f"{rgb} RGB colour operators, {k} 100% K fills")
    report(name, "print-no-links", None if "/Annots" not in q and "/Outlines" not in q else "annotations or outlines in the print PDF")
    # saddle order: each half-sheet shows the page the order says
    ns = npages(saddle)
    rc, out, _ = run(["pdfinfo", "-box", "-f", "1", "-l", "1", saddle])
    m = re.search(r"Page\s+1 size:\s+([\d.]+) x ([\d.]+)", out) or re.search(r"Page size:\s+([\d.]+) x ([\d.]+)", out)
    W, H = float(m.group(1)), float(m.group(2))
    errs = []
    total = 2 * ns
    # a spread of sheets (all of them would take minutes on a big book)
    for s in sorted(set([0, 1, 2, ns // 3, ns // 2 - 1, ns // 2, 2 * ns // 3, ns - 2, ns - 1]) & set(range(ns))):
        lo, hi = s, total - 1 - s
        left, right = (hi, lo) if s % 2 == 0 else (lo, hi)
        for half, want in ((0, left), (1, right)):
            x = 0 if half == 0 else int(W / 2)
            rc, t, _ = run(["pdftotext", "-f", str(s + 1), "-l", str(s + 1), "-x", str(x), "-y", "0",
                            "-W", str(int(W / 2)), "-H", str(int(H)), "-r", "72", saddle, "-"])
            if want < n:
                rc, ref, _ = run(["pdftotext", "-f", str(want + 1), "-l", str(want + 1), pdf, "-"])
            else:
                ref = ""
            if sorted(squash(t)) != sorted(squash(ref)):  # same characters; reading order may differ
                errs.append(f"sheet {s + 1} {'left' if half == 0 else 'right'}: not page {want + 1}")
        if len(errs) > 3:
            break
    report(name, "saddle-order", None if ns * 2 == n and not errs else f"{ns} sheets for {n} pages; {errs[:2]}")


def check_leaflets(name, outdir, xmlf, per=1):
    root = ET.parse(xmlf).getroot()
    portal = root.get("portal") or ""
    guides = root.findall("e:guides/e:guide", NS)
    errs, qerr, terr = [], [], []
    for g in guides:
        gid = g.get("id")
        pdf = os.path.join(outdir, "leaflets", gid + ".pdf")
        n = npages(pdf)
        if n != per:
            errs.append(f"{gid}: {n} pages")
            continue
        rc, raw, _ = run(["pdftotext", "-raw", pdf, "-"])
        flat = squash(raw)
        for l in g.iterfind("e:checklist/e:line", NS):
            if squash(l.get("name")) not in flat:
                terr.append(f"{gid}: {l.get('name')}")
        online = g.find("e:online", NS)
        url = online.get("url") if online is not None and online.get("url") else \
            (portal + ("" if portal.endswith("/") else "/") + "guide/" + gid + ".html" if portal else None)
        if url and shutil_which("zbarimg"):
            png = os.path.join(outdir, "qr-" + gid)
            run(["pdftoppm", "-r", "150", "-png", "-f", "1", "-l", "1", pdf, png])
            files = [f for f in os.listdir(outdir) if f.startswith("qr-" + gid) and f.endswith(".png")]
            rc, out, _ = run(["zbarimg", "-q", "--raw"] + [os.path.join(outdir, f) for f in files])
            if url not in out.splitlines():
                qerr.append(f"{gid}: decoded {out.strip()[:80]!r}, want {url}")
    report(name, "leaflet-pages", None if not errs else "; ".join(errs[:3]))
    report(name, "leaflet-checklist", None if not terr else f"{len(terr)} missing, e.g. {terr[:2]}")
    if shutil_which("zbarimg"):
        report(name, "leaflet-qr", None if not qerr else "; ".join(qerr[:2]))
    allp = npages(os.path.join(outdir, "leaflets.pdf"))
    report(name, "leaflets-all", None if allp == per * len(guides) else f"{allp} pages for {len(guides)} guides")
    # one bookmark per guide, in guide order, on the guide's first page
    rc, out, _ = run(["qpdf", "--json", "--json-key=outlines",
                      os.path.join(outdir, "leaflets.pdf")])
    try:
        marks = [(o["title"], o["destpageposfrom1"])
                 for o in json.loads(out)["outlines"]]
    except (ValueError, KeyError):
        marks = None
    want = [(g.findtext("e:title", "", NS), 1 + per * i) for i, g in enumerate(guides)]
    report(name, "leaflets-bookmarks", None if marks == want else
           f"got {marks[:3] if marks else marks}, want {want[:3]}")
    # nothing outside the page
    rc, out, _ = run(["pdftotext", "-bbox", os.path.join(outdir, "leaflets.pdf"), "-"])
    bad = 0
    for pm in re.finditer(r'<page width="([\d.]+)" height="([\d.]+)">(.*?)</page>', out, re.S):
        W, H = float(pm.group(1)), float(pm.group(2))
        for w in re.finditer(r'xMin="([-\d.]+)" yMin="([-\d.]+)" xMax="([-\d.]+)" yMax="([-\d.]+)"', pm.group(3)):
            x0, y0, x1, y1 = map(float, w.groups())
            if x0 < 0 or y0 < 0 or x1 > W or y1 > H:
                bad += 1
    report(name, "leaflet-inside-page", None if bad == 0 else f"{bad} words outside the page")


def shutil_which(p):
    import shutil
    return shutil.which(p)


if sys.argv[1] == "print":
    check_print(*sys.argv[2:5])
else:
    check_leaflets(sys.argv[2], sys.argv[3], sys.argv[4], int(sys.argv[5]) if len(sys.argv) > 5 else 1)
