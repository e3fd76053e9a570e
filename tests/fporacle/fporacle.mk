# fporacle.mk - the native-vs-xlat oracle for x87, MMX, SSE and SSE2
# (included by the top Makefile; uses BUILD, CC, CFLAGS, CPPFLAGS, LDFLAGS, LIBS).
#
#   make check-fporacle                          100,000 cases, fixed seed
#   build/tests/fporacle/fporacle -x build/tests/fporacle/fpnative32 -s SEED -n N [-f FORMS]
#   build/tests/fporacle/fporacle -x ... -s SEED -i INDEX [-f FORMS]   one case, in full
#   build/tests/fporacle/fporacle -x ... -l      the forms and their families

FPORACLE_DIR = $(BUILD)/tests/fporacle
# the child process, pipes and machine set-up are the integer oracle's
FPORACLE_SRCS = tests/fporacle/fporacle.c tests/fporacle/fpgen.c tests/fporacle/fpforms.c \
                tests/fporacle/fxrun.c tests/oracle/xrun.c tests/oracle/orc_common.c
FPORACLE_HDRS = tests/fporacle/fporacle.h tests/fporacle/fpgen.h tests/fporacle/fxrun.h \
                tests/oracle/oracle.h tests/oracle/xrun.h tests/oracle/orc_common.h
FPORACLE_CASES ?= 100000

# 32-bit (the guest's mode) and static, so that nothing is mapped where the
# cases' fixed data and code addresses are.
$(FPORACLE_DIR)/fpnative32: tests/fporacle/native.c tests/fporacle/fporacle.h tests/oracle/orc_native.h
	@mkdir -p $(dir $@)
	$(CC) -m32 -static -no-pie -O1 -std=gnu11 -Wall -Wextra -o $@ $<

$(FPORACLE_DIR)/fporacle: $(FPORACLE_SRCS) $(FPORACLE_HDRS) $(BUILD)/libxlat.a
	@mkdir -p $(dir $@)
	$(CC) $(CPPFLAGS) $(CFLAGS) $(LDFLAGS) -o $@ $(FPORACLE_SRCS) $(BUILD)/libxlat.a $(LIBS) -lm

check-fporacle: $(FPORACLE_DIR)/fporacle $(FPORACLE_DIR)/fpnative32
	$(FPORACLE_DIR)/fporacle -x $(FPORACLE_DIR)/fpnative32 -n $(FPORACLE_CASES)

.PHONY: check-fporacle
