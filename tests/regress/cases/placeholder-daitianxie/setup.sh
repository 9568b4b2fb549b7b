sed -i 's/^title: .*/title: 待填写/' ed/matters/hukou.md
