"""The command line as an operator uses it: `pilar remind --send` mails each agency its digest.

Mail leaves through the host's sendmail interface; here that program is a small script that keeps
each message it is handed, standing in for postfix or msmtp, which cannot deliver anywhere on this
machine.
"""

import os
import subprocess
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[2]


def pilar(args, env, **kwargs):
    binary = os.environ.get("PILAR_BIN", str(REPO_ROOT / ".build" / "debug" / "pilar"))
    return subprocess.run([binary, *args], cwd=REPO_ROOT, env=env, capture_output=True, text=True, timeout=300, **kwargs)


def test_remind_prints_digests_and_mails_them_through_sendmail(tmp_path):
    outbox = tmp_path / "outbox"
    outbox.mkdir()
    sendmail = tmp_path / "sendmail"
    sendmail.write_text(f'#!/bin/sh\n[ "$1" = "-t" ] || exit 64\ncat > "$(mktemp -p {outbox})"\n')
    sendmail.chmod(0o755)
    env = {**os.environ, "DATABASE_URL": f"sqlite://{tmp_path}/pilar.sqlite", "PILAR_BCRYPT_COST": "4", "LOG_LEVEL": "error",
           "PILAR_SENDMAIL": str(sendmail), "PILAR_MAIL_FROM": "smartcity@probolinggokota.go.id"}
    assert pilar(["seed", "demo", "--password", "cli-password-1"], env).returncode == 0

    printed = pilar(["remind", "--region", "35.74", "--lang", "en"], env)
    assert printed.returncode == 0, printed.stderr
    assert "Overdue indicator values" in printed.stdout
    assert "[Returned]" in printed.stdout
    assert not list(outbox.iterdir()), "without --send nothing is mailed"

    sent = pilar(["remind", "--region", "35.74", "--send"], env)
    assert sent.returncode == 0, sent.stderr
    messages = [path.read_text() for path in outbox.iterdir()]
    digests = printed.stdout.count("Overdue indicator values")
    assert len(messages) == digests > 0
    assert all("From: smartcity@probolinggokota.go.id" in m for m in messages)
    assert any("To: dinkes@probolinggokota.go.id" in m for m in messages)
    assert all("Content-Type: text/plain; charset=UTF-8" in m for m in messages)
    assert f"Mailed {digests}." in sent.stdout

    bad = pilar(["remind", "--region", "probolinggo"], env)
    assert bad.returncode != 0 and "not a Kemendagri code" in bad.stderr + bad.stdout
    missing = pilar(["remind", "--send"], {**env, "PILAR_SENDMAIL": str(tmp_path / "nothing-here")})
    assert missing.returncode == 1 and "sendmail" in missing.stderr + missing.stdout
