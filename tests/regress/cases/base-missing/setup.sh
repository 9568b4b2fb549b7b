sed -i 's/^region: 样例市/region: 样例市\nbase: city/' ed/edition.md
