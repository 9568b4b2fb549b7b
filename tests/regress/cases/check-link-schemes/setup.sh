# Bodies whose links use schemes the portal refuses, written the ways
# CommonMark and the autolink extension allow. `check` skips parsing the
# bodies that cannot hold anything wrong; it must not skip these.
cat >>ed/matters/birth-cert.md <<'BODY'

资料下载：ftp://files.example.gov.cn/form.doc

联系方式：xmpp:service@example.gov.cn

[旧版表格](  ftp://files.example.gov.cn/old.doc)

[办事指南][1]

[办理时间](9:00)，[说明]("09:)

[1]: gopher://example.gov.cn/guide
BODY
cat >>ed/matters/hukou.md <<'BODY'

[在线预约](javascript\:void(0))，[说明](x_https:help)。

每日 9:00—17:00 办理；咨询 tel:12345，或发邮件 mailto:help@example.gov.cn，
网上办理 https://www.gdzwfw.gov.cn/ 。
BODY
