#!/usr/bin/env bash
# Installs the Debian packages ContactCenter needs, and only those that are missing.
#   infra/scripts/install-deps.sh run    what the host needs at run time
#   infra/scripts/install-deps.sh test   that, plus the real SIP peers the tests drive
# As root it calls apt-get directly; otherwise through sudo when there is one. With neither it
# prints the exact apt-get command and fails. Never prompts: DEBIAN_FRONTEND=noninteractive.
set -euo pipefail

# spandsp: G.722, PLC, DTMF detection (P/Invoke); speexdsp: echo canceller; flite: TTS (libflite1 via
# P/Invoke, the flite CLI for test audio); sox: audio tooling.
RUN_PACKAGES=(libspandsp2 libspeexdsp1 libflite1 flite sox)
# SIPp's Debian package is sip-tester (binary: sipp); tshark checks RFC 4733 DTMF on the wire.
TEST_PACKAGES=(baresip-core sip-tester sipsak tshark asterisk-core-sounds-en-wav)

usage() {
    sed -n '2,6s/^# \{0,1\}//p' "$0"
}

profile="${1:-}"
case "$profile" in
    run) wanted=("${RUN_PACKAGES[@]}") ;;
    test) wanted=("${RUN_PACKAGES[@]}" "${TEST_PACKAGES[@]}") ;;
    -h | --help) usage; exit 0 ;;
    *) usage >&2; exit 2 ;;
esac

installed() {
    dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q 'install ok installed'
}

missing=()
for package in "${wanted[@]}"; do
    installed "$package" || missing+=("$package")
done

if ((${#missing[@]} == 0)); then
    exit 0
fi

if ! command -v apt-get >/dev/null 2>&1; then
    echo "error: missing packages ${missing[*]} and no apt-get here (ContactCenter targets Debian 12)." >&2
    exit 1
fi

apt_command="apt-get install -y --no-install-recommends ${missing[*]}"
if [[ "$(id -u)" == 0 ]]; then
    as_root=()
elif command -v sudo >/dev/null 2>&1; then
    as_root=(sudo)
else
    echo "error: missing Debian packages: ${missing[*]}" >&2
    echo "Run as root:  apt-get update && $apt_command" >&2
    exit 1
fi

echo "Installing ${missing[*]} ..."
export DEBIAN_FRONTEND=noninteractive
# Wait for another apt/dpkg (unattended upgrades, a parallel install) instead of failing at once.
lock_wait=(-o DPkg::Lock::Timeout=600)

if [[ " ${missing[*]} " == *" tshark "* ]]; then
    # Answer wireshark-common's "may non-root users capture?" in advance so it never prompts.
    # Root captures regardless; for a developer account the wireshark group gets capture rights.
    setuid=false
    [[ "$(id -u)" == 0 ]] || setuid=true
    echo "wireshark-common wireshark-common/install-setuid boolean $setuid" | "${as_root[@]}" debconf-set-selections
fi

"${as_root[@]}" env DEBIAN_FRONTEND=noninteractive apt-get "${lock_wait[@]}" update -qq
"${as_root[@]}" env DEBIAN_FRONTEND=noninteractive apt-get "${lock_wait[@]}" install -y -qq --no-install-recommends \
    -o Dpkg::Options::=--force-confdef -o Dpkg::Options::=--force-confold "${missing[@]}" >/dev/null

if [[ " ${missing[*]} " == *" tshark "* && "$(id -u)" != 0 ]] && ! id -nG | grep -qw wireshark; then
    echo "note: to capture packets as $(id -un), run: sudo usermod -aG wireshark $(id -un)  (then log in again)" >&2
fi
