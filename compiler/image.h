/*
 * image.h — PNG and JPEG pictures for the handbook, decoded to 8-bit RGB
 * on white (image.c is the only user of libpng and libjpeg).
 * Included by: book.c, image.c, md_layout.c and paint_pdf.c.
 * Includes nothing.
 */
#ifndef YBT_IMAGE_H
#define YBT_IMAGE_H

#define IMAGE_MAX_PIXELS	40000000.0	/* larger: refused */
#define IMAGE_DPI		300.0f		/* kept at the placed size */

struct image {
	int		 w, h;		/* pixels */
	unsigned char	*rgb;		/* w × h × 3, rows top down */
};

/*
 * The size in pixels of a PNG or JPEG file, which is decoded whole to
 * be sure it can be. Returns 0, or -1 with *why saying what is wrong,
 * in Chinese.
 */
int	image_size(const char *path, int *w, int *h, const char **why);
/*
 * Decode path to RGB, averaged down when it has more than IMAGE_DPI
 * pixels per inch at a placed width of wpt points. 0 or -1 (*why).
 */
int	image_load(const char *path, float wpt, struct image *,
	    const char **why);
void	image_free(struct image *);

#endif
