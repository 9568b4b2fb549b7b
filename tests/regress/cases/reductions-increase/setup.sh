sed -i 's/promise: {time_limit: 3, visits: 1}/promise: {time_limit: 30, visits: 4}/' ed/guides/newborn.md
