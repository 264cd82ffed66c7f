// SPDX-License-Identifier: GPL-2.0
/*
 * Harness benchmark, not part of the series: tools/bench.sh builds it
 * statically against the UAPI headers of each kernel and runs it in the
 * guest after boot.
 *
 * Cost of one dirty-tracking cycle over 256 MiB, by method:
 *
 *   clean         MAPPING_DIRTY_IOC_CLEAN on /dev/test_mapping_dirty:
 *                 clean_record_shared_mapping_range() collects the dirty
 *                 bits into a bitmap and clears them (vmwgfx page-table mode)
 *   wp            MAPPING_DIRTY_IOC_WP: wp_shared_mapping_range() write-
 *                 protects the range; writes fault through ->pfn_mkwrite()
 *                 (vmwgfx mkwrite mode)
 *   softdirty     anonymous memory: pread() of /proc/self/pagemap, then "4"
 *                 to /proc/self/clear_refs (needs CONFIG_MEM_SOFT_DIRTY)
 *   pagemap_scan  anonymous memory write-protected by userfaultfd in async
 *                 mode: one PAGEMAP_SCAN that returns the written pages and
 *                 write-protects them again (needs uffd-wp)
 *
 * For each dirty fraction (1%, 10%, 100% of the pages, spread evenly) and
 * each of ROUNDS rounds: dirty the pages with one store each, then one
 * tracking cycle.  Prints the median time of the cycle alone
 * (ns_per_cycle) and of the whole round, stores included (ns_per_loop):
 * the stores take a fault per page with wp, softdirty and pagemap_scan,
 * none with clean.  Every cycle's result is checked against the pages
 * dirtied, so that a broken method cannot look fast.
 *
 * Where the stores run: the cleaner (the thread that runs the cycle) is
 * pinned to CPU 0.  In the plain variants (Fpct) the cleaner does the
 * stores itself, so the mm runs on CPU 0 only and every TLB flush is
 * local.  In the remote variants (Fpct-remote, clean and wp) a writer
 * thread pinned to CPU 1 does the stores and then spins, keeping the mm
 * live there while the cycle runs, as the render thread of a
 * multithreaded vmwgfx client does: each flush of the cycle is then remote
 * (an IPI on x86, a broadcast TLBI on arm64).
 *
 * Where the kernel counts TLB flushes (x86 with CONFIG_DEBUG_TLBFLUSH,
 * which tools/bench.sh sets), the program also prints their number per
 * cycle, from /proc/vmstat: local_flushes (nr_tlb_local_flush_one and
 * _all) and remote_flushes (nr_tlb_remote_flush).
 *
 * The anonymous memory is MADV_NOHUGEPAGE: the device is mapped with PTEs
 * only, and a THP would be tracked at 2 MiB granularity.
 *
 * Output, parsed by tools/bench_summary.py:
 *   ### bench mapping_dirty.METHOD.Fpct ns_per_cycle=N
 *   ### bench mapping_dirty.METHOD.Fpct ns_per_loop=N
 *   ### bench mapping_dirty.METHOD.Fpct local_flushes=N   (and remote_)
 *   ### bench mapping_dirty.METHOD.Fpct-remote ...        (clean and wp)
 *   ### bench mapping_dirty.METHOD skipped: REASON
 *   ### bench mapping_dirty.METHOD.Fpct error: WHAT   (and exit status 1)
 *
 * Usage: mapping_dirty_bench [ROUNDS]
 */
#define _GNU_SOURCE
#include <errno.h>
#include <pthread.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <sched.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>
#include <linux/fs.h>
#include <linux/userfaultfd.h>

#if __has_include("test_mapping_dirty_uapi.h")
#include "test_mapping_dirty_uapi.h"
#define HAVE_TEST_MAPPING_DIRTY 1
#endif

#define BENCH		"mapping_dirty"
#define SIZE		(256UL << 20)
#define DEFAULT_ROUNDS	15
#define PM_SOFT_DIRTY	(1ULL << 55)
#define PM_PRESENT	(1ULL << 63)

static const int fractions[] = { 1, 10, 100 };

static unsigned long psize, npages;
static char *mem;		/* the memory the rounds dirty */
static uint64_t *expect;	/* bitmap of the pages dirtied */
static unsigned long *dirty_idx, ndirty;
static char why[256];		/* what the last failed check found */

