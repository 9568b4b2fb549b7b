sed -i 's/^matters: .*/matters: [birth-cert, hukou, ins, 待补充]/; s/^synonyms: .*/synonyms: [生孩子, TODO]/' ed/guides/newborn.md
