/* colmap.c: header names to known columns, for every tool's input. */
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

int
colmap_build(struct colmap *m, const struct colspec *spec, size_t nspec,
	     char *const *names, size_t n, int ignore_unknown,
	     char *err, size_t errsize)
{
	size_t i, c, known = 0, unknown = n;
	int k;

	memset(m, 0, sizeof(*m));
	m->nspec = nspec < COLMAP_MAX ? nspec : COLMAP_MAX;
	m->nfields = n;
	for (c = 0; c < m->nspec; c++)
		m->field[c] = -1;
	for (i = 0; i < n; i++) {
		if ((k = colmap_lookup(spec, m->nspec, names[i])) < 0) {
			if (unknown == n)
				unknown = i;
			continue;
		}
		known++;
		if (m->field[k] >= 0) {
			snprintf(err, errsize, "column '%s' appears twice", spec[k].name);
			return -1;
		}
		m->field[k] = (int)i;
	}
	if (unknown < n && !ignore_unknown) {
		char name[256], shown[256];
		size_t len;
		const char *s;
		if (!known) {
			snprintf(err, errsize, "no known column in the header "
				 "(is the header missing?)");
			return -1;
		}
		s = str_blank_span(names[unknown], &len);
		snprintf(name, sizeof(name), "%.*s", (int)len, s);
		snprintf(err, errsize, "unknown column '%s' (--ignore-unknown skips it)",
			 mask_shown(name, shown, sizeof(shown)));
		return -1;
	}
	for (c = 0; c < m->nspec; c++)
		if (spec[c].required && m->field[c] < 0) {
			const char *a = spec[c].alias;
			if (a)
				snprintf(err, errsize, "required column '%s' (%.*s) is missing",
					 spec[c].name, (int)strcspn(a, "|"), a);
			else
				snprintf(err, errsize, "required column '%s' is missing",
					 spec[c].name);
			return -1;
		}
	return 0;
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