/* The writer thread of the remote variants, on CPU 1. */
static struct {
	pthread_t thread;
	int started;
	int go;		/* the round to store, -1 to stop */
	int done;	/* the last round stored */
} wr;

static int fail(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(why, sizeof(why), fmt, ap);
	va_end(ap);
	return -1;
}

static int test_bit(const uint64_t *map, unsigned long n)
{
	return map[n / 64] >> (n % 64) & 1;
}

static uint64_t now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000000000ULL + ts.tv_nsec;
}

static int cmp_u64(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;

	return x < y ? -1 : x > y;
}

static uint64_t median(uint64_t *v, int n)
{
	qsort(v, n, sizeof(*v), cmp_u64);
	return v[n / 2];
}

/* The pages of a fraction: ndirty pages spread evenly over the range. */
static void set_fraction(int percent)
{
	unsigned long i;

	ndirty = npages * percent / 100;
	memset(expect, 0, (npages + 63) / 64 * 8);
	for (i = 0; i < ndirty; i++) {
		dirty_idx[i] = i * npages / ndirty;
		expect[dirty_idx[i] / 64] |= 1ULL << (dirty_idx[i] % 64);
	}
}

static void dirty_pages(int round)
{
	volatile char *p = mem;
	unsigned long i;

	for (i = 0; i < ndirty; i++)
		p[dirty_idx[i] * psize] = (char)round;
}

static void prefault(char *p)
{
	unsigned long i;

	for (i = 0; i < npages; i++)
		((volatile char *)p)[i * psize] = 1;
}

/* The writer of the remote variants: store when told, spin in between. */
static void *writer(void *arg __attribute__((unused)))
{
	int seen = 0, go;
	cpu_set_t cpus;

	CPU_ZERO(&cpus);
	CPU_SET(1, &cpus);
	sched_setaffinity(0, sizeof(cpus), &cpus);
	for (;;) {
		go = __atomic_load_n(&wr.go, __ATOMIC_ACQUIRE);
		if (go < 0)
			return NULL;
		if (go == seen)
			continue;
		seen = go;
		dirty_pages(go);
		__atomic_store_n(&wr.done, go, __ATOMIC_RELEASE);
	}
}

/* The stores of one round, on CPU 1: 0, or -1 if they cannot run. */
static int remote_dirty_pages(void)
{
	if (!wr.started) {
		wr.go = wr.done = 0;
		if (pthread_create(&wr.thread, NULL, writer, NULL))
			return -1;
		wr.started = 1;
	}
	__atomic_store_n(&wr.go, wr.done + 1, __ATOMIC_RELEASE);
	while (__atomic_load_n(&wr.done, __ATOMIC_ACQUIRE) != wr.go)
		;
	return 0;
}

static void stop_writer(void)
{
	if (!wr.started)
		return;
	__atomic_store_n(&wr.go, -1, __ATOMIC_RELEASE);
	pthread_join(wr.thread, NULL);
	wr.started = 0;
}

/* The TLB flush counters of /proc/vmstat, 0 if the kernel has none. */
static int flush_counts(uint64_t *local, uint64_t *remote)
{
	char name[64];
	unsigned long long v;
	int found = 0;
	FILE *f = fopen("/proc/vmstat", "r");

	*local = *remote = 0;
	if (!f)
		return 0;
	while (fscanf(f, "%63s %llu", name, &v) == 2) {
		if (!strcmp(name, "nr_tlb_local_flush_one") ||
		    !strcmp(name, "nr_tlb_local_flush_all")) {
			*local += v;
			found = 1;
		} else if (!strcmp(name, "nr_tlb_remote_flush")) {
			*remote += v;
			found = 1;
		}
	}
	fclose(f);
	return found;
}

struct method {
	const char *name;
	int remote;			/* also run the remote variants */
	const char *(*setup)(void);	/* NULL, or why it is skipped */
	void (*before)(void);		/* untimed, before the stores */
	int (*cycle)(void);		/* timed: one tracking cycle */
	int (*check)(void);		/* untimed: the cycle saw ndirty pages */
	void (*teardown)(void);
};

/* --- the test driver: clean and wp ---------------------------------- */

#ifdef HAVE_TEST_MAPPING_DIRTY
static int dev_fd = -1;
static char *dev_mem;
static uint64_t *clean_bitmap;
static uint32_t *fault_counts;
static struct mapping_dirty_clean clean_arg;
static struct mapping_dirty_wp wp_arg;

