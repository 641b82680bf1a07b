"""Print, as one JSON line, every rule of notebook 10's verdicts measured in this process.

``tests/test_thread.py`` runs it on each machine of ``tests/test_perturbations.MACHINES`` and
compares each rule's value and the verdict's kind with this machine's own.
"""

import contextlib
import io
import json

from symlab.lab import thread

out = {}
for claim, (_, experiment) in thread.CLAIMS.items():
    with contextlib.redirect_stdout(io.StringIO()):
        kind, reason, rules, evidence, numbers = experiment()
    out[claim] = dict(kind=kind, reason=reason, values=[rule.value for rule in rules])
print(json.dumps(out))
