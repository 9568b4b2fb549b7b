cp ed/guides/newborn.md ed/guides/zz-newborn.md && sed -i 's/^title: .*/title: 新生儿出生（副本）/' ed/guides/zz-newborn.md
