#!/usr/bin/env python3
"""scan_pages.py [-x EDITION.xml]... PDF... — read `pdftotext -bbox-layout`
of handbooks and leaflets (issue 12) and fail on:
  - a heading as the last line of a page: a section label (办事须知…),
    a question of a body (问：…？), or a title, office or department
    named in the edition's XML (-x);
  - a table's header row (序号 / 材料名称 / 项目 …) as the last line of
    a page;
  - a loose line: three or more gaps between two Chinese characters
    opened by more than 1/10 em (justification stretches every gap of a
    line alike; a space written in the source opens one);
  - a straight quote " or ' beside a Chinese character.
Prints one line per finding; exit status 1 if any."""
import re
import subprocess
import sys
import html

WORD = re.compile(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" '
                  r'yMax="([\d.]+)">(.*?)</word>')
HEADER_ROWS = ('序号', '材料名称', '项目')
LABELS = {'办事须知', '办理地点', '办理流程', '一套材料（一次提交）', '申请材料',
          '常见问题', '注意事项', '政策解读', '办理材料',
          '减材料、减时限、减跑动、减环节'}
HEADINGS = set(LABELS)


def read_xml(path):
    text = open(path, encoding='utf-8').read()
    for m in re.finditer(r'<(title|name|department)>([^<]*)<', text):
        HEADINGS.add(html.unescape(m.group(2)).replace(' ', ''))


def heading(t):
    t = t.replace(' ', '')
    return t in HEADINGS or (t.startswith('问：') and t.endswith('？'))
CJK = r'\u3400-\u9fff\uf900-\ufaff'
CJKRE = re.compile('[%s]' % CJK)
QUOTE = re.compile(r'[%s][\'"]|[\'"][%s]' % (CJK, CJK))


def ideo(ch):
    return bool(CJKRE.match(ch))


def pages(path):
    out = subprocess.run(['pdftotext', '-bbox-layout', path, '-'],
                         capture_output=True, check=True).stdout
    out = out.decode('utf-8')
    for page in out.split('<page ')[1:]:
        lines = []
        for ln in page.split('<line ')[1:]:
            words = [(float(a), float(b), float(c), float(d),
                      html.unescape(t)) for a, b, c, d, t in WORD.findall(ln)]
            if words:
                lines.append(words)
        lines.sort(key=lambda w: (w[0][1], w[0][0]))
        yield lines


def scan(path):
    bad = []
    allp = list(pages(path))
    for pno, lines in enumerate(allp, 1):
        text = [''.join(w[4] for w in l) for l in lines]
        # drop the folio (a number alone) and the running head
        idx = [i for i, t in enumerate(text)
               if not re.fullmatch(r'\d+|[ivxlc]+', t)]
        if idx and lines[idx[0]][0][1] < 45 and len(idx) > 1:
            idx = idx[1:]
        # a heading starts at the left margin (not in a table's column)
        left = min((lines[i][0][0] for i in idx), default=0)
        if len(idx) > 2 and heading(text[idx[-1]]) and \
                lines[idx[-1]][0][0] <= left + 24:
            bad.append('%s p%d: heading at the page foot: %s'
                       % (path, pno, text[idx[-1]][:20]))
        if len(idx) > 2 and lines[idx[-1]][0][4] in HEADER_ROWS:
            bad.append('%s p%d: table header row at the page foot: %s'
                       % (path, pno, text[idx[-1]][:20]))
        for l, t in zip(lines, text):
            size = max(w[3] - w[1] for w in l) / 0.9
            loose = 0
            for a, b in zip(l, l[1:]):
                gap = (b[0] - a[2]) / size
                if ideo(a[4][-1]) and ideo(b[4][0]) and 0.1 < gap < 0.6:
                    loose += 1
            if loose >= 3:
                bad.append('%s p%d: loose line: %s' % (path, pno, t[:24]))
            if QUOTE.search(t):
                bad.append('%s p%d: straight quote: %s' % (path, pno, t[:30]))
    return bad


def main():
    bad = []
    args = sys.argv[1:]
    while len(args) > 1 and args[0] == '-x':
        read_xml(args[1])
        args = args[2:]
    for p in args:
        bad += scan(p)
    for b in bad:
        print(b)
    return 1 if bad else 0


if __name__ == '__main__':
    sys.exit(main())
