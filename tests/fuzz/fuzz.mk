# fuzz.mk - libFuzzer targets and their regression runs; included by the
# top Makefile, which defines BUILD, CC, CFLAGS, CPPFLAGS, LIBS, HDRS and
# CORE_SRCS.
#
#   make fuzz                  build-fuzz/fuzz_{decode,exec,elf} (clang,
#                              libFuzzer + ASan + UBSan)
#   make fuzz-run-decode       fuzz one target for FUZZ_TIME seconds; new
#                              inputs go to build-fuzz/corpus/decode, starting
#                              from the committed corpus and mkseeds.sh's
#                              seeds; same for exec and elf
#   make fuzz-merge-decode     replace tests/fuzz/corpus/decode by the
#                              FUZZ_KEEP inputs of both that reach the most
#                              code (tests/fuzz/pick.sh); bug-* files stay
#   make check-fuzz-regress    the committed corpora through the same target
#                              code, built with $(CC) against libxlat.a
#
# The libFuzzer build compiles every core source again with clang: the
# coverage instrumentation and sanitizers must cover xlat itself, not only
# the target files, and gcc objects cannot carry libFuzzer's coverage.

FUZZ_BUILD ?= build-fuzz
FUZZ_CC ?= clang
FUZZ_TIME ?= 600
FUZZ_KEEP ?= 200
FUZZ_FLAGS ?= -timeout=10 -rss_limit_mb=2560 -print_final_stats=1
FUZZ_TARGETS = decode exec elf
FUZZ_SAN = -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer
# only include paths and defines carry over from the gcc flags
FUZZ_CFLAGS = -std=c11 -D_GNU_SOURCE -g -O1 -Wall -Wextra -fno-pie $(filter -I% -D%,$(CFLAGS)) $(FUZZ_SAN)
FUZZ_CORE_OBJS = $(CORE_SRCS:%.c=$(FUZZ_BUILD)/%.o)
FUZZ_BINS = $(FUZZ_TARGETS:%=$(FUZZ_BUILD)/fuzz_%)
FUZZ_REGRESS_BINS = $(FUZZ_TARGETS:%=$(BUILD)/tests/fuzz/fuzz_%-regress)

fuzz: $(FUZZ_BINS)

$(FUZZ_BUILD)/%.o: %.c $(HDRS) $(BUILD)/config.mk tests/fuzz/fuzz.mk
	@mkdir -p $(dir $@)
	$(FUZZ_CC) $(CPPFLAGS) $(FUZZ_CFLAGS) -fsanitize=fuzzer-no-link $(FUZZ_COV) -c $< -o $@

# The TLB's whole-table loops dominate fuzz_exec's time when every
# comparison in them is traced, and their comparisons guide nothing.
$(FUZZ_BUILD)/mem/tlb.o: FUZZ_COV = -fno-sanitize-coverage=trace-cmp

$(FUZZ_BUILD)/fuzz_%: $(FUZZ_BUILD)/tests/fuzz/fuzz_%.o $(FUZZ_CORE_OBJS)
	$(FUZZ_CC) $(FUZZ_SAN) -fsanitize=fuzzer -no-pie -o $@ $^ $(LIBS)

$(FUZZ_BUILD)/seeds/.made: tests/fuzz/mkseeds.sh tests/badinput/tiny.asm tests/badinput/tiny.ld
	rm -rf $(FUZZ_BUILD)/seeds
	sh tests/fuzz/mkseeds.sh $(FUZZ_BUILD)/seeds
	touch $@

# libFuzzer writes new inputs to the first directory and reads the others
fuzz-run-%: $(FUZZ_BUILD)/fuzz_% $(FUZZ_BUILD)/seeds/.made
	@mkdir -p $(FUZZ_BUILD)/corpus/$*
	$(FUZZ_BUILD)/fuzz_$* -max_total_time=$(FUZZ_TIME) $(FUZZ_FLAGS) \
		-artifact_prefix=$(FUZZ_BUILD)/$*- $(FUZZ_BUILD)/corpus/$* \
		tests/fuzz/corpus/$* $(FUZZ_BUILD)/seeds/$*

fuzz-merge-%: $(FUZZ_BUILD)/fuzz_%
	rm -rf $(FUZZ_BUILD)/merged/$* $(FUZZ_BUILD)/merge-$*.ctl
	@mkdir -p $(FUZZ_BUILD)/merged/$* $(FUZZ_BUILD)/corpus/$*
	$(FUZZ_BUILD)/fuzz_$* -merge=1 -merge_control_file=$(FUZZ_BUILD)/merge-$*.ctl \
		$(FUZZ_BUILD)/merged/$* tests/fuzz/corpus/$* $(FUZZ_BUILD)/corpus/$*
	sh tests/fuzz/pick.sh $(FUZZ_BUILD)/merge-$*.ctl $(FUZZ_KEEP) tests/fuzz/corpus/$*

# The regression build: normal compiler and library, plus driver.c's main().
$(BUILD)/tests/fuzz/fuzz_%-regress: tests/fuzz/fuzz_%.c tests/fuzz/driver.c $(BUILD)/libxlat.a $(HDRS)
	@mkdir -p $(dir $@)
	$(CC) $(CPPFLAGS) $(CFLAGS) $(LDFLAGS) -o $@ tests/fuzz/fuzz_$*.c tests/fuzz/driver.c \
		$(BUILD)/libxlat.a $(LIBS)

check-fuzz-regress: $(FUZZ_REGRESS_BINS)
	@for t in $(FUZZ_TARGETS); do \
		timeout 300 $(BUILD)/tests/fuzz/fuzz_$$t-regress tests/fuzz/corpus/$$t || exit 1; \
	done

clean-fuzz:
	rm -rf $(FUZZ_BUILD)

# objects made by the pattern rules are kept, or every build starts over
.SECONDARY: $(FUZZ_CORE_OBJS) $(FUZZ_TARGETS:%=$(FUZZ_BUILD)/tests/fuzz/fuzz_%.o)
.PHONY: fuzz check-fuzz-regress clean-fuzz
