/*
 * image.c — PNG and JPEG pictures of Markdown bodies for the handbook
 * (see image.h). The only file that includes png.h and jpeglib.h.
 *
 * Pictures are decoded here, never by libharu: a broken file is a
 * warning at the image, not a failed PDF, and what reaches the painter
 * is plain 8-bit RGB on white (alpha is composited away: the print PDF
 * must hold no transparency), at most IMAGE_MAX_PIXELS, and box-filtered
 * down when it has more pixels than the page can show.
 */
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <png.h>
#include <jpeglib.h>

#include "util.h"
#include "image.h"

static int
is_png(const unsigned char *h, size_t n)
{
	return n >= 8 && memcmp(h, "\x89PNG\r\n\x1a\n", 8) == 0;
}

static int
is_jpeg(const unsigned char *h, size_t n)
{
	return n >= 3 && h[0] == 0xFF && h[1] == 0xD8 && h[2] == 0xFF;
}

/* The first bytes of path, to tell the format. */
static size_t
head(const char *path, unsigned char *h, size_t n)
{
	FILE	*fp = fopen(path, "rb");
	size_t	 r;

	if (fp == NULL)
		return 0;
	r = fread(h, 1, n, fp);
	fclose(fp);
	return r;
}

struct jerr {
	struct jpeg_error_mgr	 pub;
	jmp_buf			 jb;
};

static void
jpeg_fail(j_common_ptr c)
{
	longjmp(((struct jerr *)c->err)->jb, 1);
}

static void
jpeg_quiet(j_common_ptr c, int level)
{
	(void)c;
	(void)level;
}

/* Decode (or, with want_pixels 0, measure) a JPEG. */
static int
jpeg_load(const char *path, struct image *im, int want_pixels,
    const char **why)
{
	struct jpeg_decompress_struct	 c;
	struct jerr			 e;
	FILE				*fp;
	unsigned char			*volatile rgb = NULL;
	unsigned char			*volatile row = NULL;

	if ((fp = fopen(path, "rb")) == NULL) {
		*why = "打不开文件";
		return -1;
	}
	c.err = jpeg_std_error(&e.pub);
	e.pub.error_exit = jpeg_fail;
	e.pub.emit_message = jpeg_quiet;
	if (setjmp(e.jb)) {
		jpeg_destroy_decompress(&c);
		fclose(fp);
		free(rgb);
		free(row);
		*why = "不是完整有效的 JPEG 文件";
		return -1;
	}
	jpeg_create_decompress(&c);
	jpeg_stdio_src(&c, fp);
	jpeg_read_header(&c, TRUE);
	im->w = (int)c.image_width;
	im->h = (int)c.image_height;
	if (im->w <= 0 || im->h <= 0 ||
	    (double)im->w * im->h > IMAGE_MAX_PIXELS) {
		jpeg_destroy_decompress(&c);
		fclose(fp);
		*why = "图片太大（超过 4000 万像素）";
		return -1;
	}
	if (!want_pixels) {
		jpeg_destroy_decompress(&c);
		fclose(fp);
		return 0;
	}
	c.out_color_space = JCS_RGB;	/* also from gray and CMYK/YCCK */
	if (c.jpeg_color_space == JCS_CMYK || c.jpeg_color_space == JCS_YCCK)
		c.out_color_space = JCS_CMYK;
	jpeg_start_decompress(&c);
	rgb = xmalloc((size_t)im->w * (size_t)im->h * 3);
	row = xmalloc((size_t)im->w * (size_t)c.output_components);
	while (c.output_scanline < c.output_height) {
		JSAMPROW r = (JSAMPROW)row;
		unsigned char *o = rgb + (size_t)c.output_scanline *
		    (size_t)im->w * 3;
		int x;

		jpeg_read_scanlines(&c, &r, 1);
		for (x = 0; x < im->w; x++) {
			if (c.output_components == 4) {
				/* Adobe CMYK JPEGs are stored inverted */
				unsigned k = row[4 * x + 3];
				o[3 * x] = (unsigned char)(row[4 * x] * k / 255);
				o[3 * x + 1] = (unsigned char)(row[4 * x + 1] *
				    k / 255);
				o[3 * x + 2] = (unsigned char)(row[4 * x + 2] *
				    k / 255);
			} else if (c.output_components == 3)
				memcpy(o + 3 * x, row + 3 * x, 3);
			else
				o[3 * x] = o[3 * x + 1] = o[3 * x + 2] = row[x];
		}
	}
	jpeg_finish_decompress(&c);
	jpeg_destroy_decompress(&c);
	fclose(fp);
	free(row);
	im->rgb = rgb;
	return 0;
}

