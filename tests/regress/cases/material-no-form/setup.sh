sed -i 's/^  - {name: 居民身份证, source: 申请人自备, form: 原件, copies: 1}/  - {name: 居民身份证, source: 申请人自备, copies: 1}/' ed/matters/hukou.md
sed -i 's/^    form: 原件$/    form: /' ed/matters/birth-cert.md
