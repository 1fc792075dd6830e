#!/usr/bin/python3
"""A compact training corpus for a machine without audio tools (the GPU machine): 16 kHz mono clips as raw Opus
packets (libopus through ctypes, 20 ms frames, default 12 kbit/s), all in one file, plus an index.

  /usr/bin/python3 tools/model/opus_pack.py pack --real ~/.cache/ctcalign/real --synthetic ~/.cache/ctcalign/corpus \
      --out gpu-carry/corpus --kbps 12
  /usr/bin/python3 tools/model/opus_pack.py check --packed gpu-carry/corpus     # decode back, SNR per clip

<out>/packets.bin: per clip, its packets as (uint16 little-endian length, bytes)...; <out>/index.jsonl: one clip a
line: id, kind ("real" or "synthetic"), text, samples, offset and size in packets.bin, word timings (synthetic);
<out>/libopus.so.0: this machine's libopus, so the reader needs nothing installed. Held-out real speakers and the
synthetic held-out split are never packed. The decoder output is shifted back by the encoder's look-ahead, so word
timings stay exact to the sample.
"""
import argparse
import ctypes
import ctypes.util
import json
import os
import shutil
import struct
import sys
import wave

import numpy as np

RATE, FRAME = 16000, 320
OPUS_APPLICATION_AUDIO = 2049
OPUS_SET_BITRATE_REQUEST = 4002
OPUS_GET_LOOKAHEAD_REQUEST = 4027
OPUS_SET_COMPLEXITY_REQUEST = 4010


def load_libopus(folder=None):
    candidates = [os.path.join(folder, "libopus.so.0")] if folder else []
    candidates += [ctypes.util.find_library("opus") or "", "libopus.so.0", "/usr/lib/x86_64-linux-gnu/libopus.so.0"]
    for c in candidates:
        if not c:
            continue
        try:
            lib = ctypes.CDLL(c)
        except OSError:
            continue
        lib.opus_encoder_create.restype = ctypes.c_void_p
        lib.opus_encoder_create.argtypes = [ctypes.c_int32, ctypes.c_int, ctypes.c_int, ctypes.POINTER(ctypes.c_int)]
        lib.opus_encode.restype = ctypes.c_int32
        lib.opus_encode.argtypes = [ctypes.c_void_p, ctypes.c_void_p, ctypes.c_int, ctypes.c_void_p, ctypes.c_int32]
        lib.opus_decoder_create.restype = ctypes.c_void_p
        lib.opus_decoder_create.argtypes = [ctypes.c_int32, ctypes.c_int, ctypes.POINTER(ctypes.c_int)]
        lib.opus_decode.restype = ctypes.c_int
        lib.opus_decode.argtypes = [ctypes.c_void_p, ctypes.c_char_p, ctypes.c_int32, ctypes.c_void_p, ctypes.c_int,
                                    ctypes.c_int]
        lib.opus_encoder_destroy.argtypes = [ctypes.c_void_p]
        lib.opus_decoder_destroy.argtypes = [ctypes.c_void_p]
        for line in open("/proc/self/maps"):  # the file actually loaded, to copy it beside a pack
            if "libopus" in line and "/" in line:
                c = line[line.index("/"):].strip()
                break
        return lib, c
    raise SystemExit("opus_pack.py: libopus not found (Debian: libopus0)")


