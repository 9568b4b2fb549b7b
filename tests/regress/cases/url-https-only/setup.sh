sed -i 's|^online: .*|online: {url: https://, depth: 全程网办}|' ed/matters/ins.md
