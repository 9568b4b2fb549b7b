sed -i 's/^disclosure: 主动公开/disclosure: 不予公开/' ed/guides/newborn.md
sed -i 's/^disclosure: 主动公开/disclosure: 不予公开/' ed/matters/hukou.md
