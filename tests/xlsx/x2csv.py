# x2csv.py BOOK.xlsx DIR bom|gb — each sheet of a workbook as DIR/<sheet>.csv,
# UTF-8 with a BOM or GB18030 as Excel on a Chinese Windows writes it
# (quoted fields, CRLF). For tests/xlsx only: a second reader of ybt's
# workbooks that shares no code with xlsx_read.c.
import sys, zipfile, re, csv, io
import xml.etree.ElementTree as ET
ns = {'m': 'http://schemas.openxmlformats.org/spreadsheetml/2006/main'}
src, outdir, enc = sys.argv[1], sys.argv[2], sys.argv[3]
z = zipfile.ZipFile(src)
sst = [''.join(t.text or '' for t in si.iter('{%s}t' % ns['m'])) for si in ET.fromstring(z.read('xl/sharedStrings.xml')).findall('m:si', ns)]
names = [s.get('name') for s in ET.fromstring(z.read('xl/workbook.xml')).find('m:sheets', ns)]
for i, name in enumerate(names, 1):
    root = ET.fromstring(z.read('xl/worksheets/sheet%d.xml' % i))
    rows = []
    for r in root.iter('{%s}row' % ns['m']):
        row = {}
        for c in r.findall('m:c', ns):
            col = 0
            for ch in re.match('[A-Z]+', c.get('r')).group(0):
                col = col * 26 + ord(ch) - 64
            v = c.find('m:v', ns)
            row[col - 1] = sst[int(v.text)] if c.get('t') == 's' else (v.text if v is not None else '')
        rows.append([row.get(k, '') for k in range(max(row) + 1)] if row else [])
    buf = io.StringIO()
    csv.writer(buf, lineterminator='\r\n').writerows(rows)
    data = buf.getvalue()
    with open('%s/%s.csv' % (outdir, name), 'wb') as f:
        f.write(b'\xef\xbb\xbf' + data.encode() if enc == 'bom' else data.encode('gb18030'))
