// SPDX-License-Identifier: GPL-2.0
/*
 * Harness benchmark, not part of the series: tools/bench.sh builds it
 * statically against the UAPI headers of each kernel and runs it in the
 * guest after boot.
 *
 * Cost of one device-exclusive conversion of one page, by the size of the
 * folio the page is in: HMM_DMIRROR_EXCLUSIVE of a single page through the
 * HMM test driver (/dev/hmm_dmirror0, CONFIG_TEST_HMM), which calls
 * make_device_exclusive() (make_device_exclusive_range() on the base) and
 * reads the page back, then a CPU store to the page, which faults and
 * restores it.  The conversions cycle over the
 * pages of a 2 MiB buffer, every page in turn, ROUNDS times:
 *
 *   order0   MADV_NOHUGEPAGE: 512 order-0 folios
 *   mthp64k  64 KiB mTHP only (hugepages-64kB "always", the others and the
 *            PMD size "never"): 32 folios of 16 pages
 *   thp2m    PMD-sized THP ("always", MADV_HUGEPAGE): one folio
 *
 * (with 4 KiB pages; the program sets the THP controls through sysfs and
 * restores them at exit).  Before the loop, /proc/self/pagemap and
 * /proc/kpageflags must show the buffer backed as intended, or the size is
 * skipped; after it, the same check tells how many of the folios were split
 * (split_folios: 0 is the goal, and PMD-mapped THPs may be PTE-mapped then).
 *
 * ns_per_conv is the ioctl alone, ns_per_restore the store that restores
 * the page; both are means over all conversions.  If a conversion fails
 * (the ioctl returns an error, as when a kernel refuses pages of large
 * folios), the size reports the failures instead of a time:
 *
 *   ### bench hmm_exclusive.SIZE ns_per_conv=N
 *   ### bench hmm_exclusive.SIZE ns_per_restore=N
 *   ### bench hmm_exclusive.SIZE split_folios=N
 *   ### bench hmm_exclusive.SIZE failed: F of N conversions failed (ERRNO), first at page P
 *   ### bench hmm_exclusive.SIZE skipped: REASON
 *   ### bench hmm_exclusive.SIZE error: WHAT   (and exit status 1)
 *
 * tools/bench_summary.py shows the failures in its table, and each size's
 * median over order0's, per kernel.  The program runs on CPU 0 only.
 *
 * Usage: hmm_exclusive_bench [ROUNDS]
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <time.h>
#include <unistd.h>

#if __has_include("test_hmm_uapi.h")
#include "test_hmm_uapi.h"
#define HAVE_TEST_HMM 1
#endif

#define BENCH		"hmm_exclusive"
#define SIZE		(2UL << 20)
#define DEFAULT_ROUNDS	4
#define THP_DIR		"/sys/kernel/mm/transparent_hugepage"
#define PM_PRESENT	(1ULL << 63)
#define PM_PFN_MASK	((1ULL << 55) - 1)
#define KPF_COMPOUND_HEAD	15
#define KPF_COMPOUND_TAIL	16

static unsigned long psize, npages;

/* The sysfs THP controls this program changes, and their saved modes. */
static struct control {
	char path[128];
	char mode[16];
} controls[32];
static int ncontrols;

static uint64_t now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000000000ULL + ts.tv_nsec;
}

/* The mode in brackets of a THP control, "" if it cannot be read. */
static void read_mode(const char *path, char *mode, size_t len)
{
	char buf[256], *s, *e;
	FILE *f = fopen(path, "r");

	mode[0] = 0;
	if (!f)
		return;
	if (fgets(buf, sizeof(buf), f) && (s = strchr(buf, '[')) &&
	    (e = strchr(s, ']'))) {
		*e = 0;
		snprintf(mode, len, "%s", s + 1);
	}
	fclose(f);
}

static int write_mode(const char *path, const char *mode)
{
	FILE *f = fopen(path, "w");
	int ret;

	if (!f)
		return -1;
	ret = fputs(mode, f) < 0;
	if (fclose(f))
		ret = -1;
	return ret ? -1 : 0;
}

/* Set a THP control (saving its mode the first time); KB 0: the top one. */
static int set_thp(unsigned long kb, const char *mode)
{
	char path[128];
	int i;

	if (kb)
		snprintf(path, sizeof(path), THP_DIR "/hugepages-%lukB/enabled", kb);
	else
		snprintf(path, sizeof(path), THP_DIR "/enabled");
	for (i = 0; i < ncontrols; i++)
		if (!strcmp(controls[i].path, path))
			break;
	if (i == ncontrols && ncontrols < 32) {
		read_mode(path, controls[i].mode, sizeof(controls[i].mode));
		if (!controls[i].mode[0])
			return -1;
		snprintf(controls[i].path, sizeof(controls[i].path), "%s", path);
		ncontrols++;
	}
	return write_mode(path, mode);
}

