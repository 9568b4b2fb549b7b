sed -i 's/^updated: .*/updated: 2026-13-01/' ed/matters/hukou.md
