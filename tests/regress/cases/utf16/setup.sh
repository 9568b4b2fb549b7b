printf -- '---\r\nid: u16\r\nname: 样例市第三政务服务中心\r\ndistrict: 样例区\r\naddress: 样例路3号\r\nhours: [{days: 周一至周五, open: "09:00", close: "17:00"}]\r\nphone: 020-33334444\r\n---\r\n' | iconv -f UTF-8 -t UTF-16 > ed/offices/u16le.md
printf -- '---\nid: u16be\nname: 样例市第四政务服务中心\ndistrict: 样例区\naddress: 样例路4号\nhours: [{days: 周一至周五, open: "09:00", close: "17:00"}]\nphone: 020-44445555\n---\n' | iconv -f UTF-8 -t UTF-16BE | { printf '\376\377'; cat; } > ed/offices/u16be.md
printf -- '---\nid: u16nobom\n---\n' | iconv -f UTF-8 -t UTF-16LE > ed/offices/u16nobom.md
