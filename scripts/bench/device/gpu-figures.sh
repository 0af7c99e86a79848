#!/bin/bash
# The per-backend benchmark figures on a lent GPU machine that has Python but no Node or browser:
# Debian's Chromium and the libraries it links travel (split in two parts when one transfer is too
# small, earlier parts left in STAGE=/root/gpu by earlier calls), the bench page self-runs, Python collects.
# Layout of G (default ./.gpu, which git and the linters ignore): chromium.part-* (xz tar of /usr/lib/chromium), libs.tar.xz,
# locales/en-US.pak, gl/*.deb (libglvnd, libvulkan1), dist/ (build-page.ts), models/, images/, self-run-server.py.
set -u
G=${G:-$PWD/.gpu}
OUT=${OUT:-/tmp/gpu-out}
mkdir -p "$OUT/run"
exec > >(tee "$OUT/log.txt") 2>&1
date -u
nvidia-smi --query-gpu=name,driver_version,memory.total --format=csv,noheader || true
[ -n "${SKIP_GL:-}" ] || for f in "$G"/gl/*.deb; do dpkg -x "$f" /; done
ldconfig
unxz_() { if command -v xz >/dev/null; then xz -dc; else python3 -c 'import lzma,shutil,sys; shutil.copyfileobj(lzma.open(sys.stdin.buffer), sys.stdout.buffer)'; fi; }

STAGE=${STAGE:-/root/gpu}
C=${CHROMIUM_DIR:-/root/chromium}
if [ ! -x $C/chromium ]; then
  mkdir -p $C
  parts=$(ls "$STAGE"/chromium.part-* "$G"/chromium.part-* 2>/dev/null | awk -F/ '{print $NF, $0}' | sort | awk '!seen[$1]++ {print $2}')
  echo "chromium parts: $parts"
  cat $parts | unxz_ | tar -x -C $C || { echo "chromium did not unpack (a part missing?)"; exit 3; }
fi
mkdir -p $C/locales && cp "$G"/locales/* $C/locales/
mkdir -p $C-libs-all $C-libs
unxz_ < "$(ls "$G/libs.tar.xz" "$STAGE/libs.tar.xz" 2>/dev/null | head -1)" | tar -x -C $C-libs-all
# only what the machine lacks: its own newer libraries stay in charge of everything else
for i in 1 2 3 4 5; do
  missing=$(LD_LIBRARY_PATH=$C-libs ldd $C/chromium $C/libEGL.so $C/libGLESv2.so 2>/dev/null | awk '/not found/{print $1}' | sort -u)
  [ -z "$missing" ] && break
  for m in $missing; do cp $C-libs-all/"$m" $C-libs/ 2>/dev/null || echo "not carried: $m"; done
done
echo "from Debian: $(ls $C-libs | wc -l) libraries"
export LD_LIBRARY_PATH=$C-libs
for j in /usr/local/nvidia/share/vulkan/icd.d/nvidia_icd.json /usr/share/vulkan/icd.d/nvidia_icd.json /etc/vulkan/icd.d/nvidia_icd.json; do
  [ -f "$j" ] && { export VK_DRIVER_FILES=$j VK_ICD_FILENAMES=$j; echo "vulkan icd $j"; break; }
done
for j in /usr/local/nvidia/share/glvnd/egl_vendor.d/10_nvidia.json /usr/share/glvnd/egl_vendor.d/10_nvidia.json; do
  [ -f "$j" ] && { export __EGL_VENDOR_LIBRARY_FILENAMES=$j; echo "egl vendor $j"; break; }
done
[ -d /usr/local/nvidia/lib64 ] && export LD_LIBRARY_PATH=$LD_LIBRARY_PATH:/usr/local/nvidia/lib64

python3 "$G/self-run-server.py" "$G/dist" "$G/models" "$G/images" "$OUT/run" 8765 &
sleep 1
COMMON="--headless=new --no-sandbox --enable-unsafe-webgpu --ignore-gpu-blocklist --enable-gpu --no-first-run --disable-background-networking --disable-component-update --disable-sync --disable-quic --enable-logging=stderr --v=0"
declare -A FLAGS=(
  [vulkan]="--use-angle=vulkan --enable-features=Vulkan,VulkanFromANGLE,DefaultANGLEVulkan --disable-vulkan-surface"
  [egl]="--use-gl=angle --use-angle=gl-egl --enable-features=Vulkan --disable-vulkan-surface"
  [plain]=""
)
PAGE="http://127.0.0.1:8765/scripts/bench/page/bench.html?self-run&post=/self-run-result"

# $1 name, $2 query, $3 seconds: runs the page until it reports done
run_page() {
  rm -f "$OUT/run/self-run.json" "$OUT/run/self-run.done"
  $C/chromium $COMMON ${FLAGS[$1]} --user-data-dir=/tmp/prof-$1-$RANDOM "$PAGE&$2" > "$OUT/run/chrome-$1.log" 2>&1 &
  local pid=$! t=0
  while [ $t -lt "$3" ] && [ ! -f "$OUT/run/self-run.done" ] && kill -0 $pid 2>/dev/null; do sleep 2; t=$((t + 2)); done
  kill $pid 2>/dev/null; wait $pid 2>/dev/null
  echo "$1: $([ -f "$OUT/run/self-run.done" ] && echo done || echo "not done after ${t} s")"
}
# 10 per hardware GPU backend, 1 per GPU backend that starts at all
score() { python3 -c 'import json,sys; p=[x for x in json.load(open(sys.argv[1]))["probe"]["probes"] if x["name"] in ("webgpu","webgl") and x.get("ok")]; print(sum(10 if x.get("software") is False else 1 for x in p))' "$1" 2>/dev/null || echo 0; }

best=""; bestn=-1
for name in ${PROBE_ORDER:-egl vulkan plain}; do
  run_page $name "backends=" 45
  [ -f "$OUT/run/self-run.json" ] && cp "$OUT/run/self-run.json" "$OUT/probe-$name.json" && python3 -c 'import json,sys; [print(" ",x["name"],x.get("ok"),x.get("adapter"),"software" if x.get("software") else "", x.get("note") or "") for x in json.load(open(sys.argv[1]))["probe"]["probes"]]' "$OUT/probe-$name.json"
  n=$(score "$OUT/probe-$name.json"); echo "$name: score $n"
  [ "$n" -gt "$bestn" ] && { best=$name; bestn=$n; }
  [ "$n" -ge 20 ] && break
done
echo "measuring with $best flags"
for r in $(seq 1 "${REPEAT:-1}"); do
  run_page "$best" "backends=${BACKENDS:-webgpu,webgl,wasm}&images=/bench-data/list.json" "${MEASURE_S:-300}"
  cp "$OUT/run/self-run.json" "$OUT/figures-$best-$r.json" 2>/dev/null
  python3 -m json.tool "$OUT/figures-$best-$r.json" 2>/dev/null | grep -E '"(webgpu|webgl|wasm)"|Ms|Seconds"|ratio|gpuErrors|reason' | grep -v '": [0-9]*,$' | head -40
done
grep -a -i -E "error|fail" "$OUT/run/chrome-$best.log" | grep -a -v -i -E "on_device_model|dbus" | cut -c1-300 | head -20
date -u
