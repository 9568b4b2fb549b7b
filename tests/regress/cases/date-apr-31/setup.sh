sed -i 's/^updated: .*/updated: 2026-04-31/' ed/guides/newborn.md
