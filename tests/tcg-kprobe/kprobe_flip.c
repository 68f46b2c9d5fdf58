// SPDX-License-Identifier: GPL-2.0
/*
 * Not part of rxpath: a test of the emulator (tests/tcg-kprobe.sh). It
 * arms a kprobe on enqueue_to_backlog at load, disarms and re-arms it flips
 * times (disable_kprobe()/enable_kprobe(), as rxpath's backlog_hook switch
 * does), and unregisters it at unload: the text patching rxpath's load,
 * unload and hook switches do, with none of rxpath's code. Its handler
 * counts hits per CPU.
 */
#include <linux/delay.h>
#include <linux/kprobes.h>
#include <linux/module.h>
#include <linux/percpu.h>

static unsigned int flips = 10;
module_param(flips, uint, 0444);
MODULE_PARM_DESC(flips, "Disarm and re-arm the kprobe this many times at load");

static unsigned int period_ms = 5;
module_param(period_ms, uint, 0444);
MODULE_PARM_DESC(period_ms, "Milliseconds between a disarm and the next arm");

static DEFINE_PER_CPU(unsigned long, kprobe_flip_hits);

static int kprobe_flip_pre(struct kprobe *p, struct pt_regs *regs)
{
	this_cpu_inc(kprobe_flip_hits);
	return 0;
}

static struct kprobe kprobe_flip_kp = {
	.symbol_name = "enqueue_to_backlog",
	.pre_handler = kprobe_flip_pre,
};

static unsigned long kprobe_flip_sum(void)
{
	unsigned long sum = 0;
	int cpu;

	for_each_possible_cpu(cpu)
		sum += per_cpu(kprobe_flip_hits, cpu);
	return sum;
}

static int __init kprobe_flip_init(void)
{
	unsigned int i;
	int err;

	err = register_kprobe(&kprobe_flip_kp);
	if (err) {
		pr_warn("kprobe_flip: register_kprobe: %d\n", err);
		return err;
	}
	for (i = 0; i < flips; i++) {
		err = disable_kprobe(&kprobe_flip_kp);
		msleep(period_ms);
		err = err ?: enable_kprobe(&kprobe_flip_kp);
		msleep(period_ms);
		if (err) {
			pr_warn("kprobe_flip: flip %u: %d\n", i, err);
			unregister_kprobe(&kprobe_flip_kp);
			return err;
		}
	}
	pr_info("kprobe_flip: %u flips, %lu hits\n", flips, kprobe_flip_sum());
	return 0;
}

static void __exit kprobe_flip_exit(void)
{
	unregister_kprobe(&kprobe_flip_kp);
	pr_info("kprobe_flip: unloaded, %lu hits\n", kprobe_flip_sum());
}

module_init(kprobe_flip_init);
module_exit(kprobe_flip_exit);
MODULE_DESCRIPTION("Arms and disarms a kprobe on enqueue_to_backlog (an emulator test)");
MODULE_LICENSE("GPL");
