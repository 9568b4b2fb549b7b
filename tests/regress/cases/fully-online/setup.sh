sed -i 's/^visits: 0/visits: 1/' ed/matters/ins.md
sed -i 's/^offices: \[police\]/offices: []/; s/^visits: 1/visits: 0/' ed/matters/hukou.md
