# doctor.py MODE SRC.xlsx DST.xlsx — rewrite a workbook ybt wrote (with
# libxlsxwriter) as departments' workbooks look, for tests/xlsx only:
#   dates1900 / dates1904  the 事项 sheet's 更新日期 cells as date-formatted
#                serial numbers (built-in format 14; the second row a custom
#                yyyy"年"m"月"d"日" format), in the 1900 or 1904 date system
#   headers    事项: a two-row header (办结时限 merged over 法定 and 承诺,
#                the other headers merged down over both rows), stray and
#                full-width spaces in a header; 申请材料: a title row merged
#                over the table, one 事项编号 merged down beside that
#                matter's material rows
import sys, zipfile, re, datetime
mode, src, dst = sys.argv[1:4]
zi = zipfile.ZipFile(src)
parts = {n: zi.read(n) for n in zi.namelist()}
S = lambda n: parts[n].decode()
sst = re.findall(r'<si>(.*?)</si>', S('xl/sharedStrings.xml'), re.S)
sst = [re.sub(r'<[^>]+>', '', x) for x in sst]
names = re.findall(r'<sheet name="([^"]*)"', S('xl/workbook.xml'))
def sheet(name): return 'xl/worksheets/sheet%d.xml' % (names.index(name) + 1)
def colnum(ref):
    n = 0
    for ch in re.match('[A-Z]+', ref).group(0): n = n * 26 + ord(ch) - 64
    return n - 1
def colname(i):
    s = ''
    i += 1
    while i: i, r = divmod(i - 1, 26); s = chr(65 + r) + s
    return s
def header_col(xml, text):
    for m in re.finditer(r'<c r="([A-Z]+)1"[^>]*t="s"[^>]*><v>(\d+)</v></c>', xml):
        if sst[int(m.group(2))] == text: return m.group(1)
    raise SystemExit('no header ' + text)
def inline(ref, text): return '<c r="%s" t="inlineStr"><is><t>%s</t></is></c>' % (ref, text)
def shift(xml, k):
    xml = re.sub(r'<row r="(\d+)"', lambda m: '<row r="%d"' % (int(m.group(1)) + k), xml)
    return re.sub(r'<c r="([A-Z]+)(\d+)"', lambda m: '<c r="%s%d"' % (m.group(1), int(m.group(2)) + k), xml)
def add_merges(xml, refs):
    m = '<mergeCells count="%d">%s</mergeCells>' % (len(refs), ''.join('<mergeCell ref="%s"/>' % r for r in refs))
    return xml.replace('</sheetData>', '</sheetData>' + m, 1)

if mode.startswith('dates'):
    d1904 = mode == 'dates1904'
    st = S('xl/styles.xml')
    n = int(re.search(r'<cellXfs count="(\d+)"', st).group(1))
    st = st.replace('<cellXfs count="%d">' % n, '<cellXfs count="%d">' % (n + 2))
    st = st.replace('</cellXfs>', '<xf numFmtId="14" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>'
                    '<xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/></cellXfs>')
    fmt = '<numFmt numFmtId="164" formatCode="yyyy&quot;年&quot;m&quot;月&quot;d&quot;日&quot;"/>'
    if '<numFmts' in st:
        st = re.sub(r'<numFmts count="(\d+)">', lambda m: '<numFmts count="%d">' % (int(m.group(1)) + 1) + fmt, st)
    else:
        st = st.replace('<fonts', '<numFmts count="1">' + fmt + '</numFmts><fonts', 1)
    parts['xl/styles.xml'] = st.encode()
    if d1904:
        parts['xl/workbook.xml'] = S('xl/workbook.xml').replace('<workbookPr ', '<workbookPr date1904="1" ', 1).encode()
    p = sheet('事项'); x = S(p); col = header_col(x, '更新日期')
    base = datetime.date(1904, 1, 1) if d1904 else datetime.date(1899, 12, 30)
    count = [0]
    def todate(m):
        v = sst[int(m.group(3))]
        y, mo, d = map(int, v.split('-'))
        count[0] += 1
        return '<c r="%s%s" s="%d"><v>%d</v></c>' % (m.group(1), m.group(2), n + (1 if count[0] == 1 else 0), (datetime.date(y, mo, d) - base).days)
    x = re.sub(r'<c r="(%s)(\d+)"[^>]*t="s"[^>]*><v>(\d+)</v></c>' % col, lambda m: m.group(0) if m.group(2) == '1' else todate(m), x)
    parts[p] = x.encode()
elif mode == 'headers':
    p = sheet('事项'); x = S(p)
    legal, prom = header_col(x, '办结时限.法定'), header_col(x, '办结时限.承诺')
    hdr = re.search(r'<row r="1"[^>]*>(.*?)</row>', x, re.S)
    cells = re.findall(r'<c r="([A-Z]+)1"[^>]*><v>(\d+)</v></c>', hdr.group(1))
    up, low, merges = [], [], []
    for c, v in cells:
        if c == legal:
            up.append(inline(c + '1', '办结时限')); merges.append('%s1:%s1' % (legal, prom))
            low.append(inline(c + '2', '法定'))
        elif c == prom:
            low.append(inline(c + '2', '承诺'))
        else:
            text = sst[int(v)]
            if text == '事项名称': text = ' 事项 名称\u3000'
            if text == '实施主体': text = '实施主体\n'
            up.append(inline(c + '1', text)); merges.append('%s1:%s2' % (c, c))
    x = shift(x, 1)
    x = re.sub(r'<row r="2"[^>]*>.*?</row>', '<row r="1">%s</row><row r="2">%s</row>' % (''.join(up), ''.join(low)), x, 1, re.S)
    parts[p] = add_merges(x, merges).encode()
    p = sheet('申请材料'); x = S(p)
    rows = re.findall(r'<row r="(\d+)"[^>]*>(.*?)</row>', x, re.S)
    ncol = max(colnum(c) for r, body in rows for c in re.findall(r'<c r="([A-Z]+)\d+"', body))
    # the first matter with three or more materials: one merged 事项编号
    ids = [(int(r), re.search(r'<c r="A\d+"[^>]*><v>(\d+)</v></c>', body).group(1)) for r, body in rows[1:]]
    first = next(i for i in range(len(ids) - 2) if ids[i][1] == ids[i + 1][1] == ids[i + 2][1])
    r0 = ids[first][0]; r1 = r0
    while r1 - r0 + first + 1 < len(ids) and ids[r1 - r0 + first + 1][1] == ids[first][1]: r1 += 1
    for r in range(r0 + 1, r1 + 1):
        x = re.sub(r'<c r="A%d"[^>]*><v>\d+</v></c>' % r, '', x, 1)
    x = shift(x, 1)
    x = x.replace('<sheetData>', '<sheetData><row r="1">%s</row>' % inline('A1', '广州市政务服务事项申请材料清单'), 1)
    parts[p] = add_merges(x, ['A1:%s1' % colname(ncol), 'A%d:A%d' % (r0 + 1, r1 + 1)]).encode()
else:
    raise SystemExit('mode?')
zo = zipfile.ZipFile(dst, 'w', zipfile.ZIP_DEFLATED)
for n in zi.namelist(): zo.writestr(n, parts[n])
zo.close()