static const char *dev_setup(void)
{
	static char msg[128];
	struct mapping_dirty_info info;

	dev_fd = open("/dev/test_mapping_dirty", O_RDWR | O_CLOEXEC);
	if (dev_fd < 0) {
		snprintf(msg, sizeof(msg), "no /dev/test_mapping_dirty (%s)",
			 strerror(errno));
		return msg;
	}
	if (ioctl(dev_fd, MAPPING_DIRTY_IOC_INFO, &info) ||
	    info.page_size != psize || info.size < SIZE)
		return "MAPPING_DIRTY_IOC_INFO failed or does not fit";
	dev_mem = mmap(NULL, SIZE, PROT_READ | PROT_WRITE, MAP_SHARED,
		       dev_fd, 0);
	if (dev_mem == MAP_FAILED) {
		dev_mem = NULL;
		return "mmap of /dev/test_mapping_dirty failed";
	}
	clean_bitmap = calloc((npages + 63) / 64, 8);
	fault_counts = calloc(npages, sizeof(*fault_counts));
	if (!clean_bitmap || !fault_counts)
		return "out of memory";
	/* Write faults map the device's pages writable. */
	prefault(dev_mem);
	mem = dev_mem;
	return NULL;
}

static void dev_teardown(void)
{
	if (dev_mem)
		munmap(dev_mem, SIZE);
	if (dev_fd >= 0)
		close(dev_fd);
	dev_mem = NULL;
	dev_fd = -1;
	free(clean_bitmap);
	free(fault_counts);
	clean_bitmap = NULL;
	fault_counts = NULL;
}

static void dev_before(void)
{
	ioctl(dev_fd, MAPPING_DIRTY_IOC_RESET);
}

/* Which pages took a write fault since dev_before(): want 1 or 0 each. */
static int check_faults(int want_on_dirty)
{
	struct mapping_dirty_faults f = {
		.offset = 0, .length = SIZE,
		.counts = (uintptr_t)fault_counts,
	};
	unsigned long i;

	if (ioctl(dev_fd, MAPPING_DIRTY_IOC_FAULTS, &f))
		return fail("MAPPING_DIRTY_IOC_FAULTS: %s", strerror(errno));
	for (i = 0; i < npages; i++) {
		uint32_t want = test_bit(expect, i) ? want_on_dirty : 0;

		if (fault_counts[i] != want)
			return fail("page %lu: %u write faults, want %u", i,
				    fault_counts[i], want);
	}
	return 0;
}

static int clean_cycle(void)
{
	clean_arg = (struct mapping_dirty_clean) {
		.offset = 0, .length = SIZE,
		.bitmap = (uintptr_t)clean_bitmap, .bitmap_bits = npages,
	};
	return ioctl(dev_fd, MAPPING_DIRTY_IOC_CLEAN, &clean_arg);
}

static int clean_check(void)
{
	unsigned long first = dirty_idx[0], last = dirty_idx[ndirty - 1];

	if (clean_arg.count != ndirty)
		return fail("CLEAN cleaned %llu PTEs, %lu dirtied",
			    (unsigned long long)clean_arg.count, ndirty);
	if (clean_arg.start != first || clean_arg.end != last + 1)
		return fail("CLEAN start/end %llu/%llu, want %lu/%lu",
			    (unsigned long long)clean_arg.start,
			    (unsigned long long)clean_arg.end, first, last + 1);
	if (memcmp(clean_bitmap, expect, (npages + 63) / 64 * 8))
		return fail("CLEAN bitmap differs from the pages dirtied");
	/* The PTEs stay writable: the stores must not have faulted. */
	return check_faults(0);
}

static int wp_cycle(void)
{
	wp_arg = (struct mapping_dirty_wp) { .offset = 0, .length = SIZE };
	return ioctl(dev_fd, MAPPING_DIRTY_IOC_WP, &wp_arg);
}

static int wp_check(void)
{
	if (wp_arg.count != ndirty)
		return fail("WP write-protected %llu PTEs, %lu dirtied",
			    (unsigned long long)wp_arg.count, ndirty);
	/* Each store faulted once through ->pfn_mkwrite(). */
	return check_faults(1);
}
#else
static const char *dev_setup(void)
{
	return "this kernel has no lib/test_mapping_dirty_uapi.h";
}
#define dev_before NULL
#define dev_teardown NULL
#define clean_cycle NULL
#define clean_check NULL
#define wp_cycle NULL
#define wp_check NULL
#endif

