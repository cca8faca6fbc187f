#include "outconv.h"

#include <errno.h>
#include <iconv.h>
#include <langinfo.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "i18n.h"

typedef struct conv {
	int fd;
	iconv_t cd;
	char pending[8];   /* a character cut between two writes */
	size_t npending;
} conv;

static int write_all(int fd, const char *p, size_t n)
{
	while (n) {
		ssize_t w = write(fd, p, n);
		if (w < 0) {
			if (errno == EINTR)
				continue;
			return -1;
		}
		p += w;
		n -= (size_t)w;
	}
	return 0;
}

/* Control characters in stored text (a name imported with ESC ] … BEL, a
 * C1 CSI) would drive the terminal of whoever lists it: they become '?',
 * in place, so lengths stay. A C1 cut after its 0xC2 waits in pending. */
static void defang(char *p, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		unsigned char b = (unsigned char)p[i];
		if ((b < 0x20 && b != '\n' && b != '\t') || b == 0x7F)
			p[i] = '?';
		else if (b == 0xC2 && i + 1 < n && (unsigned char)p[i + 1] >= 0x80 && (unsigned char)p[i + 1] < 0xA0)
			p[i] = p[i + 1] = '?';
	}
}

/* Converts in chunks; a character the terminal's codeset cannot show (or
 * bytes that are not UTF-8) is written as '?', never dropped silently with
 * the rest of the line. */
static ssize_t conv_write(void *cookie, const char *buf, size_t size)
{
	conv *c = cookie;
	char in[4096 + 8], out[16384];
	size_t done = 0;
	while (done < size) {
		size_t take = size - done < 4096 ? size - done : 4096;
		memcpy(in, c->pending, c->npending);
		memcpy(in + c->npending, buf + done, take);
		defang(in, c->npending + take);
		char *ip = in, *op = out;
		size_t il = c->npending + take, ol = sizeof out;
		c->npending = 0;
		while (il) {
			if (iconv(c->cd, &ip, &il, &op, &ol) != (size_t)-1)
				break;
			if (errno == EINVAL) {          /* cut character: keep it for the next write */
				memcpy(c->pending, ip, il);
				c->npending = il;
				il = 0;
			} else if (errno == EILSEQ) {
				*op++ = '?';
				ol--;
				ip++;
				il--;
				while (il && ((unsigned char)*ip & 0xC0) == 0x80)
					ip++, il--;
			} else if (errno == E2BIG) {
				if (write_all(c->fd, out, (size_t)(op - out)))
					return -1;
				op = out;
				ol = sizeof out;
			} else {
				return -1;
			}
		}
		if (write_all(c->fd, out, (size_t)(op - out)))
			return -1;
		done += take;
	}
	return (ssize_t)size;
}

static int conv_close(void *cookie)
{
	conv *c = cookie;
	iconv_close(c->cd);
	free(c);
	return 0;
}

/* The wrapped streams, closed at exit so that everything is flushed and freed. */
static FILE *wrapped[2];

static void close_wrapped(void)
{
	for (int i = 0; i < 2; i++)
		if (wrapped[i])
			fclose(wrapped[i]);
}

static FILE *wrap(FILE *f, int fd, const char *codeset)
{
	conv *c = calloc(1, sizeof *c);
	if (!c)
		return f;
	c->fd = fd;
	c->cd = iconv_open(codeset, "UTF-8");
	if (c->cd == (iconv_t)-1) {
		free(c);
		return f;
	}
	cookie_io_functions_t io = { .write = conv_write, .close = conv_close };
	FILE *nf = fopencookie(c, "w", io);
	if (!nf) {
		iconv_close(c->cd);
		free(c);
		return f;
	}
	fflush(f);
	/* Only terminals are wrapped: line by line, so stdout and stderr keep
	 * their order on the screen. */
	setvbuf(nf, NULL, _IOLBF, 0);
	if (!wrapped[0] && !wrapped[1])
		atexit(close_wrapped);
	wrapped[fd == 2] = nf;
	return nf;
}

static char *to_utf8(iconv_t cd, const char *s)
{
	size_t il = strlen(s), ol = il * 4 + 1;
	char *out = malloc(ol), *op = out;
	char *ip = (char *)s;
	if (!out)
		return NULL;
	iconv(cd, NULL, NULL, NULL, NULL);
	if (iconv(cd, &ip, &il, &op, &ol) == (size_t)-1) {
		free(out);
		return NULL;   /* not text in the locale's codeset: keep the bytes */
	}
	*op = '\0';
	return out;
}

char **outconv_argv(int argc, char **argv)
{
	const char *cs = nl_langinfo(CODESET);
	if (!cs || strcmp(cs, "UTF-8") == 0 || strcmp(cs, "ANSI_X3.4-1968") == 0)
		return argv;
	iconv_t cd = iconv_open("UTF-8", cs);
	char **u = calloc((size_t)argc + 1, sizeof *u);
	if (cd == (iconv_t)-1 || !u) {
		free(u);
		return argv;
	}
	for (int i = 0; i < argc; i++) {
		u[i] = to_utf8(cd, argv[i]);
		if (!u[i])
			u[i] = argv[i];
	}
	iconv_close(cd);
	return u;
}

void outconv_argv_free(int argc, char **u, char **argv)
{
	if (u == argv)
		return;
	for (int i = 0; i < argc; i++)
		if (u[i] != argv[i])
			free(u[i]);
	free(u);
}

void outconv_setup(void)
{
	bind_textdomain_codeset("liangze", "UTF-8");
}

void outconv_stdio(void)
{
	/* A terminal always gets the filter (controls, invalid UTF-8); pipes and
	 * files get the bytes as they are. The C locale's terminal gets UTF-8, as
	 * before. */
	const char *cs = nl_langinfo(CODESET);
	if (!cs || strcmp(cs, "ANSI_X3.4-1968") == 0)
		cs = "UTF-8";
	if (isatty(1))
		stdout = wrap(stdout, 1, cs);
	if (isatty(2))
		stderr = wrap(stderr, 2, cs);
}
