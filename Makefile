# The two commands a newcomer needs (see README.md). Each installs what is missing first.
.PHONY: serve test bench try-referral
serve:
	bash .ci/serve.sh
test:
	bash .ci/test.sh
# The performance benchmark: release build, sizes and timings (see bench/README.md).
bench:
	bash bench/run.sh
# Intake against the test FHIR server, on loopback (see docs/deploying.md §8).
try-referral:
	bash .ci/try-referral.sh
