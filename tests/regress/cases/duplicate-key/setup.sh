sed -i 's/^title: 出生登记（户口登记）/title: 出生登记（户口登记）\n事项名称: 出生登记/' ed/matters/hukou.md
sed -i 's/^visits: 1/visits: 1\nvisits: 2/' ed/matters/birth-cert.md
