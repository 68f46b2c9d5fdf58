# SPDX-License-Identifier: GPL-2.0
#
# Makefile for people. Kbuild describes the module; this file drives the
# kernel's build system and the test bed.
#
#   make                 build rxpath.ko for the running kernel
#   make KDIR=<headers>  build against another kernel's headers (as DKMS does)
#   make install         install into /lib/modules/$(KERNELRELEASE)/updates
#   make dkms-install    register the source tree with DKMS and build it
#   make demo            boot a Debian kernel in QEMU, push traffic, show rxpath
#   make check           every test; ends with "N passed, N failed"
#   make check-matrix    the same, with every scenario on every kernel
#   make bench           what the hooks cost, measured side by side
#   make soak            the churn scenarios at full counts (not in CI;
#                        hours), on Debian 13's kernel and the debug kernel
#   make deb             rxpath-dkms and rxpath .deb packages, lintian-checked,
#                        into $(DEB_OUT)

KERNELRELEASE ?= $(shell uname -r)
KDIR ?= /lib/modules/$(KERNELRELEASE)/build
DEB_OUT ?= $(CURDIR)/out/deb
VERSION := $(shell sed -n 's/^PACKAGE_VERSION="\(.*\)"/\1/p' dkms.conf)

all: modules

modules:
	$(MAKE) -C $(KDIR) M=$(CURDIR) modules

install: modules
	$(MAKE) -C $(KDIR) M=$(CURDIR) INSTALL_MOD_DIR=updates modules_install
	depmod -a $(KERNELRELEASE)

dkms-install:
	rm -rf /usr/src/rxpath-$(VERSION)
	mkdir -p /usr/src/rxpath-$(VERSION)
	cp -r Kbuild Makefile dkms.conf module include kunit /usr/src/rxpath-$(VERSION)/
	dkms add -m rxpath -v $(VERSION)
	dkms install -m rxpath -v $(VERSION) -k $(KERNELRELEASE)

dkms-remove:
	-dkms remove -m rxpath -v $(VERSION) --all
	rm -rf /usr/src/rxpath-$(VERSION)

clean:
	$(MAKE) -C $(KDIR) M=$(CURDIR) clean

demo:
	tests/demo.sh

check:
	tests/check.sh

check-matrix:
	RXPATH_FULL_KERNELS=all tests/check.sh

bench:
	tests/bench.sh

# The scenarios that take RXPATH_SOAK (their full counts), each in one
# boot with a two-hour limit; the host checks and DKMS run as in check.
SOAK_SCENARIOS ?= hotplug faults load-loop nic-churn driver-churn hostile events
soak:
	RXPATH_SOAK=1 RXPATH_VM_TIMEOUT=7200 RXPATH_KERNELS="trixie debug" \
		RXPATH_SCENARIOS="$(SOAK_SCENARIOS)" RXPATH_BUILD_SUITES= tests/check.sh

deb:
	scripts/make-deb.sh $(DEB_OUT)

.PHONY: all modules install dkms-install dkms-remove clean demo check check-matrix bench soak deb
