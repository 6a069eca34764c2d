/* colmap.c: header names to known columns, for every tool's input. */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "colmap.h"
#include "idcard.h"
#include "util.h"
#include "banned.h"

/* 1 when the n bytes at s are one of the '|'-separated names of list. */
static int
in_list(const char *list, const char *s, size_t n)
{
	while (list && *list) {
		const char *e = strchr(list, '|');
		size_t len = e ? (size_t)(e - list) : strlen(list);
		if (len == n && !memcmp(list, s, n))
			return 1;
		list = e ? e + 1 : NULL;
	}
	return 0;
}

int
colmap_lookup(const struct colspec *spec, size_t nspec, const char *name)
{
	size_t n, c;
	const char *s = str_blank_span(name, &n);

	for (c = 0; c < nspec; c++)
		if ((strlen(spec[c].name) == n && !strncasecmp(s, spec[c].name, n)) ||
		    in_list(spec[c].alias, s, n))
			return (int)c;
	return -1;
}

/* The known column name stands for: extra's first, then spec's; or -1. */
static int
lookup_extra(const struct colspec *spec, size_t nspec, const char *name,
	     const struct colmap_alias *extra, size_t nextra)
{
	size_t n, i, en;
	const char *s = str_blank_span(name, &n), *e;

	for (i = 0; i < nextra; i++) {
		e = str_blank_span(extra[i].from, &en);
		if (en == n && !memcmp(e, s, n))
			return colmap_lookup(spec, nspec, extra[i].to);
	}
	return colmap_lookup(spec, nspec, name);
}

/* One more line of a header's problems into err (at *len, of size). */
static void
add_line(char *err, size_t size, size_t *len, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

static void
add_line(char *err, size_t size, size_t *len, const char *fmt, ...)
{
	va_list ap;
	int w;

	if (*len + 1 >= size)
		return;
	if (*len)
		err[(*len)++] = '\n';
	va_start(ap, fmt);
	w = vsnprintf(err + *len, size - *len, fmt, ap);
	va_end(ap);
	if (w > 0)
		*len += (size_t)w < size - *len ? (size_t)w : size - *len - 1;
	err[*len] = '\0';
}

/* Every header name no known column has: one line each into err. */
static void
say_unknown(const struct colmap *m, const struct colspec *spec, char *const *names,
	    size_t n, const struct colmap_alias *extra, size_t nextra,
	    char *err, size_t size, size_t *len)
{
	char name[256], shown[256];
	const char *s;
	size_t i, l;

	for (i = 0; i < n; i++) {
		if (lookup_extra(spec, m->nspec, names[i], extra, nextra) >= 0)
			continue;
		s = str_blank_span(names[i], &l);
		snprintf(name, sizeof(name), "%.*s", (int)l, s);
		add_line(err, size, len, "unknown column '%s' (--ignore-unknown skips it)",
			 mask_shown(name, shown, sizeof(shown)));
	}
}

/* Every required column the header lacks: one line each into err. */
static void
say_missing(const struct colmap *m, const struct colspec *spec, char *err,
	    size_t size, size_t *len)
{
	size_t c;
	const char *a;

	for (c = 0; c < m->nspec; c++) {
		if (!spec[c].required || m->field[c] >= 0)
			continue;
		if ((a = spec[c].alias))
			add_line(err, size, len, "required column '%s' (%.*s) is missing",
				 spec[c].name, (int)strcspn(a, "|"), a);
		else
			add_line(err, size, len, "required column '%s' is missing",
				 spec[c].name);
	}
}

int
colmap_build_all(struct colmap *m, const struct colspec *spec, size_t nspec,
		 char *const *names, size_t n,
		 const struct colmap_alias *extra, size_t nextra,
		 int ignore_unknown, char *err, size_t errsize)
{
	size_t i, c, known = 0, unknown = 0, len = 0;
	int k;

	memset(m, 0, sizeof(*m));
	m->nspec = nspec < COLMAP_MAX ? nspec : COLMAP_MAX;
	m->nfields = n;
	m->names = names;
	err[0] = '\0';
	for (c = 0; c < m->nspec; c++)
		m->field[c] = -1;
	for (i = 0; i < n; i++) {
		if ((k = lookup_extra(spec, m->nspec, names[i], extra, nextra)) < 0) {
			unknown++;
			continue;
		}
		known++;
		if (m->field[k] >= 0)
			add_line(err, errsize, &len, "column '%s' appears twice", spec[k].name);
		else
			m->field[k] = (int)i;
	}
	if (unknown && !ignore_unknown) {
		if (!known) {
			snprintf(err, errsize, "no known column in the header "
				 "(is the header missing?)");
			return -1;
		}
		say_unknown(m, spec, names, n, extra, nextra, err, errsize, &len);
	}
	say_missing(m, spec, err, errsize, &len);
	return len ? -1 : 0;
}

int
colmap_build(struct colmap *m, const struct colspec *spec, size_t nspec,
	     char *const *names, size_t n, int ignore_unknown,
	     char *err, size_t errsize)
{
	int rc = colmap_build_all(m, spec, nspec, names, n, NULL, 0, ignore_unknown,
				  err, errsize);

	if (rc < 0)
		err[strcspn(err, "\n")] = '\0';
	return rc;
}

const char *
colmap_header_name(const struct colmap *m, size_t c, char *buf, size_t size)
{
	const char *s;
	size_t len;

	if (!m->names || c >= m->nspec || m->field[c] < 0)
		return NULL;
	s = str_blank_span(m->names[m->field[c]], &len);
	snprintf(buf, size, "%.*s", (int)len, s);
	return buf;
}

char *
colmap_get(const struct colmap *m, size_t c, char **fields, size_t nfields)
{
	char *s;
	if (c >= m->nspec || m->field[c] < 0 || (size_t)m->field[c] >= nfields)
		return NULL;
	s = str_trim_blank(fields[m->field[c]]);
	return *s ? s : NULL;
}
