sed -i 's/^updated: .*/updated: 2025-02-29/' ed/matters/hukou.md
sed -i 's/^updated: .*/updated: 2024-02-29/' ed/matters/ins.md
