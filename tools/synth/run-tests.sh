#!/bin/sh
# Runs the Python tests of the synthetic speech factory (tools/synth/tests), of the model recipe
# (tools/model/tests), of the calibration fit (tools/calibrate/tests) and of the evaluation scorers (tools/eval/tests) with Debian's python3; prints "N passed, N failed".
cd "$(dirname "$0")/.." || exit 2
/usr/bin/python3 - <<'PY'
import sys, unittest
suite = unittest.TestSuite()
for folder, top in (("synth/tests", "synth"), ("model/tests", "model"), ("calibrate/tests", "calibrate"), ("eval/tests", "eval")):
    sys.path.insert(0, top)
    suite.addTests(unittest.defaultTestLoader.discover(folder, top_level_dir=folder))
r = unittest.TextTestRunner(verbosity=1).run(suite)
failed = len(r.failures) + len(r.errors)
print(f"{r.testsRun - failed - len(r.skipped)} passed, {failed} failed, {len(r.skipped)} skipped")
sys.exit(1 if failed else 0)
PY
