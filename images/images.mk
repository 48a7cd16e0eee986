# images/: the routelet guest image, the dom0 test image and the
# hypervisor, all from Debian packages (docs/images.md).
#
#   make images [IMAGES_CACHE=/var/cache/quasar-images] [IMAGES_DIR=...]
#               [IMAGES_DOM0_EXTRA="more dom0 packages"]
#
# Output in $(BUILD)/images/: vmlinuz (dom0), routelet-vmlinux,
# routelet.cpio.gz, routelet.cfg, vif-quasar, dom0.cpio.gz, xen.
# IMAGES_DIR is where the routelet images are installed, written into
# routelet.cfg (default /quasar/images, as in the dom0 test image).
# Root: debootstrap chroots.
IMAGES_CACHE ?= /var/cache/quasar-images
IMAGES_DIR ?= /quasar/images
IMAGES_DOM0_EXTRA ?=

# "all", not $(BINS): this file is read before the modules that add to
# BINS (and the test tools the dom0 image carries) are.
.PHONY: images
images: all
	@IMAGES_CACHE=$(IMAGES_CACHE) IMAGES_DOM0_EXTRA="$(IMAGES_DOM0_EXTRA)" \
		images/build.sh $(BUILD)/images $(BIN) \
		$(IMAGES_DIR)
