/* replay: run a fuzz target's LLVMFuzzerTestOneInput on each file named, without libFuzzer. */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz.h"
#include "banned.h"

/*
 * Read all of path into a new buffer (*size bytes, owned by the caller).
 * Returns the buffer, or NULL with errno set.
 */
static uint8_t *
slurp(const char *path, size_t *size)
{
	FILE *fp = fopen(path, "rb");
	uint8_t *buf = NULL, *nbuf;
	size_t len = 0, alloc = 0, n;

	if (!fp)
		return NULL;
	do {
		if (len == alloc) {
			alloc = alloc ? alloc * 2 : 4096;
			if (!(nbuf = realloc(buf, alloc))) {
				free(buf);
				fclose(fp);
				errno = ENOMEM;
				return NULL;
			}
			buf = nbuf;
		}
		n = fread(buf + len, 1, alloc - len, fp);
		len += n;
	} while (n > 0);
	if (ferror(fp)) {
		free(buf);
		fclose(fp);
		errno = EIO;
		return NULL;
	}
	fclose(fp);
	*size = len;
	return buf;
}

int
main(int argc, char **argv)
{
	uint8_t *data;
	size_t size;
	int i;

	if (argc < 2) {
		fputs("usage: replay file ...\n", stderr);
		return 64;
	}
	for (i = 1; i < argc; i++) {
		if (!(data = slurp(argv[i], &size))) {
			fprintf(stderr, "replay: %s: %s\n", argv[i], strerror(errno));
			return 66;
		}
		fprintf(stderr, "replay: %s (%zu bytes)\n", argv[i], size);
		LLVMFuzzerTestOneInput(data, size);
		free(data);
	}
	return 0;
}
