sed -i 's/^type: 行政确认/type: 行政确定/; s/^kind: 承诺件/kind: 承诺/' ed/matters/hukou.md
sed -i 's/^audience: 个人/audience: 企业/' ed/guides/newborn.md
sed -i 's/^disclosure: 主动公开/disclosure: 公开/' ed/matters/birth-cert.md
