sed -i 's/^  - {name: 居民户口簿/\t- {name: 居民户口簿/' ed/matters/hukou.md
