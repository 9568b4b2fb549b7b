/*
 * qr.c — encode a text as a QR code module matrix with libqrencode and
 * draw it as an SVG path. The only file that includes qrencode.h.
 * It does not know where the code goes: callers give the text.
 */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include <qrencode.h>

#include "util.h"
#include "qr.h"

#define QR_QUIET	4	/* quiet zone in modules (ISO/IEC 18004) */

/*
 * Choosing the mask. A code's data modules are XORed with one of eight
 * patterns, the one whose symbol scores the lowest penalty (ISO/IEC
 * 18004 §7.8.3: long runs, 2×2 blocks, finder-like patterns, an uneven
 * share of dark). libqrencode tries the eight itself, but its scoring
 * was a fifth of the CPU of a portal build. So the code is encoded once,
 * with mask 0, by QRcode_encodeMask (exported by libqrencode 4, though
 * not declared in qrencode.h; if a build of the library lacks it, it
 * chooses the mask itself), and the other seven are made from that one:
 * a data module (bit 7 clear in libqrencode's matrix) is its mask-0
 * value XOR the mask-0 pattern XOR the other's; then the format
 * information is written for the new mask. The unit test checks each of
 * the eight against the library's own encoding with that mask.
 */
extern QRcode	*QRcode_encodeMask(QRinput *, int) __attribute__((weak));

#define QR_FUNCTION	0x80	/* libqrencode: not a data module */

/* Mask pattern m at row i, column j (ISO/IEC 18004 Table 10). */
static int
qr_pattern(int m, int i, int j)
{
	switch (m) {
	case 0: return (i + j) % 2 == 0;
	case 1: return i % 2 == 0;
	case 2: return j % 3 == 0;
	case 3: return (i + j) % 3 == 0;
	case 4: return (i / 2 + j / 3) % 2 == 0;
	case 5: return (i * j) % 2 + (i * j) % 3 == 0;
	case 6: return ((i * j) % 2 + (i * j) % 3) % 2 == 0;
	default: return ((i + j) % 2 + (i * j) % 3) % 2 == 0;
	}
}

/* The 15 bits of format information: level and mask, a BCH(15,5)
 * code, XORed with 101010000010010 (§7.9.1). */
static unsigned
qr_format(QRecLevel level, int m)
{
	static const unsigned ec[] = { 1, 0, 3, 2 };	/* L M Q H */
	unsigned data = ec[level] << 3 | (unsigned)m, rem = data << 10;
	int i;

	for (i = 14; i >= 10; i--)
		if (rem & 1u << i)
			rem ^= 0x537u << (i - 10);
	return (data << 10 | rem) ^ 0x5412u;
}

/* Where copy (0 or 1) of bit i of the format information stands in a
 * code of w modules, least significant bit first, as libqrencode
 * places them (§7.9.1). */
static void
qr_format_at(int w, int i, int copy, int *row, int *col)
{
	if (i < 8) {
		*row = copy ? (i < 6 ? i : i + 1) : 8;
		*col = copy ? 8 : w - 1 - i;
	} else {
		*row = copy ? 8 : w - 15 + i;
		*col = copy ? (i == 8 ? 7 : 14 - i) : 8;
	}
}

/* Write the format information's two copies into a matrix. */
static void
qr_put_format(unsigned char *d, int w, unsigned f)
{
	int i, copy, r, c;

	for (i = 0; i < 15; i++)
		for (copy = 0; copy < 2; copy++) {
			qr_format_at(w, i, copy, &r, &c);
			d[r * w + c] = (f >> i) & 1;
		}
}

/* 1 if modules from to to - 1 of a line are light; outside the
 * symbol is the quiet zone, light. */
static int
qr_light(const unsigned char *p, int step, int w, int from, int to)
{
	if (from < 0)
		from = 0;
	if (to > w)
		to = w;
	for (; from < to; from++)
		if (p[from * step])
			return 0;
	return 1;
}