class Encoder:
    def __init__(self, lib, kbps, complexity=5):
        err = ctypes.c_int()
        self.lib = lib
        self.enc = lib.opus_encoder_create(RATE, 1, OPUS_APPLICATION_AUDIO, ctypes.byref(err))
        if err.value != 0:
            raise RuntimeError(f"opus_encoder_create: {err.value}")
        lib.opus_encoder_ctl(ctypes.c_void_p(self.enc), ctypes.c_int(OPUS_SET_BITRATE_REQUEST), ctypes.c_int32(kbps * 1000))
        lib.opus_encoder_ctl(ctypes.c_void_p(self.enc), ctypes.c_int(OPUS_SET_COMPLEXITY_REQUEST), ctypes.c_int32(complexity))
        la = ctypes.c_int32()
        lib.opus_encoder_ctl(ctypes.c_void_p(self.enc), ctypes.c_int(OPUS_GET_LOOKAHEAD_REQUEST), ctypes.byref(la))
        self.lookahead = la.value
        self.buf = ctypes.create_string_buffer(4000)

    def encode(self, pcm):
        """int16 samples -> list of packets; the input is padded with the look-ahead so nothing is lost at the end."""
        pcm = np.concatenate([pcm.astype(np.int16), np.zeros(self.lookahead + FRAME, np.int16)])
        n = len(pcm) // FRAME * FRAME
        out = []
        for i in range(0, n, FRAME):
            chunk = np.ascontiguousarray(pcm[i:i + FRAME])
            k = self.lib.opus_encode(ctypes.c_void_p(self.enc), chunk.ctypes.data, FRAME, self.buf, len(self.buf))
            if k < 0:
                raise RuntimeError(f"opus_encode: {k}")
            out.append(self.buf.raw[:k])
        return out

    def close(self):
        self.lib.opus_encoder_destroy(ctypes.c_void_p(self.enc))


