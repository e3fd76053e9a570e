# trans.mk - transcmp: xlat's x87 transcendentals, FPREM/FPREM1 and BCD
# conversions against the host's own x87 (tests/fp/transcmp.c). Included by
# the top Makefile.
#
#   make check-fp-trans                     fixed seed, a few seconds
#   build/tests/fp/transcmp -n N -s SEED -v  more cases, every difference shown

TRANSCMP_BIN = $(BUILD)/tests/fp/transcmp

$(TRANSCMP_BIN): $(BUILD)/tests/fp/transcmp.o $(BUILD)/libxlat.a
	$(CC) $(LDFLAGS) -o $@ $^ $(LIBS)

.PHONY: check-fp-trans
check-fp-trans: $(TRANSCMP_BIN)
	$(TRANSCMP_BIN) -s 1 -n 4000

check: check-fp-trans
