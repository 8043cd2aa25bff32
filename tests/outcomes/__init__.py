"""The outcome corpus: a fixed input set, what every parser, emulation and validator made of each input,
a recorder and (in tests/test_outcomes.py) a replay. See README.md."""
