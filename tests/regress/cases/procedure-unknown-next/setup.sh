sed -i 's/next: \[hukou\]/next: [hukuo]/' ed/procedures/newborn-flow.md
