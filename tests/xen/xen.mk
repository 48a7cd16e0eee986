# tests/xen/: boot Xen 4.17 under QEMU (TCG) with the dom0 test image and
# run tests/xen/checks/*.sh in dom0 (docs/xen-test.md).  Root.
#
#   make BUILD=build/x check-xen
.PHONY: check-xen
check-xen: images
	@BUILD=$(BUILD) tests/xen/run.sh
