/* fuzz.h: what the libFuzzer targets share: the input as a file path. */
#ifndef PT_FUZZ_H
#define PT_FUZZ_H

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <unistd.h>

/*
 * The readers under test open a path, so each input goes into an anonymous
 * memory file and is read back through /proc/self/fd/N, which open(2)
 * gives a descriptor of its own (offset 0) on the same bytes.
 */
struct fuzz_file {
	int fd;
	char path[64];
};

/*
 * fuzz_file_open: put the size bytes at data into a new memory file and
 * name it in f->path.  Returns 0, or -1 (errno) when the kernel will not
 * make one; the targets abort then: it is the harness failing, not pt.
 */
static inline int
fuzz_file_open(struct fuzz_file *f, const uint8_t *data, size_t size)
{
	size_t off = 0;
	ssize_t n;

	f->fd = memfd_create("pt-fuzz", MFD_CLOEXEC);
	if (f->fd < 0)
		return -1;
	while (off < size) {
		n = write(f->fd, data + off, size - off);
		if (n <= 0) {
			close(f->fd);
			return -1;
		}
		off += (size_t)n;
	}
	snprintf(f->path, sizeof(f->path), "/proc/self/fd/%d", f->fd);
	return 0;
}

/* fuzz_file_close: release the memory file. */
static inline void
fuzz_file_close(struct fuzz_file *f)
{
	close(f->fd);
	f->fd = -1;
}

/* fuzz_check: abort, saying which invariant failed, when ok is false. */
#define fuzz_check(ok) do { \
	if (!(ok)) { \
		fprintf(stderr, "%s:%d: invariant failed: %s\n", __FILE__, __LINE__, #ok); \
		abort(); \
	} \
} while (0)

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#endif
