# A body table of 14 columns: the handbook sets 12, the rest go into the
# last column. check and build both warn; 12 columns pass.
python3 - ed/matters/birth-cert.md <<'PY'
import sys
f = sys.argv[1]
s = open(f, encoding='utf-8').read()
def table(n):
    t = '\n| ' + ' | '.join('第%d季度' % (i + 1) for i in range(n)) + ' |\n'
    t += '|' + '---|' * n + '\n'
    t += '| ' + ' | '.join(str(100 + i) for i in range(n)) + ' |\n'
    return t
s += '\n办理量统计：\n' + table(14) + '\n往年：\n' + table(12)
open(f, 'w', encoding='utf-8').write(s)
PY
