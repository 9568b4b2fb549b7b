sed -i 's/^disclosure: 主动公开/disclosure: 依申请公开/' ed/matters/hukou.md
