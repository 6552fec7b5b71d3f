"""Named points where tests stop a cbt process, to prove what a kill or a wait there does.

CBT_TEST_STOP_AT=POINT kills the process there (as a power cut would); CBT_TEST_PAUSE_AT=POINT
stops it there (SIGSTOP) until the test lets it go on (SIGCONT), so a test can run another
cbt in that moment without timing anything."""

from __future__ import annotations

import os
import signal


def stop_point(point: str) -> None:
    if os.environ.get("CBT_TEST_STOP_AT") == point:
        os.kill(os.getpid(), signal.SIGKILL)
    if os.environ.get("CBT_TEST_PAUSE_AT") == point:
        os.kill(os.getpid(), signal.SIGSTOP)
