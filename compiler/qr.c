/*
 * qr.c — encode a text as a QR code module matrix with libqrencode and
 * draw it as an SVG path. The only file that includes qrencode.h.
 * It does not know where the code goes: callers give the text.
 */
#include <stdlib.h>
#include <string.h>

#include <qrencode.h>

#include "util.h"
#include "qr.h"

#define QR_QUIET	4	/* quiet zone in modules (ISO/IEC 18004) */

static struct qr *
qr_encode_at(const char *text, QRecLevel level)
{
	QRcode *c;
	struct qr *q;
	int i, n;

	if (text == NULL || *text == '\0')
		return NULL;
	c = QRcode_encodeData((int)strlen(text), (const unsigned char *)text,
	    0, level);
	if (c == NULL)
		return NULL;
	q = xmalloc(sizeof(*q));
	q->width = c->width;
	n = c->width * c->width;
	q->dark = xmalloc((size_t)n);
	for (i = 0; i < n; i++)
		q->dark[i] = c->data[i] & 1;
	QRcode_free(c);
	return q;
}

struct qr *
qr_encode(const char *text)
{
	return qr_encode_at(text, QR_ECLEVEL_M);
}

struct qr *
qr_encode_screen(const char *text)
{
	return qr_encode_at(text, QR_ECLEVEL_L);
}

void
qr_free(struct qr *q)
{
	if (q == NULL)
		return;
	free(q->dark);
	free(q);
}

int
qr_dark(const struct qr *q, int x, int y)
{
	if (x < 0 || y < 0 || x >= q->width || y >= q->width)
		return 0;
	return q->dark[y * q->width + x];
}

/* Append a small number (printf is the slow part here). */
static void
qr_num(struct buf *b, int v)
{
	char t[12];
	int n = 0;

	if (v < 0) {
		buf_putc(b, '-');
		v = -v;
	}
	do {
		t[n++] = (char)('0' + v % 10);
		v /= 10;
	} while (v > 0);
	while (n > 0)
		buf_putc(b, t[--n]);
}

/*
 * The dark modules as one stroked path: each horizontal run of dark
 * modules is a line of width 1 through the middle of its row
 * ("h<run>"), reached from the end of the previous run by a relative
 * move ("m<dx> <dy>"). Butt caps end a line exactly at the module
 * edges, so it covers the same unit squares as filled rectangles, in
 * about half the bytes.
 */
void
qr_svg(struct buf *b, const struct qr *q, int size, const char *label)
{
	int full = q->width + 2 * QR_QUIET, x, y, run, px, py;

	buf_printf(b, "<svg xmlns=\"http://www.w3.org/2000/svg\" "
	    "class=\"qr\" width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\" "
	    "shape-rendering=\"crispEdges\"", size, size, full, full);
	if (label != NULL) {
		buf_puts(b, " role=\"img\" aria-label=\"");
		esc_attr(b, label);
		buf_puts(b, "\"");
	} else
		buf_puts(b, " aria-hidden=\"true\"");
	buf_printf(b, "><rect width=\"%d\" height=\"%d\" fill=\"#fff\"/>"
	    "<path fill=\"none\" stroke=\"#000\" d=\"", full, full);
	px = py = -1;		/* pen: end of the last run, row */
	for (y = 0; y < q->width; y++) {
		const unsigned char *row = q->dark + (size_t)y * q->width;

		for (x = 0; x < q->width; x += run ? run : 1) {
			run = 0;
			while (x + run < q->width && row[x + run])
				run++;
			if (run == 0)
				continue;
			if (py < 0) {
				buf_putc(b, 'M');
				qr_num(b, x + QR_QUIET);
				buf_putc(b, ' ');
				qr_num(b, y + QR_QUIET);
				buf_puts(b, ".5");
			} else {
				buf_putc(b, 'm');
				qr_num(b, x - px);
				buf_putc(b, ' ');
				qr_num(b, y - py);
			}
			buf_putc(b, 'h');
			qr_num(b, run);
			px = x + run;
			py = y;
		}
	}
	buf_puts(b, "\"/></svg>");
}
