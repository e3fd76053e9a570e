# trans.mk - transcmp: xlat's x87 transcendentals, FPREM/FPREM1 and BCD
# conversions against the host's own x87 (tests/fp/transcmp.c). Included by
# the top Makefile.
#
#   make check-fp-trans            against the host x87, fixed seed, < 1 s
#   make check-fp-trans-portable   the same bits without __int128, and on
#                                  aarch64 under qemu-aarch64 when installed
#   build/tests/fp/transcmp -n N -s SEED -v   more cases, every difference shown

TRANSCMP_BIN = $(BUILD)/tests/fp/transcmp
TRANSPORT_DIR = $(BUILD)/tests/fp/transport
TRANSPORT_SRCS = tests/fp/transcmp.c $(wildcard cpu/fp/*.c)
TRANSPORT_FLAGS = -std=c11 -O2 -Wall -Wextra -Iinclude -I.

$(TRANSCMP_BIN): $(BUILD)/tests/fp/transcmp.o $(BUILD)/libxlat.a
	$(CC) $(LDFLAGS) -o $@ $^ $(LIBS)

check-fp-trans: $(TRANSCMP_BIN)
	$(TRANSCMP_BIN) -s 1 -n 4000

# transcmp -H hashes xlat's results per function: every build must agree.
check-fp-trans-portable: $(TRANSPORT_SRCS) $(HDRS)
	@mkdir -p $(TRANSPORT_DIR)
	$(CC) $(TRANSPORT_FLAGS) -o $(TRANSPORT_DIR)/native $(TRANSPORT_SRCS)
	$(CC) $(TRANSPORT_FLAGS) -DXLAT_FP_NO_INT128 -o $(TRANSPORT_DIR)/noint128 $(TRANSPORT_SRCS)
	$(TRANSPORT_DIR)/native -H -n 500 >$(TRANSPORT_DIR)/native.txt
	$(TRANSPORT_DIR)/noint128 -H -n 500 | diff $(TRANSPORT_DIR)/native.txt -
	@if tests/fp/aarch64-cc --have; then \
		echo "tests/fp/aarch64-cc ... && qemu-aarch64 $(TRANSPORT_DIR)/aarch64 -H"; \
		tests/fp/aarch64-cc $(TRANSPORT_FLAGS) -o $(TRANSPORT_DIR)/aarch64 $(TRANSPORT_SRCS) && \
		qemu-aarch64 -L /usr/aarch64-linux-gnu $(TRANSPORT_DIR)/aarch64 -H -n 500 | \
			diff $(TRANSPORT_DIR)/native.txt - ; \
	else \
		echo "check-fp-trans-portable: no aarch64 compiler (tests/fp/aarch64-cc) or qemu-aarch64, native builds only"; \
	fi
	@echo "check-fp-trans-portable: identical"

.PHONY: check-fp-trans check-fp-trans-portable

check: check-fp-trans check-fp-trans-portable
