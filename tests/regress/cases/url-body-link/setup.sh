printf '\n详见[办事指南](https://)和[官网](https://www.example.gov.cn/)。\n' >> ed/matters/birth-cert.md
