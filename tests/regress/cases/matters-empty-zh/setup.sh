sed -i 's/^matters: .*/包含事项: []/' ed/guides/newborn.md
