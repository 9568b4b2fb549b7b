cp ed/matters/hukou.md ed/matters/hukou-copy.md