/* Penalty of one row or column (step between its modules): each run
 * of five or more of one colour, 3 and 1 for each module past five
 * (N1); each dark-light-dark-dark-dark-light-dark with four light
 * modules before or after it, 40 (N3, read as ZXing reads it). */
static int
qr_line_penalty(const unsigned char *p, int step, int w)
{
	int pen = 0, run = 1, x;

	for (x = 1; x <= w; x++) {
		if (x < w && p[x * step] == p[(x - 1) * step]) {
			run++;
			continue;
		}
		if (run >= 5)
			pen += run - 2;
		run = 1;
	}
	for (x = 0; x + 6 < w; x++)
		if (p[x * step] && !p[(x + 1) * step] && p[(x + 2) * step] &&
		    p[(x + 3) * step] && p[(x + 4) * step] &&
		    !p[(x + 5) * step] && p[(x + 6) * step] &&
		    (qr_light(p, step, w, x - 4, x) ||
		    qr_light(p, step, w, x + 7, x + 11)))
			pen += 40;
	return pen;
}

/* The penalty of a symbol (1 = dark), module by module: rows and
 * columns, each 2×2 block of one colour 3 (N2), and 10 for each 5 % the
 * share of dark modules lies away from half (N4). The reference for the
 * scoring by lines below, and what scores codes too wide for it. */
static int
qr_penalty_bytes(const unsigned char *d, int w)
{
	int pen = 0, dark = 0, x, y, n = w * w;

	for (y = 0; y < w; y++) {
		pen += qr_line_penalty(d + y * w, 1, w);
		pen += qr_line_penalty(d + y, w, w);
	}
	for (y = 0; y + 1 < w; y++)
		for (x = 0; x + 1 < w; x++) {
			const unsigned char *c = d + y * w + x;

			if (c[0] == c[1] && c[0] == c[w] && c[0] == c[w + 1])
				pen += 3;
		}
	for (x = 0; x < n; x++)
		dark += d[x];
	return pen + abs(dark * 2 - n) * 10 / n * 10;
}

int
qr_penalty(const struct qr *q)
{
	return qr_penalty_bytes(q->dark, q->width);
}

/*
 * The same score a row or column at a time, as bits: module x of a line
 * is bit x + QR_PAD, with light modules (the quiet zone) on both sides,
 * so a few shifts and ANDs find every run and pattern of the line at
 * once. Codes up to 120 modules (version 26) fit.
 */
typedef unsigned __int128 qrline;
#define QR_PAD		4
#define QR_FAST_MAX	(128 - 2 * QR_PAD)

/* Bits set, by halving sums (without -mpopcnt, __builtin_popcountll
 * is a call that looks up a table a byte at a time). */
static int
qr_popcount(qrline v)
{
	const qrline m1 = ((qrline)0x5555555555555555ULL << 64) |
	    0x5555555555555555ULL;
	const qrline m2 = ((qrline)0x3333333333333333ULL << 64) |
	    0x3333333333333333ULL;
	const qrline m4 = ((qrline)0x0f0f0f0f0f0f0f0fULL << 64) |
	    0x0f0f0f0f0f0f0f0fULL;
	const unsigned long long h = 0x0101010101010101ULL;

	if (v == 0)
		return 0;
	v -= (v >> 1) & m1;
	v = (v & m2) + ((v >> 2) & m2);
	v = (v + (v >> 4)) & m4;
	return (int)(((unsigned long long)v * h) >> 56) +
	    (int)(((unsigned long long)(v >> 64) * h) >> 56);
}

static qrline
qr_bit(int x)
{
	return (qrline)1 << (x + QR_PAD);
}

/* Bits b where modules b and b + 1 of a line of w are both inside. */
static qrline
qr_pairs(int w)
{
	return (((qrline)1 << (w - 1)) - 1) << QR_PAD;
}

