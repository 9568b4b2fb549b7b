sed -i 's/^updated: 2026-09-15/updated: 2026-02-30/' ed/matters/hukou.md
sed -i 's/^updated: 2026-08-01/updated: 2026年8月1日/' ed/matters/ins.md
sed -i 's/^date: 2026-11-20/date: 2026-13-01/' ed/edition.md
