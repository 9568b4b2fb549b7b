cp -R ed new
sed -i 's/^visits: 1/visits: 0/' new/matters/hukou.md
rm new/matters/ins.md
sed -i 's/, ins\]/]/' new/guides/newborn.md
sed -i 's/签发后请核对/签发后请仔细核对/' new/matters/birth-cert.md
cp new/offices/police.md new/offices/police2.md; sed -i 's/^id: police/id: police2/' new/offices/police2.md
