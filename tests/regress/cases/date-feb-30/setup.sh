sed -i 's/^updated: .*/updated: 2026-02-30/' ed/matters/hukou.md
