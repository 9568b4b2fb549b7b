/*
 * source.h — reading one source file: encoding detection and
 * conversion (iconv), CRLF, the front matter split, and the YAML front
 * matter as a tree of ynodes that keep the line and column of every key
 * and value (libyaml). Only source.c includes yaml.h and iconv.h.
 * Included by: any file.
 * theme.c.
 * Includes diag.h.
 */
#ifndef YBT_SOURCE_H
#define YBT_SOURCE_H

#include <stddef.h>
#include "diag.h"

/* Named limits (SPEC §7). */
#define SRC_MAX_FILE	(4u * 1024 * 1024)	/* bytes of one source */
#define SRC_MAX_DEPTH	32			/* YAML nesting */
#define SRC_MAX_STRING	(64u * 1024)		/* bytes of one scalar */

enum ynode_type {
	YN_SCALAR,
	YN_SEQ,
	YN_MAP
};

/*
 * A YAML node. A map's kids alternate key, value: kids[2i] is a key
 * scalar, kids[2i+1] its value. A scalar's str is never NULL.
 */
struct ynode {
	char		 *str;
	struct ynode	**kids;
	struct loc	  loc;
	unsigned int	  n;
	unsigned char	  type;		/* enum ynode_type */
	unsigned char	  quoted;	/* scalar was quoted or a block */
};

enum encoding {
	ENC_UTF8,
	ENC_UTF8_BOM,
	ENC_UTF16LE,
	ENC_UTF16BE,
	ENC_GB18030
};

struct source {
	char		*path;		/* as reached from argv */
	char		*text;		/* whole file, UTF-8, LF line ends */
	size_t		 len;
	enum encoding	 enc;
	struct ynode	*front;		/* front matter map, or NULL */
	const char	*body;		/* into text; "" if none */
	int		 body_line;	/* line of the body's first line */
	int		 yaml_error;	/* front matter did not parse */
};

/*
 * Read path into src (src->path is a copy of path). Returns 0 when the
 * file could be decoded and split (front may still be NULL after a YAML
 * error), 1 when it is unusable (reported), -1 on I/O failure (errno).
 */
int		 source_read(const char *path, struct source *src);
void		 source_free(struct source *);

/* Decode raw bytes to UTF-8 text with LF line ends; 0 or 1 as above. */
int		 source_decode(const char *file, const char *raw, size_t len,
		    char **text, size_t *outlen, enum encoding *enc);

/* The first character of UTF-8 s (n bytes) that no output may hold (a
 * control character but tab and line feed, U+FFFE, U+FFFF), with its
 * code point in *cp; NULL if none. */
const char	*source_control(const char *s, size_t n, unsigned *cp);

/* Parse a YAML document; first_line is the line of text's first line. */
struct ynode	*source_yaml(const char *file, const char *text, size_t len,
		    int first_line);
void		 ynode_free(struct ynode *);

/* In a map, the value for key (exact spelling), or NULL. */
const struct ynode *ynode_get(const struct ynode *, const char *);

const char	*source_encoding_name(enum encoding);

#endif
