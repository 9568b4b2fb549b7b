cp -R ed th
rm -rf th/guides/* th/matters/* th/procedures/* th/offices/* th/assets
sed -i 's/^region: 样例市/region: 样例区\nbase: ed\nexclude: [hukou, no-such-thing]/' th/edition.md
