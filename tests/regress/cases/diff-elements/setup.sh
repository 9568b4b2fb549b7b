mkdir -p old && cp -R ed old/ed
sed -i 's/{name: 居民身份证, source: 申请人自备, form: 原件, copies: 1}/{name: 居民身份证, source: 申请人自备, form: 原件, copies: 2}/' ed/matters/birth-cert.md
sed -i 's/^  - {name: 出生医学证明, source: 卫生健康部门, form: 电子证照, shared: true}/  - {name: 出生医学证明, source: 卫生健康部门, form: 电子证照, shared: true}\n  - {name: 出生登记申请表, source: 派出所, form: 原件, copies: 1}/' ed/matters/hukou.md
sed -i 's/^date: 2026-11-20/date: 2026-12-01/' ed/edition.md