static void restore_thp(void)
{
	int i;

	for (i = 0; i < ncontrols; i++)
		write_mode(controls[i].path, controls[i].mode);
}

/*
 * Pages of the folio that @addr is the first page of, by pagemap and
 * kpageflags (0 if it is not the first page of a present folio); counts up
 * to @max only.
 */
static unsigned long folio_pages_at(int pm, int kpf, char *addr,
				    unsigned long max)
{
	uint64_t ent, flags, pfn;
	unsigned long n;

	if (pread(pm, &ent, 8, (uintptr_t)addr / psize * 8) != 8 ||
	    !(ent & PM_PRESENT))
		return 0;
	pfn = ent & PM_PFN_MASK;
	if (pread(kpf, &flags, 8, pfn * 8) != 8)
		return 0;
	if (!(flags & 1ULL << KPF_COMPOUND_HEAD))
		return flags & 1ULL << KPF_COMPOUND_TAIL ? 0 : 1;
	for (n = 1; n < max; n++) {
		if (pread(pm, &ent, 8, ((uintptr_t)addr / psize + n) * 8) != 8 ||
		    !(ent & PM_PRESENT) || (ent & PM_PFN_MASK) != pfn + n ||
		    pread(kpf, &flags, 8, (pfn + n) * 8) != 8 ||
		    !(flags & 1ULL << KPF_COMPOUND_TAIL))
			break;
	}
	return n;
}

/*
 * Number of the folios of @folio pages each that back @buf fully, or -1 if
 * pagemap or kpageflags cannot be read.
 */
static long count_folios(char *buf, unsigned long folio)
{
	int pm = open("/proc/self/pagemap", O_RDONLY);
	int kpf = open("/proc/kpageflags", O_RDONLY);
	unsigned long i;
	long n = 0;

	if (pm < 0 || kpf < 0) {
		n = -1;
	} else {
		for (i = 0; i < npages; i += folio)
			if (folio_pages_at(pm, kpf, buf + i * psize, folio) == folio)
				n++;
	}
	if (pm >= 0)
		close(pm);
	if (kpf >= 0)
		close(kpf);
	return n;
}

struct size {
	const char *name;
	unsigned long kb;	/* folio size; psize >> 10 for order-0 */
};

#ifdef HAVE_TEST_HMM
static int dev = -1;

/* Set the THP controls so that an anonymous fault gets a folio of @kb. */
static const char *setup_thp(unsigned long kb, unsigned long pmd_kb)
{
	char path[128];
	unsigned long k;

	if (kb == psize >> 10)
		return NULL;	/* MADV_NOHUGEPAGE does it */
	if (set_thp(0, kb == pmd_kb ? "always" : "never"))
		return "no THP controls in sysfs";
	for (k = (psize >> 10) * 2; k <= pmd_kb; k *= 2) {
		snprintf(path, sizeof(path), THP_DIR "/hugepages-%lukB/enabled", k);
		if (access(path, W_OK)) {
			if (k == kb)
				return "the kernel has no THP of this size";
			continue;
		}
		if (set_thp(k, k == kb ? (k == pmd_kb ? "inherit" : "always") : "never"))
			return "cannot write the THP controls";
	}
	return NULL;
}

