sed -i 's/^matters: .*/matters: []/' ed/guides/newborn.md
