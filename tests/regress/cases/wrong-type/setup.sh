sed -i 's/^visits: 1/visits: 两次/' ed/matters/hukou.md
sed -i 's/copies: 1, shared: true}/copies: 一份, shared: 是的}/' ed/matters/hukou.md
