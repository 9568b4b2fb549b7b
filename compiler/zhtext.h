/*
 * zhtext.h — Chinese text rules every output follows: ASCII "…" and
 * '…' that stand in Chinese text are set as “…” and ‘…’ (zhtext.c says
 * exactly when). Sources keep their text; outputs get the typeset one.
 *
 * Included by: book.c, check.c, html_page.c, main.c, model_patch.c, model_read.c, out_xml.c, serve_build.c and zhtext.c.
 * Includes model.h and md.h.
 */
#ifndef YBT_ZHTEXT_H
#define YBT_ZHTEXT_H

#include "model.h"
#include "md.h"

/* s with its quotes set, newly allocated; NULL when nothing changes. */
char	*zh_quotes(const char *s);
/* Byte offset of a " that has no partner, or -1. */
long	 zh_quote_unpaired(const char *s);
/* The same rule over Markdown source (code, link targets and tags
 * untouched; pairs never cross a blank line), for outputs that carry
 * the source; NULL when nothing changes. */
char	*zh_quotes_markdown(const char *);
/* Calls fn(arg, offset) for each unpaired ASCII double quote of a
 * Markdown source, by the rule zh_quotes_markdown sets pairs with. */
void	 zh_quotes_unpaired_md(const char *, void (*fn)(void *, size_t),
	    void *arg);
/* The same rule over the inline text of each block of a body. */
void	 zh_quotes_md(struct md_node *);
/* Every text field and body of the edition and its bases, in place
 * (ids, URLs, paths, code and the item's raw body untouched). */
void	 zh_typeset(struct edition *);
/* What zh_typeset does to the items v[0..n) of ed (the merged checklists
 * of the guides among them included) and to ed's department names, once
 * more: ybt serve's patch (model_patch.c) typesets what it changed.
 * Typesetting typeset text again changes nothing. */
void	 zh_typeset_items(struct edition *, struct item *const *v, size_t n);

/*
 * An item's body tree as the outputs show it. Most bodies are not kept
 * parsed (model_read.c: only those that could hold something to report
 * are, see md_may_be_unsafe): each use parses the text again, on the
 * thread that renders it, and sets its quotes when zh_typeset has run.
 * NULL for an empty body. Give the tree back with zh_body_done.
 */
const struct md_node	*zh_body(const struct item *);
void			 zh_body_done(const struct item *, const struct md_node *);

#endif
