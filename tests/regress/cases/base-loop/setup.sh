cp -R ed th
rm -rf th/guides/* th/matters/* th/procedures/* th/offices/*
sed -i 's/^region: 样例市/region: 样例区\nbase: ed/' th/edition.md
sed -i 's/^region: 样例市/region: 样例市\nbase: th/' ed/edition.md
