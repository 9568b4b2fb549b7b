printf -- '---\nid: open\nname: 没有结束的办理地点\n\n正文……\n' > ed/offices/open.md
