sed -i 's/^department: .*/department: todo/' ed/matters/hukou.md
sed -i 's/^summary: .*/summary: " TBD "/' ed/guides/newborn.md
sed -i 's/^address: .*/address: Xxx/' ed/offices/police.md
sed -i 's/^transit: .*/transit: 待补充/' ed/offices/city-hall.md
