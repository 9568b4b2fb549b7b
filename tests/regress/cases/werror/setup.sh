sed -i 's/^updated: 2026-09-15/updated: 2024-09-15/' ed/matters/hukou.md
