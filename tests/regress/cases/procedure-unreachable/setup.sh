cat >> ed/procedures/newborn-flow.md.tmp <<'X'
X
sed -i 's/^---$/---/' ed/procedures/newborn-flow.md
sed -i '$d' ed/procedures/newborn-flow.md
printf '  - {id: archive, name: 归档, actor: 档案室, time: 5个工作日}\n---\n' >> ed/procedures/newborn-flow.md
rm -f ed/procedures/newborn-flow.md.tmp
