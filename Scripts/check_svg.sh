#!/usr/bin/env bash
# Renders each SVG in headless Chromium and checks the screenshot is not blank.
# Usage: Scripts/check_svg.sh [FILE.svg ...]   (default: the chart snapshots of the report tests)
# Needs: chromium (apt-get install -y chromium) and python3 with no extra packages.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ "$#" -eq 0 ]; then set -- Tests/AftershockReportTests/Snapshots/*.svg; fi
browser="$(command -v chromium || command -v chromium-browser || command -v google-chrome || true)"
if [ -z "$browser" ]; then echo "check_svg: chromium not found (apt-get install -y chromium)" >&2; exit 2; fi
out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT
status=0
for svg in "$@"; do
  name="$(basename "$svg" .svg)"
  size="$(python3 - "$svg" <<'PY'
import re, sys
head = open(sys.argv[1], encoding="utf-8").read(400)
w = re.search(r'width="(\d+)"', head); h = re.search(r'height="(\d+)"', head)
print(f"{w.group(1) if w else 800},{h.group(1) if h else 600}")
PY
)"
  timeout 60 "$browser" --headless --no-sandbox --disable-gpu --hide-scrollbars --force-device-scale-factor=1 \
    --window-size="$size" --screenshot="$out/$name.png" "file://$(realpath "$svg")" >/dev/null 2>&1 || true
  if [ ! -s "$out/$name.png" ]; then echo "FAIL $svg: no screenshot"; status=1; continue; fi
  python3 - "$out/$name.png" "$svg" <<'PY' || status=1
import struct, sys, zlib
path, svg = sys.argv[1], sys.argv[2]
data = open(path, "rb").read()
assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
pos, chunks, width, height, colour_type = 8, [], 0, 0, 0
while pos < len(data):
    length, kind = struct.unpack(">I4s", data[pos:pos + 8])
    body = data[pos + 8:pos + 8 + length]
    if kind == b"IHDR":
        width, height, depth, colour_type = struct.unpack(">IIBB", body[:10])
    elif kind == b"IDAT":
        chunks.append(body)
    pos += 12 + length
raw = zlib.decompress(b"".join(chunks))
channels = {2: 3, 6: 4, 0: 1, 4: 2}[colour_type]
stride = width * channels
rows, previous = [], bytearray(stride)
for y in range(height):
    filter_type = raw[y * (stride + 1)]
    line = bytearray(raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)])
    for x in range(stride):
        left = line[x - channels] if x >= channels else 0
        up = previous[x]
        up_left = previous[x - channels] if x >= channels else 0
        if filter_type == 1: line[x] = (line[x] + left) & 255
        elif filter_type == 2: line[x] = (line[x] + up) & 255
        elif filter_type == 3: line[x] = (line[x] + (left + up) // 2) & 255
        elif filter_type == 4:
            p = left + up - up_left
            pa, pb, pc = abs(p - left), abs(p - up), abs(p - up_left)
            line[x] = (line[x] + (left if pa <= pb and pa <= pc else up if pb <= pc else up_left)) & 255
    rows.append(line)
    previous = line
total = width * height
non_white = sum(1 for line in rows for x in range(0, stride, channels) if min(line[x:x + min(channels, 3)]) < 240)
share = non_white / total
ok = 0.01 <= share <= 0.6
print(f"{'ok  ' if ok else 'FAIL'} {svg}: {width}x{height}, {non_white} non-white pixels ({share:.1%})")
sys.exit(0 if ok else 1)
PY
done
exit $status
