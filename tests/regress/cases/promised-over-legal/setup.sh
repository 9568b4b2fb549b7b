sed -i 's/time_limit: {legal: 5, promised: 1, unit: 工作日}/time_limit: {legal: 5, promised: 10, unit: 工作日}/' ed/matters/hukou.md
sed -i 's/time_limit: {legal: 20, promised: 3, unit: 工作日}/time_limit: {legal: 20, promised: 3, unit: 自然日}/' ed/matters/birth-cert.md
