# conformance.mk - the SingleStepTests conformance harness (tests/conformance/).
# Included by the top Makefile, which defines BUILD, CC, CFLAGS, CPPFLAGS,
# LDFLAGS, LIBS (with -lz), SHARED, HDRS, the $(BUILD)/%.o rule and
# $(BUILD)/libxlat.a.
#
#   make check-conformance          every test of the shared 80286 set (seconds)
#   build/tests/conformance/moo -h  options: one file, one test, verbose, the table

CONF_DIR = $(BUILD)/tests/conformance
CONF_SRCS = $(wildcard tests/conformance/*.c)
CONF_OBJS = $(CONF_SRCS:%.c=$(BUILD)/%.o)
CONF_SET = $(SHARED)/conformance/sst-80286-real-mode/v1_real_mode

# The objects come from the top Makefile's $(BUILD)/%.o rule.
$(CONF_OBJS): tests/conformance/moo.h
$(CONF_DIR)/main.o: CPPFLAGS += -DMOO_DEFAULT_DIR='"$(CONF_SET)"'

$(CONF_DIR)/moo: $(CONF_OBJS) $(BUILD)/libxlat.a
	$(CC) $(LDFLAGS) -o $@ $(CONF_OBJS) $(BUILD)/libxlat.a $(LIBS)

# Forms expected to fail (-X FORM ...): none since the x87 arrived (issue D).
# The harness fails the run when an expected failure passes.
CONF_XFAIL =

check-conformance: $(CONF_DIR)/moo
	$(CONF_DIR)/moo $(CONF_XFAIL) $(CONF_SET)

.PHONY: check-conformance
