/*
 * hugo-layouts.h — the layouts of the Hugo site `gen --hugo` writes.
 * Included by gen.c only.
 *
 * The templates render what ybt's portal renders, as plain tables and
 * lists: home page by stage, one page per guide (merged checklist and
 * reductions computed in the template, the procedure as a list, the
 * matters, the offices), per matter (every element), per office, per
 * department (a taxonomy), section lists, and a JSON search index of the
 * plain text (the usual Hugo search set-up). No QR codes and no SVG
 * flowchart: Hugo 0.111 has no way to draw them, so ybt does strictly
 * more work per page.
 *
 * Go template string literals use backquotes and HTML attributes single
 * quotes, so that these C strings need no escapes.
 */

struct hugo_layout {
	const char	*path;	/* under layouts/ (or ../static/) */
	const char	*text;
};

static const struct hugo_layout hugo_layouts[] = {
{ "_default/baseof.html",
"<!DOCTYPE html>\n"
"<html lang='zh-CN'>\n"
"<head>\n"
"<meta charset='utf-8'>\n"
"<meta name='viewport' content='width=device-width, initial-scale=1'>\n"
"<title>{{ if not .IsHome }}{{ .Title }} - {{ end }}{{ site.Title }}</title>\n"
"<link rel='stylesheet' href='{{ `style.css` | relURL }}'>\n"
"</head>\n"
"<body>\n"
"<header><a href='{{ `/` | relURL }}'>{{ site.Title }}</a>\n"
"<nav><a href='{{ `/guides/` | relURL }}'>一件事</a> <a href='{{ `/matters/` | relURL }}'>事项</a> "
"<a href='{{ `/offices/` | relURL }}'>办理地点</a> <a href='{{ `/departments/` | relURL }}'>部门</a></nav>\n"
"</header>\n"
"<main>\n{{ block `main` . }}{{ end }}\n</main>\n"
"<footer>{{ site.Params.issuer }} · 服务热线 {{ site.Params.hotline }} · 发布日期 {{ site.Params.date }}</footer>\n"
"</body>\n"
"</html>\n" },

{ "index.html",
"{{ define `main` }}\n"
"<h1>{{ site.Title }}</h1>\n"
"{{ .Content }}\n"
"{{ $guides := where site.RegularPages `Section` `guides` }}\n"
"{{ range site.Params.stages }}{{ $s := . }}\n"
"{{ with where $guides `Params.stage` $s }}\n"
"<section>\n<h2>{{ $s }}</h2>\n<ul>\n"
"{{ range . }}<li><a href='{{ .RelPermalink }}'>{{ .Title }}</a> {{ .Params.summary }}</li>\n{{ end }}"
"</ul>\n</section>\n"
"{{ end }}{{ end }}\n"
"{{ end }}\n" },

{ "index.json",
"{{- $items := slice -}}\n"
"{{- range site.RegularPages -}}\n"
"{{- $items = $items | append (dict `t` .Title `u` .RelPermalink `c` .Plain) -}}\n"
"{{- end -}}\n"
"{{- $items | jsonify -}}\n" },

{ "_default/list.html",
"{{ define `main` }}\n"
"<h1>{{ .Title }}</h1>\n"
"{{ .Content }}\n"
"<ul>\n{{ range .Pages.ByTitle }}<li><a href='{{ .RelPermalink }}'>{{ .Title }}</a></li>\n{{ end }}</ul>\n"
"{{ end }}\n" },

{ "_default/taxonomy.html",
"{{ define `main` }}\n"
"<h1>{{ .Title }}</h1>\n"
"<ul>\n{{ range .Data.Terms.Alphabetical }}<li><a href='{{ .Page.RelPermalink }}'>{{ .Page.Title }}</a>（{{ .Count }}）</li>\n{{ end }}</ul>\n"
"{{ end }}\n" },

{ "_default/term.html",
"{{ define `main` }}\n"
"<h1>{{ .Title }}</h1>\n"
"<table>\n<thead><tr><th>事项</th><th>事项类型</th><th>承诺时限</th><th>更新日期</th></tr></thead>\n<tbody>\n"
"{{ range .Pages.ByTitle }}<tr><td><a href='{{ .RelPermalink }}'>{{ .Title }}</a></td><td>{{ .Params.mtype }}</td>"
"<td>{{ .Params.time_limit.promised }}个工作日</td><td>{{ time.Format `2006-01-02` .Params.updated }}</td></tr>\n{{ end }}"
"</tbody>\n</table>\n"
"{{ end }}\n" },

{ "_default/single.html",
"{{ define `main` }}\n<article>\n<h1>{{ .Title }}</h1>\n{{ .Content }}\n</article>\n{{ end }}\n" },

{ "partials/office-line.html",
"{{ with site.GetPage (printf `/offices/%s` .) }}<a href='{{ .RelPermalink }}'>{{ .Title }}</a>{{ end }}" },

{ "partials/hours.html",
"<ul class='hours'>{{ range . }}<li>{{ if reflect.IsMap . }}{{ .days }} {{ .open }}—{{ .close }}{{ else }}{{ . }}{{ end }}</li>{{ end }}</ul>" },

{ "guides/single.html",
"{{ define `main` }}\n"
"<article class='guide'>\n"
"<h1>{{ .Title }}</h1>\n"
"<p class='summary'>{{ .Params.summary }}</p>\n"
"<p>服务对象：{{ .Params.audience }} · 阶段：{{ .Params.stage }}{{ with .Params.synonyms }} · 又称：{{ delimit . `、` }}{{ end }}</p>\n"
"{{ $ms := slice }}\n"
"{{ range .Params.matters }}{{ with site.GetPage (printf `/matters/%s` .) }}{{ $ms = $ms | append . }}{{ end }}{{ end }}\n"
"{{/* The merged checklist: one line per name and form. */}}\n"
"{{ $cl := newScratch }}{{ $order := slice }}\n"
"{{ $before := 0 }}{{ $days := 0 }}{{ $visits := 0 }}{{ $steps := 0 }}\n"
"{{ range $m := $ms }}\n"
"{{ $before = add $before (len $m.Params.materials) }}\n"
"{{ $days = add $days $m.Params.time_limit.promised }}\n"
"{{ $visits = add $visits $m.Params.visits }}\n"
"{{ with $m.Params.procedure }}{{ $steps = add $steps (len .) }}{{ else }}{{ $steps = add $steps 4 }}{{ end }}\n"
"{{ range $m.Params.materials }}{{ $k := printf `%s|%s` .name .form }}\n"
"{{ if not ($cl.Get $k) }}{{ $order = $order | append $k }}{{ $cl.Set (printf `s|%s` $k) true }}{{ end }}\n"
"{{ $cl.Add $k (slice $m) }}\n"
"{{ if not .shared }}{{ $cl.Set (printf `s|%s` $k) false }}{{ end }}\n"
"{{ end }}{{ end }}\n"
"{{ $after := 0 }}{{ range $order }}{{ if not ($cl.Get (printf `s|%s` .)) }}{{ $after = add $after 1 }}{{ end }}{{ end }}\n"
"<h2>减材料、减时限、减跑动、减环节</h2>\n"
"<table class='reductions'>\n<thead><tr><th></th><th>单独办理</th><th>一件事</th></tr></thead>\n<tbody>\n"
"<tr><td>材料</td><td>{{ $before }}份</td><td>{{ $after }}份</td></tr>\n"
"<tr><td>时限</td><td>{{ $days }}个工作日</td><td>{{ .Params.promise.time_limit }}个工作日</td></tr>\n"
"<tr><td>跑动</td><td>{{ $visits }}次</td><td>{{ .Params.promise.visits }}次</td></tr>\n"
"<tr><td>环节</td><td>{{ $steps }}个</td><td>{{ len .Params.steps }}个</td></tr>\n"
"</tbody>\n</table>\n"
"<h2>一套材料</h2>\n"
"<table class='checklist'>\n<thead><tr><th>序号</th><th>材料名称</th><th>形式</th><th>涉及事项</th></tr></thead>\n<tbody>\n"
"{{ range $i, $k := $order }}{{ $parts := split $k `|` }}"
"<tr><td>{{ add $i 1 }}</td><td>{{ index $parts 0 }}{{ if $cl.Get (printf `s|%s` $k) }}（免提交）{{ end }}</td>"
"<td>{{ index $parts 1 }}</td><td>{{ range $j, $m := $cl.Get $k }}{{ if $j }}、{{ end }}<a href='{{ $m.RelPermalink }}'>{{ $m.Title }}</a>{{ end }}</td></tr>\n"
"{{ end }}</tbody>\n</table>\n"
"<h2>办理流程</h2>\n<p>{{ .Params.procedure_title }}</p>\n"
"{{ $allsteps := .Params.steps }}\n"
"<ol class='steps'>\n"
"{{ range .Params.steps }}<li id='{{ .id }}'><strong>{{ .name }}</strong>（{{ .actor }}，"
"{{ if eq .where `online` }}网上办理{{ else }}{{ partial `office-line.html` .where }}{{ end }}，{{ .time }}）"
"{{ with .next }} → {{ range $j, $n := . }}{{ if $j }}、{{ end }}{{ range where $allsteps `id` $n }}<a href='#{{ .id }}'>{{ .name }}</a>{{ end }}{{ end }}{{ end }}</li>\n"
"{{ end }}</ol>\n"
"<h2>包含事项</h2>\n"
"<table class='matters'>\n<thead><tr><th>事项</th><th>实施主体</th><th>承诺时限</th><th>到现场次数</th><th>收费</th></tr></thead>\n<tbody>\n"
"{{ range $ms }}<tr><td><a href='{{ .RelPermalink }}'>{{ .Title }}</a></td><td>{{ .Params.department }}</td>"
"<td>{{ .Params.time_limit.promised }}个工作日</td><td>{{ .Params.visits }}次</td>"
"<td>{{ if reflect.IsSlice .Params.fee }}{{ range .Params.fee }}{{ .item }} {{ .amount }} {{ end }}{{ else }}{{ .Params.fee }}{{ end }}</td></tr>\n{{ end }}"
"</tbody>\n</table>\n"
"<h2>办理地点</h2>\n"
"{{ $offs := .Params.offices }}\n"
"{{ if not $offs }}{{ $offs = slice }}{{ range $ms }}{{ range .Params.offices }}{{ $offs = $offs | append . }}{{ end }}{{ end }}{{ $offs = uniq $offs }}{{ end }}\n"
"<ul class='offices'>\n"
"{{ range $offs }}{{ with site.GetPage (printf `/offices/%s` .) }}<li><a href='{{ .RelPermalink }}'>{{ .Title }}</a>：{{ .Params.address }}；电话 {{ .Params.phone }}{{ partial `hours.html` .Params.hours }}</li>\n{{ end }}{{ end }}"
"</ul>\n"
"{{ with .Params.online }}<p>网上办理（{{ .depth }}）：<a href='{{ .url }}'>{{ .url }}</a></p>{{ end }}\n"
"<p>承诺：{{ .Params.promise.time_limit }}个工作日办结，到现场{{ .Params.promise.visits }}次。咨询电话 {{ site.Params.hotline }}</p>\n"
"{{ .Content }}\n"
"<p class='updated'>更新日期：{{ time.Format `2006-01-02` .Params.updated }}</p>\n"
"</article>\n"
"{{ end }}\n" },

{ "matters/single.html",
"{{ define `main` }}\n"
"<article class='matter'>\n"
"<h1>{{ .Title }}</h1>\n"
"<table class='elements'>\n<tbody>\n"
"{{ with .Params.code }}<tr><th>事项编码</th><td>{{ . }}</td></tr>{{ end }}\n"
"<tr><th>事项类型</th><td>{{ .Params.mtype }}</td></tr>\n"
"<tr><th>实施主体</th><td>{{ range .GetTerms `departments` }}<a href='{{ .RelPermalink }}'>{{ .LinkTitle }}</a>{{ end }}</td></tr>\n"
"<tr><th>设定依据</th><td><ul>{{ range .Params.basis }}<li>{{ . }}</li>{{ end }}</ul></td></tr>\n"
"<tr><th>服务对象</th><td>{{ delimit .Params.audience `、` }}</td></tr>\n"
"<tr><th>受理条件</th><td>{{ if reflect.IsSlice .Params.conditions }}<ul>{{ range .Params.conditions }}<li>{{ . }}</li>{{ end }}</ul>{{ else }}{{ .Params.conditions }}{{ end }}</td></tr>\n"
"<tr><th>办结时限</th><td>法定{{ .Params.time_limit.legal }}个工作日，承诺{{ .Params.time_limit.promised }}个工作日</td></tr>\n"
"<tr><th>办件类型</th><td>{{ .Params.jkind }}</td></tr>\n"
"<tr><th>收费</th><td>{{ if reflect.IsSlice .Params.fee }}<ul>{{ range .Params.fee }}<li>{{ .item }}：{{ .amount }}（{{ .basis }}）</li>{{ end }}</ul>{{ else }}{{ .Params.fee }}{{ end }}</td></tr>\n"
"<tr><th>办理地点</th><td>{{ range .Params.offices }}{{ partial `office-line.html` . }} {{ else }}全程网办，无需到现场{{ end }}</td></tr>\n"
"{{ with .Params.online }}<tr><th>网上办理</th><td><a href='{{ .url }}'>{{ .depth }}</a></td></tr>{{ end }}\n"
"<tr><th>到现场次数</th><td>{{ .Params.visits }}次</td></tr>\n"
"<tr><th>办理结果</th><td>{{ .Params.result.name }}（{{ delimit .Params.result.delivery `、` }}）</td></tr>\n"
"{{ with .Params.scope }}<tr><th>通办范围</th><td>{{ . }}</td></tr>{{ end }}\n"
"<tr><th>咨询电话</th><td>{{ .Params.consult | default site.Params.hotline }}</td></tr>\n"
"<tr><th>投诉电话</th><td>{{ .Params.complaint | default site.Params.hotline }}</td></tr>\n"
"<tr><th>更新日期</th><td>{{ time.Format `2006-01-02` .Params.updated }}</td></tr>\n"
"</tbody>\n</table>\n"
"<h2>申请材料</h2>\n"
"<table class='materials'>\n<thead><tr><th>材料名称</th><th>来源</th><th>形式</th><th>份数</th><th>必要性</th><th>备注</th></tr></thead>\n<tbody>\n"
"{{ range .Params.materials }}<tr><td>{{ .name }}{{ if .shared }}（免提交）{{ end }}</td><td>{{ .source }}</td>"
"<td>{{ .form }}{{ with .medium }}，{{ . }}{{ end }}</td><td>{{ .copies }}</td>"
"<td>{{ if eq .required true }}必要{{ else if eq .required false }}非必要{{ else }}{{ .required }}{{ end }}</td><td>{{ .note }}</td></tr>\n"
"{{ else }}<tr><td colspan='6'>无需材料</td></tr>\n{{ end }}"
"</tbody>\n</table>\n"
"{{ with .Params.procedure }}<h2>办理流程</h2>\n<ol>{{ range . }}<li>{{ .name }}（{{ .actor }}，{{ .time }}）</li>{{ end }}</ol>{{ end }}\n"
"{{ .Content }}\n"
"</article>\n"
"{{ end }}\n" },

{ "offices/single.html",
"{{ define `main` }}\n"
"<article class='office'>\n"
"<h1>{{ .Title }}</h1>\n"
"<table class='elements'>\n<tbody>\n"
"<tr><th>所在区</th><td>{{ .Params.district }}</td></tr>\n"
"<tr><th>地址</th><td>{{ .Params.address }}</td></tr>\n"
"<tr><th>办公时间</th><td>{{ partial `hours.html` .Params.hours }}</td></tr>\n"
"<tr><th>电话</th><td>{{ .Params.phone }}</td></tr>\n"
"{{ with .Params.transit }}<tr><th>交通</th><td>{{ . }}</td></tr>{{ end }}\n"
"{{ with .Params.accessibility }}<tr><th>无障碍设施</th><td>{{ delimit . `、` }}</td></tr>{{ end }}\n"
"{{ with .Params.self_service }}<tr><th>自助服务</th><td>{{ . }}</td></tr>{{ end }}\n"
"</tbody>\n</table>\n"
"<h2>窗口</h2>\n"
"<table class='windows'>\n<thead><tr><th>窗口号</th><th>业务</th></tr></thead>\n<tbody>\n"
"{{ range .Params.windows }}<tr><td>{{ .no }}</td><td>{{ .serves }}</td></tr>\n{{ end }}"
"</tbody>\n</table>\n"
"{{ .Content }}\n"
"</article>\n"
"{{ end }}\n" },

{ "../static/style.css",
"body { font-family: 'Noto Sans CJK SC', 'WenQuanYi Micro Hei', sans-serif; line-height: 1.6; max-width: 60em; margin: 0 auto; padding: 0 1em; color: #111; }\n"
"header, footer { padding: .5em 0; border-bottom: 1px solid #ccc; }\n"
"footer { border-top: 1px solid #ccc; border-bottom: 0; margin-top: 2em; }\n"
"table { border-collapse: collapse; width: 100%; margin: .5em 0; }\n"
"th, td { border: 1px solid #999; padding: .25em .5em; text-align: left; vertical-align: top; }\n"
"table.elements th { width: 8em; background: #f4f4f4; }\n"
"ol.steps li { margin: .25em 0; }\n"
"a { color: #0645ad; }\n"
"@media print { header nav, footer { display: none; } a { color: #000; } }\n" },

{ NULL, NULL }
};
