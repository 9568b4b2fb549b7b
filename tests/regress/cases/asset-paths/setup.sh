# Asset paths as editors write them: with or without "assets/", with a
# space, a # and Chinese in the file name. The portal and the handbook
# build (exit 0, nothing said); the URLs are escaped (links checked by
# the html suite's checker on this output in tests/work/regress).
cp ed/assets/forms/birth-form.pdf "ed/assets/forms/出生 登记表.pdf"
sed -i 's|template: forms/birth-form.pdf|template: "assets/forms/出生 登记表.pdf"|' ed/matters/birth-cert.md
printf '\n![红点示意](<images/红点 示意#1.png>)\n\n![同一张图](<assets/images/红点 示意#1.png>)\n' >> ed/matters/hukou.md
