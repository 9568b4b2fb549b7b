printf -- '---\nid: bad\nname: 样例\nd\377istrict: 样例区\n---\n' > ed/offices/bad.md
printf -- '---\nid: bad2\nname: \346\240\267\344\276\213\346\240\267\344\276\213\n正文\346\240\267\344\276\213 \351 ok\n' > ed/offices/bad2.md
