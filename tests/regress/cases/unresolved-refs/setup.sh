sed -i 's/matters: \[birth-cert, hukou, ins\]/matters: [birth-cert, hukuo, ins, marriage]/; s/procedure: newborn-flow/procedure: newborn-flwo/' ed/guides/newborn.md
sed -i 's/^offices: \[police\]/offices: [police, district-hall]/' ed/matters/hukou.md
