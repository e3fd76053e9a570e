# unit.mk - the check unit tests (tests/unit/). Included by the top Makefile,
# which defines BUILD, CC, CFLAGS, CPPFLAGS, LIBS, CHECK_CFLAGS, CHECK_LIBS,
# HDRS and builds $(BUILD)/libxlat.a.
#
#   make check-unit     build and run them all

UNIT_SRCS = $(wildcard tests/unit/*.c)
UNIT_OBJS = $(UNIT_SRCS:%.c=$(BUILD)/%.o)
UNIT_BIN = $(BUILD)/tests/unit/unit_tests

# The objects come from the top Makefile's $(BUILD)/%.o rule, with check's flags.
$(UNIT_OBJS): CFLAGS += $(CHECK_CFLAGS)
$(UNIT_OBJS): tests/unit/unit.h

$(UNIT_BIN): $(UNIT_OBJS) $(BUILD)/libxlat.a
	$(CC) $(LDFLAGS) $(CHECK_CFLAGS) -o $@ $(UNIT_OBJS) $(BUILD)/libxlat.a $(LIBS) $(CHECK_LIBS)

.PHONY: check-unit
check-unit: $(UNIT_BIN)
	$(UNIT_BIN)
