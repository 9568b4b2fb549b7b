# Characters that draw nothing: an RLO (U+202E), an LRM (U+200E), an
# isolate (U+2066 ... U+2069), a zero-width joiner (U+200D). They are
# left out of the PDF's lines, not drawn as boxes with a warning that
# printed them (an RLO turned the rest of the terminal line around).
sed -i 's/^title: 出生登记（户口登记）/title: "出生\\u202e登记\\u200e（户口\\u2066登记\\u2069）\\u200d"/' ed/matters/hukou.md
printf '\n正文里的\342\200\256反向与\342\200\215连接符。\n' >> ed/matters/hukou.md
