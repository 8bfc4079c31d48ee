# The two commands a newcomer needs (see README.md). Each installs what is missing first.
.PHONY: serve test
serve:
	bash .ci/serve.sh
test:
	bash .ci/test.sh