/* --- anonymous memory, for the alternatives ------------------------ */

static int pagemap_fd = -1;

static const char *anon_setup(void)
{
	mem = mmap(NULL, SIZE, PROT_READ | PROT_WRITE,
		   MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (mem == MAP_FAILED) {
		mem = NULL;
		return "mmap of anonymous memory failed";
	}
	if (madvise(mem, SIZE, MADV_NOHUGEPAGE))
		return "madvise(MADV_NOHUGEPAGE) failed";
	prefault(mem);
	pagemap_fd = open("/proc/self/pagemap", O_RDONLY | O_CLOEXEC);
	if (pagemap_fd < 0)
		return "no /proc/self/pagemap (CONFIG_PROC_PAGE_MONITOR)";
	return NULL;
}

static void anon_teardown(void)
{
	if (mem)
		munmap(mem, SIZE);
	mem = NULL;
	if (pagemap_fd >= 0)
		close(pagemap_fd);
	pagemap_fd = -1;
}

/* --- softdirty ------------------------------------------------------ */

static int clear_refs_fd = -1;
static uint64_t *pagemap_buf;

static int softdirty_read(unsigned long n)
{
	off_t off = (uintptr_t)mem / psize * sizeof(uint64_t);
	size_t len = n * sizeof(uint64_t);

	return pread(pagemap_fd, pagemap_buf, len, off) == (ssize_t)len ? 0 : -1;
}

static int softdirty_clear(void)
{
	return pwrite(clear_refs_fd, "4", 1, 0) == 1 ? 0 : -1;
}

static const char *softdirty_setup(void)
{
	const char *err = anon_setup();

	if (err)
		return err;
	pagemap_buf = calloc(npages, sizeof(*pagemap_buf));
	if (!pagemap_buf)
		return "out of memory";
	clear_refs_fd = open("/proc/self/clear_refs", O_WRONLY | O_CLOEXEC);
	if (clear_refs_fd < 0)
		return "no /proc/self/clear_refs";
	/*
	 * Without CONFIG_MEM_SOFT_DIRTY (arm64 has none) clear_refs accepts
	 * "4" but pagemap never reports a page soft-dirty: probe for it.
	 */
	if (softdirty_clear())
		return "clear_refs does not accept 4";
	mem[psize] = 1;
	if (softdirty_read(2))
		return "pread of /proc/self/pagemap failed";
	if ((pagemap_buf[0] & PM_SOFT_DIRTY) ||
	    !(pagemap_buf[1] & PM_SOFT_DIRTY))
		return "no soft-dirty bits in pagemap (CONFIG_MEM_SOFT_DIRTY)";
	return NULL;
}

static void softdirty_teardown(void)
{
	anon_teardown();
	if (clear_refs_fd >= 0)
		close(clear_refs_fd);
	clear_refs_fd = -1;
	free(pagemap_buf);
	pagemap_buf = NULL;
}

/* Collect the soft-dirty bits, then re-arm. */
static int softdirty_cycle(void)
{
	return softdirty_read(npages) || softdirty_clear() ? -1 : 0;
}

static int softdirty_check(void)
{
	unsigned long i;

	for (i = 0; i < npages; i++) {
		uint64_t e = pagemap_buf[i];

		if (!(e & PM_PRESENT))
			return fail("page %lu not present", i);
		if (!!(e & PM_SOFT_DIRTY) != test_bit(expect, i))
			return fail("page %lu: soft-dirty %d, dirtied %d", i,
				    !!(e & PM_SOFT_DIRTY), test_bit(expect, i));
	}
	return 0;
}

/* --- pagemap_scan --------------------------------------------------- */

#ifdef PAGEMAP_SCAN
static int uffd = -1;
static struct page_region *regions;
static struct pm_scan_arg scan_arg;
static long scan_ret;

static const char *pagemap_scan_setup(void)
{
	static char msg[128];
	struct uffdio_api api = {
		.api = UFFD_API, .features = UFFD_FEATURE_WP_ASYNC,
	};
	struct uffdio_register reg;
	struct uffdio_writeprotect wp;
	const char *err = anon_setup();

	if (err)
		return err;
	regions = calloc(npages, sizeof(*regions));
	if (!regions)
		return "out of memory";
	uffd = syscall(__NR_userfaultfd, O_CLOEXEC | O_NONBLOCK);
	if (uffd < 0) {
		snprintf(msg, sizeof(msg), "no userfaultfd (%s)",
			 strerror(errno));
		return msg;
	}
	if (ioctl(uffd, UFFDIO_API, &api) ||
	    !(api.features & UFFD_FEATURE_WP_ASYNC))
		return "no UFFD_FEATURE_WP_ASYNC (needs uffd-wp, CONFIG_PTE_MARKER_UFFD_WP)";
	reg = (struct uffdio_register) {
		.range = { .start = (uintptr_t)mem, .len = SIZE },
		.mode = UFFDIO_REGISTER_MODE_WP,
	};
	if (ioctl(uffd, UFFDIO_REGISTER, &reg))
		return "UFFDIO_REGISTER_MODE_WP failed";
	wp = (struct uffdio_writeprotect) {
		.range = { .start = (uintptr_t)mem, .len = SIZE },
		.mode = UFFDIO_WRITEPROTECT_MODE_WP,
	};
	if (ioctl(uffd, UFFDIO_WRITEPROTECT, &wp))
		return "UFFDIO_WRITEPROTECT failed";
	return NULL;
}

static void pagemap_scan_teardown(void)
{
	anon_teardown();
	if (uffd >= 0)
		close(uffd);
	uffd = -1;
	free(regions);
	regions = NULL;
}

/* Collect the written pages and write-protect them again. */
static int pagemap_scan_cycle(void)
{
	scan_arg = (struct pm_scan_arg) {
		.size = sizeof(scan_arg),
		.flags = PM_SCAN_WP_MATCHING | PM_SCAN_CHECK_WPASYNC,
		.start = (uintptr_t)mem, .end = (uintptr_t)mem + SIZE,
		.vec = (uintptr_t)regions, .vec_len = npages,
		.category_mask = PAGE_IS_WRITTEN,
		.return_mask = PAGE_IS_WRITTEN,
	};
	scan_ret = ioctl(pagemap_fd, PAGEMAP_SCAN, &scan_arg);
	return scan_ret < 0 ? -1 : 0;
}

static int pagemap_scan_check(void)
{
	unsigned long n = 0, r, i;

	/*
	 * Not checked: walk_end == end.  6.12 leaves walk_end where the walk
	 * last flushed its bounce buffer (every 512 regions), even when it
	 * went on to the end.  vec has room for npages regions, so the scan
	 * cannot stop early for want of room; the pages are checked below.
	 */
	for (r = 0; r < (unsigned long)scan_ret; r++) {
		if (regions[r].categories != PAGE_IS_WRITTEN)
			return fail("region %lu: categories %#llx", r,
				    (unsigned long long)regions[r].categories);
		for (i = (regions[r].start - (uintptr_t)mem) / psize;
		     i < (regions[r].end - (uintptr_t)mem) / psize; i++, n++)
			if (!test_bit(expect, i))
				return fail("page %lu reported written", i);
	}
	if (n != ndirty)
		return fail("PAGEMAP_SCAN reported %lu pages written, %lu dirtied",
			    n, ndirty);
	return 0;
}
#else
static const char *pagemap_scan_setup(void)
{
	return "no PAGEMAP_SCAN in this kernel's UAPI";
}
#define pagemap_scan_cycle NULL
#define pagemap_scan_check NULL
#define pagemap_scan_teardown NULL
#endif

/* --- the rounds ----------------------------------------------------- */

static const struct method methods[] = {
	{ "clean", 1, dev_setup, dev_before, clean_cycle, clean_check,
	  dev_teardown },
	{ "wp", 1, dev_setup, dev_before, wp_cycle, wp_check, dev_teardown },
	{ "softdirty", 0, softdirty_setup, NULL, softdirty_cycle,
	  softdirty_check, softdirty_teardown },
	{ "pagemap_scan", 0, pagemap_scan_setup, NULL, pagemap_scan_cycle,
	  pagemap_scan_check, pagemap_scan_teardown },
};

/* What one round measured. */
struct sample {
	uint64_t cycle, loop;		/* ns */
	uint64_t local, remote;		/* TLB flushes of the cycle */
};

/* One round: returns 0, or -1 with why[] set. */
static int round_once(const struct method *m, int round, int remote,
		      struct sample *s)
{
	uint64_t t0, ts, t1, t2, l0, r0, l1, r1;

	if (m->before)
		m->before();
	t0 = now_ns();
	if (remote) {
		if (remote_dirty_pages())
			return fail("cannot start the writer thread");
	} else {
		dirty_pages(round);
	}
	ts = now_ns();
	flush_counts(&l0, &r0);
	t1 = now_ns();
	if (m->cycle())
		return fail("cycle failed: %s", strerror(errno));
	t2 = now_ns();
	flush_counts(&l1, &r1);
	s->cycle = t2 - t1;
	/* The stores and the cycle, without the read of /proc/vmstat. */
	s->loop = (ts - t0) + (t2 - t1);
	s->local = l1 - l0;
	s->remote = r1 - r0;
	return 0;
}

static void print_median(const char *name, const char *variant,
			 const char *metric, uint64_t *v, int n)
{
	printf("### bench " BENCH ".%s.%s %s=%llu\n", name, variant, metric,
	       (unsigned long long)median(v, n));
}

static int run_method(const struct method *m, int rounds)
{
	/* [0] is the warm-up round's */
	struct sample *smp = calloc(rounds + 1, sizeof(*smp));
	uint64_t *v = calloc(rounds + 1, sizeof(*v));
	const char *skip = m->setup();
	uint64_t l, r0;
	int counted = flush_counts(&l, &r0);
	unsigned int f;
	int r, remote, ret = 0;
	char variant[32];

	if (skip) {
		printf("### bench " BENCH ".%s skipped: %s\n", m->name, skip);
		goto out;
	}
	if (!smp || !v) {
		printf("### bench " BENCH ".%s error: out of memory\n", m->name);
		ret = -1;
		goto out;
	}
	for (remote = 0; remote <= m->remote && !ret; remote++) {
		if (remote && sysconf(_SC_NPROCESSORS_ONLN) < 2) {
			printf("### bench " BENCH ".%s.remote skipped: one CPU\n",
			       m->name);
			break;
		}
		for (f = 0; f < sizeof(fractions) / sizeof(fractions[0]); f++) {
			snprintf(variant, sizeof(variant), "%dpct%s",
				 fractions[f], remote ? "-remote" : "");
			set_fraction(fractions[f]);
			/*
			 * Round 0 is untimed and unchecked: it reaches the
			 * steady state of this fraction (a first cycle after
			 * the prefault sees every page dirty).
			 */
			for (r = 0; r <= rounds; r++) {
				if (round_once(m, r, remote, &smp[r]) ||
				    (r && m->check())) {
					ret = -1;
					break;
				}
			}
			if (ret) {
				printf("### bench " BENCH ".%s.%s error: round %d: %s\n",
				       m->name, variant, r, why);
				break;
			}
			for (r = 1; r <= rounds; r++)
				v[r] = smp[r].cycle;
			print_median(m->name, variant, "ns_per_cycle", v + 1, rounds);
			for (r = 1; r <= rounds; r++)
				v[r] = smp[r].loop;
			print_median(m->name, variant, "ns_per_loop", v + 1, rounds);
			if (counted) {
				for (r = 1; r <= rounds; r++)
					v[r] = smp[r].local;
				print_median(m->name, variant, "local_flushes",
					     v + 1, rounds);
				for (r = 1; r <= rounds; r++)
					v[r] = smp[r].remote;
				print_median(m->name, variant, "remote_flushes",
					     v + 1, rounds);
			}
			fflush(stdout);
		}
		stop_writer();
	}
out:
	stop_writer();
	if (m->teardown)
		m->teardown();
	fflush(stdout);
	free(smp);
	free(v);
	return ret;
}

int main(int argc, char **argv)
{
	int rounds = argc > 1 ? atoi(argv[1]) : DEFAULT_ROUNDS;
	cpu_set_t cpus;
	unsigned int i;
	int ret = 0;

	if (rounds < 1) {
		fprintf(stderr, "usage: %s [ROUNDS]\n", argv[0]);
		return 2;
	}
	psize = sysconf(_SC_PAGESIZE);
	npages = SIZE / psize;
	expect = calloc((npages + 63) / 64, 8);
	dirty_idx = calloc(npages, sizeof(*dirty_idx));
	if (!expect || !dirty_idx)
		return 1;
	setvbuf(stdout, NULL, _IOLBF, 0);
	CPU_ZERO(&cpus);
	CPU_SET(0, &cpus);
	if (sched_setaffinity(0, sizeof(cpus), &cpus))
		perror("sched_setaffinity");
	for (i = 0; i < sizeof(methods) / sizeof(methods[0]); i++)
		if (run_method(&methods[i], rounds))
			ret = 1;
	return ret;
}