/* N1 and N3 of a line, as qr_line_penalty counts them. */
static int
qr_line_bits(qrline l, int w)
{
	qrline e = ~(l ^ l >> 1) & qr_pairs(w);	/* module equals next */
	qrline five = e & e >> 1 & e >> 2 & e >> 3;	/* 5 equal from here */
	qrline nl = ~l;
	qrline core = l & nl >> 1 & l >> 2 & l >> 3 & l >> 4 & nl >> 5 &
	    l >> 6;
	qrline before = nl << 1 & nl << 2 & nl << 3 & nl << 4;
	qrline after = nl >> 7 & nl >> 8 & nl >> 9 & nl >> 10;

	/* a run of n ≥ 5 has n − 4 windows of five, one of them first */
	return qr_popcount(five) + 2 * qr_popcount(five & ~(five << 1)) +
	    40 * qr_popcount(core & (before | after));
}

static int
qr_penalty_lines(const qrline *row, const qrline *col, int w)
{
	int pen = 0, dark = 0, i, n = w * w;

	for (i = 0; i < w; i++) {
		pen += qr_line_bits(row[i], w) + qr_line_bits(col[i], w);
		dark += qr_popcount(row[i]);
	}
	for (i = 0; i + 1 < w; i++) {
		qrline a = row[i], b = row[i + 1];

		pen += 3 * qr_popcount(~(a ^ a >> 1) & ~(b ^ b >> 1) &
		    ~(a ^ b) & qr_pairs(w));
	}
	return pen + abs(dark * 2 - n) * 10 / n * 10;
}

/* The mask patterns a row or column at a time: pattern m depends on a
 * row's number only modulo 12 (and a column's), so 12 lines each. */
static qrline	qr_rowpat[8][12], qr_colpat[8][12];
static pthread_once_t qr_once = PTHREAD_ONCE_INIT;

static void
qr_make_patterns(void)
{
	int m, c, x;

	for (m = 0; m < 8; m++)
		for (c = 0; c < 12; c++)
			for (x = 0; x < QR_FAST_MAX; x++) {
				if (qr_pattern(m, c, x))
					qr_rowpat[m][c] |= qr_bit(x);
				if (qr_pattern(m, x, c))
					qr_colpat[m][c] |= qr_bit(x);
			}
}

/* Set module (i, j) in the rows and columns. */
static void
qr_set(qrline *row, qrline *col, int i, int j, int dark)
{
	row[i] = (row[i] & ~qr_bit(j)) | (dark ? qr_bit(j) : 0);
	col[j] = (col[j] & ~qr_bit(i)) | (dark ? qr_bit(i) : 0);
}

/* The format information's two copies, in the rows and columns. */
static void
qr_set_format(qrline *row, qrline *col, int w, unsigned f)
{
	int i, copy, r, c;

	for (i = 0; i < 15; i++)
		for (copy = 0; copy < 2; copy++) {
			qr_format_at(w, i, copy, &r, &c);
			qr_set(row, col, r, c, (f >> i) & 1);
		}
}

/*
 * The mask of lowest penalty for c (encoded with mask 0), scored by
 * lines: each line is split once into its function modules, its data
 * modules and their unmasked values, so a mask's line is
 * fixed | ((raw ^ pattern) & data). Writes the chosen matrix to dark.
 */
