# fp.mk - tests of cpu/fp, xlat's floating point (included by the top
# Makefile; uses BUILD, CC, CFLAGS, CPPFLAGS, LDFLAGS, LIBS).
#
#   make check-fp            cpu/fp against the host's x87/SSE (x86-64 hosts)
#   make check-fp-portable   identical results natively, without __int128,
#                            and on aarch64 under qemu-aarch64 when installed
#   make check-fp-units      the fp and fp_trans unit suites' vectors on the
#                            same builds (tests/fp/units.sh)
#   build/tests/fp/fphost -s SEED -n N [-o OP] [-v]

FP_DIR = $(BUILD)/tests/fp
FPHOST_CASES ?= 2000000
FPPORT_CASES ?= 20000

$(FP_DIR)/fphost: tests/fp/fphost.c $(BUILD)/libxlat.a
	@mkdir -p $(dir $@)
	$(CC) $(CPPFLAGS) $(CFLAGS) $(LDFLAGS) -o $@ $< $(BUILD)/libxlat.a $(LIBS)

check-fp: $(FP_DIR)/fphost
	$(FP_DIR)/fphost -n $(FPHOST_CASES)

check-fp-portable:
	tests/fp/portable.sh "$(CC)" $(FP_DIR)/port $(FPPORT_CASES)

check-fp-units:
	tests/fp/units.sh "$(CC)" $(FP_DIR)/units

.PHONY: check-fp check-fp-portable check-fp-units

check: check-fp check-fp-portable check-fp-units
