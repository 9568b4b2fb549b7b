sed -i 's/time: 即时}$/time: 即时, next: [apply]}/' ed/procedures/newborn-flow.md