static void
qr_choose_lines(const QRcode *c, QRecLevel level, unsigned char *dark)
{
	qrline fix[2][QR_FAST_MAX], data[2][QR_FAST_MAX],
	    raw[2][QR_FAST_MAX], row[QR_FAST_MAX], col[QR_FAST_MAX],
	    best[QR_FAST_MAX];
	int w = c->width, i, j, m, pen, low = -1;

	pthread_once(&qr_once, qr_make_patterns);
	memset(fix, 0, sizeof(fix));
	memset(data, 0, sizeof(data));
	memset(raw, 0, sizeof(raw));
	for (i = 0; i < w; i++)
		for (j = 0; j < w; j++) {
			unsigned char v = c->data[i * w + j];

			if (v & QR_FUNCTION) {
				if (v & 1) {
					fix[0][i] |= qr_bit(j);
					fix[1][j] |= qr_bit(i);
				}
				continue;
			}
			data[0][i] |= qr_bit(j);
			data[1][j] |= qr_bit(i);
			if ((v & 1) ^ qr_pattern(0, i, j)) {
				raw[0][i] |= qr_bit(j);
				raw[1][j] |= qr_bit(i);
			}
		}
	for (m = 0; m < 8; m++) {
		for (i = 0; i < w; i++) {
			row[i] = fix[0][i] |
			    ((raw[0][i] ^ qr_rowpat[m][i % 12]) & data[0][i]);
			col[i] = fix[1][i] |
			    ((raw[1][i] ^ qr_colpat[m][i % 12]) & data[1][i]);
		}
		qr_set_format(row, col, w, qr_format(level, m));
		if ((pen = qr_penalty_lines(row, col, w)) < low || low < 0) {
			low = pen;
			memcpy(best, row, sizeof(row[0]) * (size_t)w);
		}
	}
	for (i = 0; i < w; i++)
		for (j = 0; j < w; j++)
			dark[i * w + j] = (best[i] & qr_bit(j)) != 0;
}

/* The matrix of c (encoded with mask 0) with mask m. */
static void
qr_remask(const QRcode *c, QRecLevel level, int m, unsigned char *dark)
{
	int w = c->width, i, j;

	for (i = 0; i < w; i++)
		for (j = 0; j < w; j++) {
			unsigned char v = c->data[i * w + j];

			dark[i * w + j] = (v & QR_FUNCTION) ? v & 1 :
			    (v & 1) ^ qr_pattern(0, i, j) ^ qr_pattern(m, i, j);
		}
	qr_put_format(dark, w, qr_format(level, m));
}

/*
 * The matrix (1 = dark) of text at level, masked by the pattern of
 * lowest penalty (the lowest number of those that tie), or by mask
 * when it is 0 to 7. NULL if the text is empty or too long.
 */
static struct qr *
qr_encode_mask(const char *text, QRecLevel level, int mask)
{
	QRinput *in;
	QRcode *c = NULL;
	struct qr *q;
	unsigned char *try;
	int i, m, n, w, pen, low = -1;

	if (text == NULL || *text == '\0')
		return NULL;
	if (QRcode_encodeMask == NULL)		/* the library chooses */
		c = QRcode_encodeData((int)strlen(text),
		    (const unsigned char *)text, 0, level);
	else if ((in = QRinput_new2(0, level)) != NULL) {
		if (QRinput_append(in, QR_MODE_8, (int)strlen(text),
		    (const unsigned char *)text) == 0)
			c = QRcode_encodeMask(in, 0);
		QRinput_free(in);
	}
	if (c == NULL)
		return NULL;
	w = c->width;
	n = w * w;
	q = xmalloc(sizeof(*q));
	q->width = w;
	q->dark = xmalloc((size_t)n);
	if (QRcode_encodeMask == NULL || mask == 0)
		for (i = 0; i < n; i++)
			q->dark[i] = c->data[i] & 1;
	else if (mask > 0)
		qr_remask(c, level, mask, q->dark);
	else if (w <= QR_FAST_MAX)
		qr_choose_lines(c, level, q->dark);
	else {
		try = xmalloc((size_t)n);
		for (m = 0; m < 8; m++) {
			qr_remask(c, level, m, try);
			if ((pen = qr_penalty_bytes(try, w)) < low || low < 0) {
				low = pen;
				memcpy(q->dark, try, (size_t)n);
			}
		}
		free(try);
	}
	QRcode_free(c);
	return q;
}

struct qr *
qr_encode_masked(const char *text, int mask)
{
	return qr_encode_mask(text, QR_ECLEVEL_M, mask);
}

struct qr *
qr_encode(const char *text)
{
	return qr_encode_mask(text, QR_ECLEVEL_M, -1);
}

struct qr *
qr_encode_screen(const char *text)
{
	return qr_encode_mask(text, QR_ECLEVEL_L, -1);
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
