sed -i 's/^updated: .*/updated: 2026-9-5/' ed/matters/hukou.md
sed -i 's/^updated: .*/updated: 2026年10月10日/' ed/guides/newborn.md
sed -i 's/^updated: .*/updated: 2026-10-00/' ed/matters/birth-cert.md
