#!/bin/sh
# Runs the Python tests of the synthetic speech factory with Debian's python3; prints "N passed, N failed".
cd "$(dirname "$0")" || exit 2
/usr/bin/python3 - <<'PY'
import sys, unittest
suite = unittest.defaultTestLoader.discover("tests")
r = unittest.TextTestRunner(verbosity=1).run(suite)
failed = len(r.failures) + len(r.errors)
print(f"{r.testsRun - failed - len(r.skipped)} passed, {failed} failed, {len(r.skipped)} skipped")
sys.exit(1 if failed else 0)
PY
