sed -i 's/^  - {name: 居民户口簿.*/  - 居民户口簿/' ed/matters/hukou.md
