# A control character written as it is in the body (an ESC from a
# terminal, a C1 NEL from a web page): libyaml sees only the front
# matter, so the file is checked as a whole (source.c, control_char).
printf '\n正文含有\033[31m红字。\n' >> ed/matters/hukou.md
printf '\n从网页复制的\302\205换行。\n' >> ed/matters/birth-cert.md