/* Decode (or measure) a PNG with libpng's simplified API. */
static int
png_load(const char *path, struct image *im, int want_pixels,
    const char **why)
{
	png_image	 p;
	png_color	 white = { 255, 255, 255 };

	memset(&p, 0, sizeof(p));
	p.version = PNG_IMAGE_VERSION;
	if (!png_image_begin_read_from_file(&p, path)) {
		*why = "不是有效的 PNG 文件";
		return -1;
	}
	im->w = (int)p.width;
	im->h = (int)p.height;
	if (im->w <= 0 || im->h <= 0 ||
	    (double)im->w * im->h > IMAGE_MAX_PIXELS) {
		png_image_free(&p);
		*why = "图片太大（超过 4000 万像素）";
		return -1;
	}
	if (!want_pixels) {
		png_image_free(&p);
		return 0;
	}
	p.format = PNG_FORMAT_RGB;	/* alpha composited on white */
	im->rgb = xmalloc(PNG_IMAGE_SIZE(p));
	if (!png_image_finish_read(&p, &white, im->rgb, 0, NULL)) {
		png_image_free(&p);
		free(im->rgb);
		im->rgb = NULL;
		*why = "PNG 文件已损坏或不完整";
		return -1;
	}
	return 0;
}

static int
load(const char *path, struct image *im, int want_pixels, const char **why)
{
	unsigned char	h[8];
	size_t		n = head(path, h, sizeof(h));

	memset(im, 0, sizeof(*im));
	*why = NULL;
	if (n == 0) {
		*why = "打不开文件或文件是空的";
		return -1;
	}
	if (is_png(h, n))
		return png_load(path, im, want_pixels, why);
	if (is_jpeg(h, n))
		return jpeg_load(path, im, want_pixels, why);
	*why = "手册只能放 PNG 和 JPEG 图片";
	return -1;
}

int
image_size(const char *path, int *w, int *h, const char **why)
{
	struct image	im;

	/* decoded whole: a file cut short is found here, not when painting */
	if (load(path, &im, 1, why) != 0)
		return -1;
	*w = im.w;
	*h = im.h;
	image_free(&im);
	return 0;
}

/* Average f×f blocks: a picture with more pixels than print needs. */
static void
shrink(struct image *im, int f)
{
	int		 w = im->w / f, h = im->h / f, x, y, dx, dy, c;
	unsigned char	*o = xmalloc((size_t)w * (size_t)h * 3);

	for (y = 0; y < h; y++)
		for (x = 0; x < w; x++)
			for (c = 0; c < 3; c++) {
				unsigned sum = 0;
				for (dy = 0; dy < f; dy++)
					for (dx = 0; dx < f; dx++)
						sum += im->rgb[((size_t)(y * f +
						    dy) * (size_t)im->w +
						    (size_t)(x * f + dx)) * 3 +
						    (size_t)c];
				o[((size_t)y * (size_t)w + (size_t)x) * 3 +
				    (size_t)c] = (unsigned char)(sum /
				    (unsigned)(f * f));
			}
	free(im->rgb);
	im->rgb = o;
	im->w = w;
	im->h = h;
}

int
image_load(const char *path, float wpt, struct image *im, const char **why)
{
	int	f;

	if (load(path, im, 1, why) != 0)
		return -1;
	/* 300 dpi at the placed width is all a press can use */
	f = (int)((float)im->w / (wpt / 72.0f * IMAGE_DPI));
	if (f >= 2 && im->w / f > 0 && im->h / f > 0)
		shrink(im, f);
	return 0;
}

void
image_free(struct image *im)
{
	free(im->rgb);
	im->rgb = NULL;
}
