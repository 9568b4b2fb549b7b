sed -i 's/^title: 出生登记（户口登记）/title: 出生登记（𠮷野家）/' ed/matters/hukou.md
printf '\n姓名含生僻字“𠮷”的，请携带户口簿。\n' >> ed/matters/hukou.md
