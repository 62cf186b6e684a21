#!/usr/bin/env python3
"""After the real-app tests: no secret on disk (FZ-NO-CARD, UQ-NO-CARD, 4S-SSO).

Scans the throwaway home of the real-app run (the app's data folder with the cache, the
logs, the config and the demo database) and the files the run left in /tmp for:
the session tokens and TOTP keys the run saw (tests/e2e/out/secrets-seen.json, written by
tests/e2e/app.test.mjs and deleted here), the password typed (the demo password), anything
shaped like a bearer token, and payment-card numbers (Luhn, as admin_policy::card counts
them). Prints where each finding is, never the value, and ends with "N passed, N failed":
one test per kind of secret.
"""

import json
import os
import re
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
OUT = REPO / "tests" / "e2e" / "out"
HOME_FILE = OUT / "e2e-home"
SEEN_FILE = OUT / "secrets-seen.json"
DEMO_PASSWORD = b"demo-password"
MAX_BYTES = 512 * 1024 * 1024

# An Authorization header or a token field written out, or a JWT.
BEARER_SHAPES = [
    re.compile(rb"(?i)\bbearer\s+[A-Za-z0-9._~+/-]{16,}=*"),
    re.compile(rb'"(?:access_|refresh_|id_|session_)?token"\s*:\s*"[^"]{16,}"'),
    re.compile(rb"\beyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}"),
    re.compile(rb"otpauth://totp/[^\s\"']*secret=", re.IGNORECASE),
]
# Digit groups joined by single spaces or dashes (admin_policy::card::runs).
RUN = re.compile(rb"[0-9]+(?:[ -][0-9]+)*")


def luhn(digits: bytes) -> bool:
    total = 0
    for i, b in enumerate(reversed(digits)):
        d = b - 48
        if i % 2 == 1:
            d *= 2
            if d > 9:
                d -= 9
        total += d
    return total % 10 == 0


def decimal_point(data: bytes, dot: int) -> bool:
    """Whether a '.' at dot joins digits: 0.9991841491841492 is one decimal number (an uptime
    ratio kept in the cache), not a card number in its fraction (admin_policy::card agrees)."""
    return (
        0 < dot < len(data) - 1
        and data[dot : dot + 1] == b"."
        and data[dot - 1 : dot].isdigit()
        and data[dot + 1 : dot + 2].isdigit()
    )


def card_numbers(data: bytes):
    """Offsets of card numbers: a Luhn-valid stretch of whole groups of 13-19 digits, not
    after '+' (a phone number), not part of a decimal number, a lone group counting only as
    a whole."""
    for m in RUN.finditer(data):
        if m.start() > 0 and data[m.start() - 1 : m.start()] == b"+":
            continue
        if decimal_point(data, m.start() - 1) or decimal_point(data, m.end()):
            continue
        # Digits glued to letters are identifiers (hex hashes, ids), not a number written out.
        before = data[m.start() - 1 : m.start()]
        after = data[m.end() : m.end() + 1]
        if before.isalpha() or after.isalpha():
            continue
        groups = re.findall(rb"[0-9]+", m.group())
        first = 0
        offset = m.start()
        while first < len(groups):
            best = None
            for last in range(first, len(groups)):
                stretch = b"".join(groups[first : last + 1])
                if len(stretch) > 19:
                    break
                if len(stretch) >= 13 and luhn(stretch):
                    best = last
            if best is None:
                first += 1
            else:
                yield offset
                first = best + 1


# The detector's own check, run before each scan: a scan that finds nothing proves little
# unless the same rule finds a card number it is shown.
CARD_SAMPLES = {
    b"paid with 4111 1111 1111 1111, thanks": 1,
    b"my card is 6011-1111-1111-1117.": 1,
    b'{"uptime_ratio":0.9991841491841492}': 0,
    b"+358401234567890": 0,
    b"4111111111111112": 0,
}


def detector_works() -> bool:
    return all(len(list(card_numbers(t))) == n for t, n in CARD_SAMPLES.items())


def files_under(root: Path):
    for dirpath, _, names in os.walk(root, followlinks=False):
        for name in names:
            path = Path(dirpath) / name
            if path.is_file() and not path.is_symlink():
                yield path


# Folders in /tmp that the shell running CI keeps for its own jobs (their output, pids and
# wait files): not written by the console or its tests, and a pid or a clock reading there
# can be 13 digits that pass Luhn.
HARNESS_DIRS = ("bash_jobs.",)


def tmp_files_since(since: float, skip: Path):
    uid = os.getuid()
    for dirpath, dirnames, names in os.walk("/tmp", followlinks=False):
        if Path(dirpath) == skip or skip in Path(dirpath).parents:
            dirnames[:] = []
            continue
        if dirpath == "/tmp":
            dirnames[:] = [d for d in dirnames if not d.startswith(HARNESS_DIRS)]
        for name in names:
            path = Path(dirpath) / name
            try:
                st = path.lstat()
            except OSError:
                continue
            if st.st_uid == uid and st.st_mtime >= since and path.is_file() and not path.is_symlink():
                yield path


def main() -> int:
    if not HOME_FILE.exists():
        print(f"no {HOME_FILE.relative_to(REPO)}: run the real-app layer first")
        print("0 passed, 1 failed")
        return 1
    home = Path(HOME_FILE.read_text().strip())
    since = HOME_FILE.stat().st_mtime
    known = {"session token": [], "password typed": [DEMO_PASSWORD], "TOTP seed": []}
    if SEEN_FILE.exists():
        for item in json.loads(SEEN_FILE.read_text()):
            value = item["value"].encode()
            known.setdefault(item["kind"], []).append(value)
            # A TOTP key is shown in groups of four; it is stored, if ever, without them.
            if item["kind"] == "TOTP seed":
                known["TOTP seed"].append(value.replace(b" ", b""))
        SEEN_FILE.unlink()
    if not known["session token"]:
        print("the real-app run recorded no session token to look for")

    places = [p for p in files_under(home)] if home.is_dir() else []
    places += list(tmp_files_since(since, home))
    findings = {kind: [] for kind in [*known, "bearer token shape", "card number"]}
    scanned = 0
    for path in places:
        try:
            if path.stat().st_size > MAX_BYTES:
                print(f"skipped (over {MAX_BYTES >> 20} MiB): {path}")
                continue
            data = path.read_bytes()
        except OSError:
            continue
        scanned += 1
        for kind, values in known.items():
            for value in values:
                at = data.find(value)
                if value and at >= 0:
                    findings[kind].append(f"{path} at byte {at}")
        for shape in BEARER_SHAPES:
            for m in shape.finditer(data):
                findings["bearer token shape"].append(f"{path} at byte {m.start()}")
        for at in card_numbers(data):
            findings["card number"].append(f"{path} at byte {at}")
    if not detector_works():
        findings["card number"].append("the card detector missed its own samples (CARD_SAMPLES)")

    print(f"scanned {scanned} files: {home} and /tmp files written since the run began")
    passed = failed = 0
    for kind, where in findings.items():
        if where:
            failed += 1
            print(f"FAIL  {kind}: {len(where)} found")
            for w in where[:20]:
                print(f"      {w}")
        else:
            passed += 1
            print(f"ok    no {kind}")
    print(f"{passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
