sed -i 's/^fee: 不收费/fee: {item: 工本费, amount: 20元, basis: 粤价〔2003〕123号}/' ed/matters/hukou.md