static int run_size(const struct size *s, unsigned long pmd_kb, int rounds)
{
	unsigned long folio = (s->kb << 10) / psize, i, n = 0, fails = 0;
	uint64_t t0, t1, t2, conv = 0, restore = 0;
	int first_errno = 0, ret = 0;
	long first_fail = -1, intact, folios = npages / folio;
	struct hmm_dmirror_cmd cmd;
	const char *why;
	char *map, *buf, *mirror;
	int r;

	why = setup_thp(s->kb, pmd_kb);
	if (why) {
		printf("### bench %s.%s skipped: %s\n", BENCH, s->name, why);
		return 0;
	}
	map = mmap(NULL, 2 * SIZE, PROT_READ | PROT_WRITE,
		   MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	mirror = malloc(psize);
	if (map == MAP_FAILED || !mirror) {
		printf("### bench %s.%s error: out of memory\n", BENCH, s->name);
		return 1;
	}
	buf = (char *)(((uintptr_t)map + SIZE - 1) & ~(SIZE - 1));
	madvise(buf, SIZE, folio == 1 ? MADV_NOHUGEPAGE : MADV_HUGEPAGE);
	for (i = 0; i < npages; i++)
		buf[i * psize] = 1;

	intact = count_folios(buf, folio);
	if (intact < 0) {
		printf("### bench %s.%s skipped: cannot read pagemap/kpageflags\n",
		       BENCH, s->name);
		goto out;
	}
	if (intact != folios) {
		printf("### bench %s.%s skipped: only %ld of %ld folios of %lu KiB back the buffer\n",
		       BENCH, s->name, intact, folios, s->kb);
		goto out;
	}

	for (r = 0; r < rounds; r++) {
		for (i = 0; i < npages; i++) {
			memset(&cmd, 0, sizeof(cmd));
			cmd.addr = (uintptr_t)(buf + i * psize);
			cmd.ptr = (uintptr_t)mirror;
			cmd.npages = 1;
			t0 = now_ns();
			if (ioctl(dev, HMM_DMIRROR_EXCLUSIVE, &cmd)) {
				if (!fails++) {
					first_errno = errno;
					first_fail = i;
				}
				n++;
				continue;
			}
			t1 = now_ns();
			((volatile char *)buf)[i * psize] = (char)r;
			t2 = now_ns();
			conv += t1 - t0;
			restore += t2 - t1;
			n++;
		}
	}

	intact = count_folios(buf, folio);
	if (fails) {
		printf("### bench %s.%s failed: %lu of %lu conversions failed (%s), first at page %ld\n",
		       BENCH, s->name, fails, n, strerrorname_np(first_errno) ?: "?",
		       first_fail);
	} else {
		printf("### bench %s.%s ns_per_conv=%llu\n", BENCH, s->name,
		       (unsigned long long)(conv / n));
		printf("### bench %s.%s ns_per_restore=%llu\n", BENCH, s->name,
		       (unsigned long long)(restore / n));
	}
	if (folio > 1)
		printf("### bench %s.%s split_folios=%ld\n", BENCH, s->name,
		       intact < 0 ? folios : folios - intact);
out:
	munmap(map, 2 * SIZE);
	free(mirror);
	return ret;
}
#endif

int main(int argc, char **argv)
{
	int rounds = argc > 1 ? atoi(argv[1]) : DEFAULT_ROUNDS;
	unsigned long pmd_kb = 0;
	struct size sizes[3];
	cpu_set_t cpus;
	int i, ret = 0;
	FILE *f;

	if (rounds < 1) {
		fprintf(stderr, "usage: %s [ROUNDS]\n", argv[0]);
		return 2;
	}
	psize = sysconf(_SC_PAGESIZE);
	npages = SIZE / psize;
	setvbuf(stdout, NULL, _IOLBF, 0);
	sizes[0] = (struct size){ "order0", psize >> 10 };
	sizes[1] = (struct size){ "mthp64k", 64 };
	sizes[2] = (struct size){ "thp2m", 2048 };
#ifndef HAVE_TEST_HMM
	for (i = 0; i < 3; i++)
		printf("### bench %s.%s skipped: no lib/test_hmm_uapi.h\n",
		       BENCH, sizes[i].name);
	return 0;
#else
	dev = open("/dev/hmm_dmirror0", O_RDWR);
	if (dev < 0) {
		for (i = 0; i < 3; i++)
			printf("### bench %s.%s skipped: /dev/hmm_dmirror0: %s\n",
			       BENCH, sizes[i].name, strerror(errno));
		return 0;
	}
	f = fopen(THP_DIR "/hpage_pmd_size", "r");
	if (f) {
		if (fscanf(f, "%lu", &pmd_kb) == 1)
			pmd_kb >>= 10;
		fclose(f);
	}
	CPU_ZERO(&cpus);
	CPU_SET(0, &cpus);
	if (sched_setaffinity(0, sizeof(cpus), &cpus))
		perror("sched_setaffinity");
	for (i = 0; i < 3; i++) {
		if (sizes[i].kb > psize >> 10 &&
		    (!pmd_kb || sizes[i].kb > pmd_kb ||
		     (i == 2 && sizes[i].kb != pmd_kb))) {
			printf("### bench %s.%s skipped: no THP of %lu KiB (PMD: %lu KiB)\n",
			       BENCH, sizes[i].name, sizes[i].kb, pmd_kb);
			continue;
		}
		if (run_size(&sizes[i], pmd_kb, rounds))
			ret = 1;
	}
	restore_thp();
	close(dev);
	return ret;
#endif
}
