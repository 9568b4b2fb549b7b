cp -R ed th
rm -rf th/guides/* th/matters/* th/procedures/* th/offices/* th/assets
sed -i 's/^region: 样例市/region: 样例区\nbase: ed/' th/edition.md
sed 's/^disclosure: 主动公开/disclosure: 不予公开/' ed/matters/ins.md > th/matters/ins.md
