/* colmap.c: header names to known columns, for the tools' small inputs. */
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "colmap.h"
#include "banned.h"

static char *
trim(char *s)
{
	char *e;
	while (*s == ' ' || *s == '\t')
		s++;
	e = s + strlen(s);
	while (e > s && (e[-1] == ' ' || e[-1] == '\t' || e[-1] == '\r'))
		e--;
	*e = '\0';
	return s;
}

int
colmap_build(struct colmap *m, const struct colspec *spec, size_t nspec,
	     char *const *names, size_t n, int ignore_unknown,
	     char *err, size_t errsize)
{
	size_t i, c;

	memset(m, 0, sizeof(*m));
	m->nspec = nspec < COLMAP_MAX ? nspec : COLMAP_MAX;
	m->nfields = n;
	for (c = 0; c < m->nspec; c++)
		m->field[c] = -1;
	for (i = 0; i < n; i++) {
		char name[128];
		snprintf(name, sizeof(name), "%s", names[i]);
		for (c = 0; c < m->nspec; c++)
			if (!strcasecmp(trim(name), spec[c].name) ||
			    (spec[c].alias && !strcmp(trim(name), spec[c].alias)))
				break;
		if (c == m->nspec) {
			if (ignore_unknown)
				continue;
			snprintf(err, errsize, "unknown column '%s' (--ignore-unknown skips it)",
				 names[i]);
			return -1;
		}
		if (m->field[c] >= 0) {
			snprintf(err, errsize, "column '%s' appears twice", spec[c].name);
			return -1;
		}
		m->field[c] = (int)i;
	}
	for (c = 0; c < m->nspec; c++)
		if (spec[c].required && m->field[c] < 0) {
			snprintf(err, errsize, "required column '%s' is missing", spec[c].name);
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
	s = trim(fields[m->field[c]]);
	return *s ? s : NULL;
}
