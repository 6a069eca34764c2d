/* colmap.h: map a CSV header onto the columns a tool knows: the one mapping. */
#ifndef PT_COLMAP_H
#define PT_COLMAP_H

#include <stddef.h>

struct colspec {
	const char *name;	/* canonical, matched without case */
	const char *alias;	/* Chinese aliases, separated by '|', or NULL */
	int required;
};

/*
 * struct colmap: for each known column, the input field holding it (-1:
 * absent), and the header's names as the input gave them (the caller's;
 * NULL for a map made by hand: messages then use the canonical names).
 */
#define COLMAP_MAX 32
struct colmap {
	size_t nspec, nfields;
	int field[COLMAP_MAX];
	char *const *names;
};

/*
 * struct colmap_alias: a header name of the user's own (from) for a known
 * column (to: its canonical name or an alias), as pt-intake --map gives it.
 */
struct colmap_alias {
	const char *from, *to;
};

/*
 * colmap_build: fill m for the n header names against the nspec known
 * columns of spec.  It reads the header names, each trimmed as
 * str_trim_blank trims (the names themselves are not changed); an unknown
 * name is an error unless ignore_unknown; a name twice or a required column
 * missing is always one.  A header in which no name is known is said to be
 * one, without repeating its names (it may well be a row of data).  Returns
 * 0, or -1 with the message in err; values quoted in it are masked as
 * mask_shown masks them.  Columns beyond COLMAP_MAX are not supported.
 * m holds no memory; names stay the caller's.
 */
int colmap_build(struct colmap *m, const struct colspec *spec, size_t nspec,
		 char *const *names, size_t n, int ignore_unknown,
		 char *err, size_t errsize);

/*
 * colmap_build_all: colmap_build, but every problem of the header is
 * said, one line each ('\n' between them, none at the end), in this
 * order: names twice, unknown names, required columns missing (a header
 * with no known name at all is still the one line); colmap_build's
 * message is the first of these lines.  A header name equal to an
 * extra[i].from (trimmed alike) stands for the column extra[i].to names;
 * the nextra entries (and their strings) stay the caller's, and are
 * looked at before spec's names.  A message cut short by errsize ends
 * where it was cut.  Returns 0, or -1 with the lines in err.
 */
int colmap_build_all(struct colmap *m, const struct colspec *spec, size_t nspec,
		     char *const *names, size_t n,
		     const struct colmap_alias *extra, size_t nextra,
		     int ignore_unknown, char *err, size_t errsize);

/*
 * colmap_header_name: the header's name of known column c, trimmed as
 * str_trim_blank trims, into buf (cut to size); NULL when m keeps no
 * names or the column is absent.  For messages about a row's value, which
 * name the column as the file does.
 */
const char *colmap_header_name(const struct colmap *m, size_t c, char *buf,
			       size_t size);

/*
 * colmap_lookup: the known column a header name stands for (canonical name
 * without case, or one of its aliases, trimmed as str_trim_blank trims),
 * or -1.
 */
int colmap_lookup(const struct colspec *spec, size_t nspec, const char *name);

/*
 * colmap_get: the value of known column c in a row of fields, trimmed in
 * place by str_trim_blank; NULL when the column is absent or the value
 * empty.
 */
char *colmap_get(const struct colmap *m, size_t c, char **fields, size_t nfields);

#endif
