printf '\n<script>alert(1)</script>\n\n点击<a href="javascript:alert(1)">这里</a>。\n\n<img src="x.png" onerror="alert(1)">\n\n[办理入口](javascript:void(0))\n' >> ed/matters/birth-cert.md
