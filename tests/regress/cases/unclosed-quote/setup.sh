sed -i 's/^name: 样例派出所户籍窗口/name: "样例派出所户籍窗口/' ed/offices/police.md