def decode(lib, data, samples, lookahead):
    """Packets (as stored) -> int16 array of `samples`, aligned with the original."""
    err = ctypes.c_int()
    dec = lib.opus_decoder_create(RATE, 1, ctypes.byref(err))
    if err.value != 0:
        raise RuntimeError(f"opus_decoder_create: {err.value}")
    out = np.zeros(len(data) // 3 * FRAME + FRAME * 4, np.int16)  # a packet is at least 3 bytes with its length
    pos, got = 0, 0
    frame = np.zeros(FRAME * 6, np.int16)
    while pos < len(data):
        (n,) = struct.unpack_from("<H", data, pos)
        pos += 2
        k = lib.opus_decode(ctypes.c_void_p(dec), data[pos:pos + n], n, frame.ctypes.data, FRAME * 6, 0)
        pos += n
        if k < 0:
            raise RuntimeError(f"opus_decode: {k}")
        if got + k > len(out):
            out = np.concatenate([out, np.zeros(got + k - len(out) + FRAME * 8, np.int16)])
        out[got:got + k] = frame[:k]
        got += k
    lib.opus_decoder_destroy(ctypes.c_void_p(dec))
    return out[lookahead:lookahead + samples].copy()


def read_wav(path):
    with wave.open(path, "rb") as w:
        return np.frombuffer(w.readframes(w.getnframes()), dtype="<i2").copy()


def clips(real, synthetic, max_seconds):
    if real:
        for line in open(os.path.join(real, "manifest.jsonl")):
            r = json.loads(line)
            if r.get("heldout") or r["duration"] > max_seconds:
                continue
            yield {"id": r["id"], "kind": "real", "text": r["text"], "source": r.get("source")}, \
                lambda r=r: np.load(os.path.join(real, r["npy"]))
    if synthetic:
        for part in ("train", "short", "prompts"):
            path = os.path.join(synthetic, part, "manifest.jsonl")
            if not os.path.exists(path):
                continue
            for line in open(path):
                r = json.loads(line)
                if r.get("split") != "train" or r["duration"] > max_seconds:
                    continue
                yield {"id": r["id"], "kind": "synthetic", "text": r["spoken"], "words": r.get("words")}, \
                    lambda r=r, base=os.path.dirname(path): read_wav(os.path.join(base, r["audio"]))


def pack(args):
    lib, libpath = load_libopus()
    os.makedirs(args.out, exist_ok=True)
    enc = Encoder(lib, args.kbps, args.complexity)
    n, seconds = 0, 0.0
    with open(os.path.join(args.out, "packets.bin.tmp"), "wb") as pf, \
            open(os.path.join(args.out, "index.jsonl.tmp"), "w") as xf:
        xf.write(json.dumps({"format": "ctcalign-opus-pack", "rate": RATE, "frame": FRAME, "kbps": args.kbps,
                             "lookahead": enc.lookahead}) + "\n")
        for meta, load in clips(args.real, args.synthetic, args.max_seconds):
            if args.hours and seconds >= args.hours * 3600:
                break
            try:
                pcm = load()
            except (OSError, EOFError, wave.Error, ValueError):
                continue
            if len(pcm) < 1600:
                continue
            blob = b"".join(struct.pack("<H", len(p)) + p for p in enc.encode(pcm))
            meta.update(samples=int(len(pcm)), offset=pf.tell(), size=len(blob))
            pf.write(blob)
            xf.write(json.dumps(meta) + "\n")
            n += 1
            seconds += len(pcm) / RATE
    enc.close()
    os.replace(os.path.join(args.out, "packets.bin.tmp"), os.path.join(args.out, "packets.bin"))
    os.replace(os.path.join(args.out, "index.jsonl.tmp"), os.path.join(args.out, "index.jsonl"))
    shutil.copyfile(os.path.realpath(libpath), os.path.join(args.out, "libopus.so.0"))
    size = os.path.getsize(os.path.join(args.out, "packets.bin"))
    print(f"packed {n} clips, {seconds / 3600:.2f} h, {size / 2**20:.1f} MiB at {args.kbps} kbit/s into {args.out}",
          file=sys.stderr)


def _decode_rows(job):
    folder, rows, lookahead = job
    lib, _ = load_libopus(folder)
    out = []
    with open(os.path.join(folder, "packets.bin"), "rb") as pf:
        for r in rows:
            pf.seek(r["offset"])
            out.append(decode(lib, pf.read(r["size"]), r["samples"], lookahead))
    return out


def read_packed_parallel(folder, kinds=("real", "synthetic"), jobs=8):
    """Yields (meta, int16 pcm) for every packed clip of the given kinds (the trainer's loader), decoded by `jobs`
    processes (the GPU machine has 16 cores and a few minutes)."""
    import multiprocessing
    with open(os.path.join(folder, "index.jsonl")) as xf:
        head = json.loads(xf.readline())
        rows = [r for r in map(json.loads, xf) if r["kind"] in kinds]
    chunks = [rows[i:i + 200] for i in range(0, len(rows), 200)]
    if jobs <= 1 or len(chunks) <= 1:
        results = map(_decode_rows, [(folder, c, head["lookahead"]) for c in chunks])
        for c, pcms in zip(chunks, results):
            yield from zip(c, pcms)
        return
    with multiprocessing.get_context("fork").Pool(jobs) as pool:
        for c, pcms in zip(chunks, pool.imap(_decode_rows, [(folder, c, head["lookahead"]) for c in chunks])):
            yield from zip(c, pcms)


def check(args):
    """Decodes every clip back and compares with the originals (when the cache is here): SNR in dB."""
    snrs = []
    real = {}
    if args.real and os.path.exists(os.path.join(args.real, "manifest.jsonl")):
        real = {json.loads(l)["id"]: json.loads(l)["npy"] for l in open(os.path.join(args.real, "manifest.jsonl"))}
    for k, (r, pcm) in enumerate(read_packed_parallel(args.packed, ("real",), 1)):
        if k >= args.limit:
            break
        if r["id"] in real:
            ref = np.load(os.path.join(args.real, real[r["id"]])).astype(np.float64)
            err = ref - pcm.astype(np.float64)
            snrs.append(10 * np.log10((ref ** 2).sum() / max(1e-9, (err ** 2).sum())))
    print(f"{len(snrs)} clips decoded, SNR median {np.median(snrs):.1f} dB, 10th percentile "
          f"{np.percentile(snrs, 10):.1f} dB" if snrs else "no originals to compare with")


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = ap.add_subparsers(dest="cmd", required=True)
    p = sub.add_parser("pack")
    p.add_argument("--real", default=None, help="decode_real.py output (held-out clips are skipped)")
    p.add_argument("--synthetic", default=None, help="gen_corpus.py corpus root (train, short, prompts)")
    p.add_argument("--out", required=True)
    p.add_argument("--kbps", type=int, default=12)
    p.add_argument("--complexity", type=int, default=5, help="libopus encoder complexity 0-10 (10: slowest)")
    p.add_argument("--hours", type=float, default=0, help="stop after this many hours (0: everything)")
    p.add_argument("--max-seconds", type=float, default=22.0)
    c = sub.add_parser("check")
    c.add_argument("--packed", required=True)
    c.add_argument("--real", default=os.path.expanduser("~/.cache/ctcalign/real"))
    c.add_argument("--limit", type=int, default=200)
    args = ap.parse_args()
    pack(args) if args.cmd == "pack" else check(args)


if __name__ == "__main__":
    main()
