sed -i 's/^synonyms:/别名:/' ed/guides/newborn.md
