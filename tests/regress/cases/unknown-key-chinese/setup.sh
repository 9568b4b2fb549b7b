sed -i 's/form: 原件, copies: 1}/材料形势: 原件, copies: 1}/; s/^department:/实施主休:/' ed/matters/hukou.md
