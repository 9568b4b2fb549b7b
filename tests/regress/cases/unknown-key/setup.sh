sed -i 's/^title:/tittle:/; s/^updated:/update:/' ed/matters/hukou.md
printf -- '---\nid: police\nname: 样例派出所户籍窗口\ndistrict: 样例区\naddress: 样例市样例区平安路8号\nhours: [{days: 周一至周五, open: "08:30", close: "17:30"}]\nphone: 020-87654321\nparking: 有停车场\n---\n' > ed/offices/police.md
