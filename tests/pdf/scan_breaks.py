#!/usr/bin/env python3
"""scan_breaks.py PDF... — read `pdftotext -layout` of handbooks and
leaflets and fail on a number split from its unit at a line end
(1 / 个工作日), a split time range (09:00 / —17:00) or a heading
label left as the last line of a page. Prints one line per finding."""
import re
import subprocess
import sys

UNIT = re.compile(r'^(个工作日|个自然日|个月|个小时|个|工作日|自然日|小时|分钟|'
                  r'周岁|份|次|元|天(?!河)|年|周(?![一二三四五六日末])|张|本|件|页|岁|人|名|户|项|条|位|台|'
                  r'辆|套|万|千克|公斤|公里|平方米)')
TIME_END = re.compile(r'\d{1,2}:\d{2}\s*[—–\-~～至到]?$')
TIME_START = re.compile(r'^[—–\-~～至到]?\s*\d{1,2}:\d{2}')
LABELS = ('办事须知', '办理地点', '办理流程', '一套材料（一次提交）',
          '常见问题', '注意事项', '政策解读', '办理材料')


def cells(line):
    """The pieces of a -layout line (columns are 2+ spaces apart)."""
    return [c for c in re.split(r'\s{2,}', line.strip()) if c]


def scan(path):
    out = subprocess.run(['pdftotext', '-layout', path, '-'],
                         capture_output=True, check=True).stdout
    bad = []
    for pno, page in enumerate(out.decode('utf-8').split('\f'), 1):
        lines = [l for l in page.split('\n') if l.strip()]
        for a, b in zip(lines, lines[1:]):
            ea, sb = a.rstrip(), b.strip()
            # pdftotext spaces out the characters of a justified line
            sb = re.sub(r'(?<=[\u4e00-\u9fff]) (?=[\u4e00-\u9fff])', '', sb)
            # a column layout: compare the first cell of the next line
            # only with lines ending in one piece at the same column
            if len(cells(a)) != len(cells(b)):
                continue
            if re.search(r'\d$', ea) and UNIT.match(sb) and \
                    not re.search(r'[\d.:/-]\d*$', ea[:-1] or ' ') or \
                    (re.search(r'(^|[^\d.])\d+$', ea) and UNIT.match(sb)):
                bad.append('%s p%d: number/unit split: %s / %s'
                           % (path, pno, ea[-12:], sb[:12]))
            if TIME_END.search(ea) and TIME_START.match(sb) and \
                    not re.search(r'[—–\-~～至到]\s*\d{1,2}:\d{2}$', ea):
                bad.append('%s p%d: time range split: %s / %s'
                           % (path, pno, ea[-12:], sb[:12]))
        # the last line is the folio; the one before it must not be a label
        body = [l.strip() for l in lines if not re.fullmatch(r'\s*\d+\s*', l)]
        if len(body) > 1 and body[-1] in LABELS:
            bad.append('%s p%d: heading at the page foot: %s'
                       % (path, pno, body[-1]))
    return bad


def main():
    bad = []
    for p in sys.argv[1:]:
        bad += scan(p)
    for b in bad:
        print(b)
    return 1 if bad else 0


if __name__ == '__main__':
    sys.exit(main())
