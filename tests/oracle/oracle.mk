# oracle.mk - the native-vs-xlat instruction oracle (included by the top
# Makefile; uses BUILD, CC, CFLAGS, CPPFLAGS, LDFLAGS, LIBS).
#
#   make check-oracle                       120,000 cases, fixed seed
#   build/tests/oracle/oracle -x build/tests/oracle/native32 -s SEED -n N
#   build/tests/oracle/oracle -x ... -s SEED -i INDEX    one case, in full

ORACLE_DIR = $(BUILD)/tests/oracle
# orc_common.c and xrun.c serve tests/fporacle too (fporacle.mk names them)
ORACLE_SRCS = tests/oracle/oracle.c tests/oracle/gen.c tests/oracle/xrun.c tests/oracle/orc_common.c
ORACLE_HDRS = tests/oracle/oracle.h tests/oracle/gen.h tests/oracle/xrun.h tests/oracle/orc_common.h
ORACLE_CASES ?= 120000

# The native runner must be 32-bit code (BCD instructions, 32-bit address
# arithmetic) and static, so that nothing is mapped where the cases' fixed
# data and code addresses are.
$(ORACLE_DIR)/native32: tests/oracle/native.c tests/oracle/oracle.h tests/oracle/orc_native.h
	@mkdir -p $(dir $@)
	$(CC) -m32 -static -no-pie -O1 -std=gnu11 -Wall -Wextra -o $@ $<

$(ORACLE_DIR)/oracle: $(ORACLE_SRCS) $(ORACLE_HDRS) $(BUILD)/libxlat.a
	@mkdir -p $(dir $@)
	$(CC) $(CPPFLAGS) $(CFLAGS) $(LDFLAGS) -o $@ $(ORACLE_SRCS) $(BUILD)/libxlat.a $(LIBS)

check-oracle: $(ORACLE_DIR)/oracle $(ORACLE_DIR)/native32
	$(ORACLE_DIR)/oracle -x $(ORACLE_DIR)/native32 -n $(ORACLE_CASES)

.PHONY: check-oracle
