sed -i 's|^online: .*|online: {url: "https:///bs/newborn", depth: 一次登录}|' ed/guides/newborn.md
sed -i 's|^online: .*|online: {url: "https://:8080/x", depth: 全程网办}|' ed/matters/ins.md
sed -i 's|^online: .*|online: {url: "https://www/bs", depth: 一次登录}|' ed/matters/birth-cert.md
