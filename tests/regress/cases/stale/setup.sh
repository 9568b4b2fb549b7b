sed -i 's/^updated: 2026-08-01/updated: 2024-06-30/' ed/matters/ins.md
sed -i 's/^updated: 2026-09-15/updated: 2026-12-01/' ed/matters/hukou.md
