# badinput.mk - the bad-input tests (run.sh); included by tests/tests.mk.

check-badinput: $(BUILD)/xlat
	tests/badinput/run.sh $(BUILD)/xlat $(BUILD)/tests/badinput

.PHONY: check-badinput
