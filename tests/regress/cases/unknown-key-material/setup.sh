sed -i 's/form: 原件, copies: 1}/form: 原件, copis: 1}/' ed/matters/hukou.md
