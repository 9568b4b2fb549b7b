sed -i 's/^offices: \[police\]/office: [police]/' ed/matters/hukou.md
