# Images in bodies follow template's rule (SPEC §7): relative to assets/,
# inside it after symlinks, a file; a link out of assets/ must never be
# published.
ln -s /etc/passwd ed/assets/forms/map.png
printf '\n![办理地点示意图](forms/map.png)\n\n![上级目录](../../secret.png)\n\n![不存在](forms/none.png)\n\n![目录不是文件](forms)\n' >> ed/matters/hukou.md
