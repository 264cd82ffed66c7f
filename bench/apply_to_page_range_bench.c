// SPDX-License-Identifier: GPL-2.0
/*
 * Harness benchmark, not part of the series: tools/bench.sh adds this file
 * to a throwaway copy of the kernel tree at any prefix of the series, so
 * that the base and the patched kernels run the same code.
 *
 * Times apply_to_page_range() over a 64 MiB vmalloc() range of init_mm
 * (its page tables already exist, the callback does nothing but count) and
 * prints the median time per PTE over ROUNDS walks, and the same for
 * apply_to_existing_page_range().
 */
#include <linux/init.h>
#include <linux/ktime.h>
#include <linux/mm.h>
#include <linux/sizes.h>
#include <linux/sort.h>
#include <linux/vmalloc.h>

#define BENCH_SIZE	SZ_64M
#define ROUNDS		31

static int bench_count(pte_t *pte, unsigned long addr, void *data)
{
	(*(unsigned long *)data)++;
	return 0;
}

static int cmp_u64(const void *a, const void *b)
{
	u64 x = *(const u64 *)a, y = *(const u64 *)b;

	return x < y ? -1 : x > y;
}

static void __init bench_one(const char *name, bool existing, void *buf)
{
	unsigned long addr = (unsigned long)buf;
	static u64 t[ROUNDS] __initdata;
	unsigned long n = 0;
	int i, err = 0;

	for (i = 0; i < ROUNDS && !err; i++) {
		u64 t0 = ktime_get_ns();

		n = 0;
		if (existing)
			err = apply_to_existing_page_range(&init_mm, addr, BENCH_SIZE,
							   bench_count, &n);
		else
			err = apply_to_page_range(&init_mm, addr, BENCH_SIZE,
						  bench_count, &n);
		t[i] = ktime_get_ns() - t0;
		cond_resched();
	}
	if (err || n != BENCH_SIZE / PAGE_SIZE) {
		pr_info("### bench %s error=%d ptes=%lu\n", name, err, n);
		return;
	}
	sort(t, ROUNDS, sizeof(t[0]), cmp_u64, NULL);
	pr_info("### bench %s ps_per_pte=%llu\n", name,
		div_u64(t[ROUNDS / 2] * 1000, BENCH_SIZE / PAGE_SIZE));
}

static int __init apply_to_page_range_bench(void)
{
	void *buf = vmalloc(BENCH_SIZE);

	if (!buf) {
		pr_info("### bench apply_to_page_range error=%d\n", -ENOMEM);
		return 0;
	}
	bench_one("apply_to_page_range", false, buf);
	bench_one("apply_to_existing_page_range", true, buf);
	vfree(buf);
	return 0;
}
late_initcall(apply_to_page_range_bench);
