sed -i 's/^time_limit: .*/time_limit: {legal: 5, promised: 待填写, unit: 工作日}/; s/^result: .*/result: {name: XXX, delivery: [窗口领取]}/' ed/matters/hukou.md
sed -i 's/{no: A01, serves: 出生医学证明}/{no: 待填写, serves: 出生医学证明}/' ed/offices/city-hall.md
