sed -i 's/^  - {name: 居民身份证, source: 申请人自备, form: 原件, copies: 1}/  - {材料形式: 原件, copies: 1}/' ed/matters/hukou.md
