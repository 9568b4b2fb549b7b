sed -i 's/^time_limit: {legal: 5, promised: 1/time_limit: {legal: 5, promise: 1/; s/^result: {name: 居民户口簿（新生儿页）, delivery/result: {name: 居民户口簿（新生儿页）, delivry/' ed/matters/hukou.md
sed -i 's/^fee: 不收费/fee: [{item: 工本费, amout: 20元}]/; s/^online: {url:/online: {ulr:/' ed/matters/birth-cert.md
sed -i 's/{id: done, name: 办结, actor:/{id: done, name: 办结, acter:/' ed/procedures/newborn-flow.md
sed -i 's/{days: 周六, open: "09:00", close:/{days: 周六, opne: "09:00", close:/; s/{no: A01, serves:/{no: A01, serve:/' ed/offices/city-hall.md
sed -i 's/^promise: {time_limit: 3, visits: 1}/promise: {time_limt: 3, visit: 1}/' ed/guides/newborn.md
