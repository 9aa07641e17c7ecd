#!/usr/bin/python3
"""decode_term.py: decode what an image renderer wrote to a terminal back into pixels, and
compare it with the source frame.

  decode_term.py cells FILE OUT.ppm   block/quadrant text with SGR colours (24-bit, 256, 16)
                                      -> a PPM of 2×2 sub-cells per character cell
  decode_term.py psnr A.png B.png     PSNR (dB) of B against A over RGB after both are resized
                                      to A's size by ImageMagick (B's whole picture is used)

Glyphs: space, ▀ ▄ ▌ ▐ █ and the ten quadrant glyphs are decoded exactly as 2×2 masks of
foreground/background; any other glyph counts as their average (reported on stderr).
The default colours (SGR 0/39/49) are taken as a white foreground on a black background.
Needs Debian's python3-numpy and ImageMagick's convert.
"""
import re
import subprocess
import sys

import numpy as np

MASKS = {  # top-left, top-right, bottom-left, bottom-right
    " ": (0, 0, 0, 0), "▀": (1, 1, 0, 0), "▄": (0, 0, 1, 1), "▌": (1, 0, 1, 0), "▐": (0, 1, 0, 1),
    "█": (1, 1, 1, 1), "▘": (1, 0, 0, 0), "▝": (0, 1, 0, 0), "▖": (0, 0, 1, 0), "▗": (0, 0, 0, 1),
    "▚": (1, 0, 0, 1), "▞": (0, 1, 1, 0), "▙": (1, 0, 1, 1), "▟": (0, 1, 1, 1), "▛": (1, 1, 1, 0),
    "▜": (1, 1, 0, 1),
}
BASIC = [(0, 0, 0), (205, 0, 0), (0, 205, 0), (205, 205, 0), (0, 0, 238), (205, 0, 205), (0, 205, 205), (229, 229, 229),
         (127, 127, 127), (255, 0, 0), (0, 255, 0), (255, 255, 0), (92, 92, 255), (255, 0, 255), (0, 255, 255), (255, 255, 255)]


def xterm256(n):
    if n < 16:
        return BASIC[n]
    if n < 232:
        n -= 16
        lv = [0, 95, 135, 175, 215, 255]
        return (lv[n // 36], lv[n // 6 % 6], lv[n % 6])
    g = 8 + 10 * (n - 232)
    return (g, g, g)


def decode_cells(text):
    fg_def, bg_def = (255, 255, 255), (0, 0, 0)
    fg, bg, inverse = fg_def, bg_def, False
    rows, row, other = [], [], 0
    for tok in re.finditer(r"\x1b\[([0-9;?]*)([A-Za-z])|\x1b[PX^_].*?\x1b\\|(.)", text, re.S):
        if tok.group(2):
            if tok.group(2) != "m":
                continue  # cursor visibility and the like
            ps = [int(p) if p else 0 for p in tok.group(1).split(";")] if tok.group(1) else [0]
            i = 0
            while i < len(ps):
                p = ps[i]
                if p == 0:
                    fg, bg, inverse = fg_def, bg_def, False
                elif p == 7:
                    inverse = True
                elif p == 27:
                    inverse = False
                elif p in (38, 48) and i + 1 < len(ps):
                    if ps[i + 1] == 2:
                        c = tuple(ps[i + 2:i + 5])
                        i += 4
                    else:
                        c = xterm256(ps[i + 2])
                        i += 2
                    if p == 38:
                        fg = c
                    else:
                        bg = c
                elif p == 39:
                    fg = fg_def
                elif p == 49:
                    bg = bg_def
                elif 30 <= p <= 37:
                    fg = BASIC[p - 30]
                elif 40 <= p <= 47:
                    bg = BASIC[p - 40]
                elif 90 <= p <= 97:
                    fg = BASIC[p - 82]
                elif 100 <= p <= 107:
                    bg = BASIC[p - 92]
                i += 1
            continue
        ch = tok.group(3)
        if ch is None:
            continue
        if ch == "\n":
            rows.append(row)
            row = []
            continue
        if ch == "\r":
            continue
        f, b = (bg, fg) if inverse else (fg, bg)
        m = MASKS.get(ch)
        if m is None:
            other += 1
            mix = tuple((x + y) // 2 for x, y in zip(f, b))
            row.append((mix,) * 4)
        else:
            row.append(tuple(f if on else b for on in m))
    if row:
        rows.append(row)
    rows = [r for r in rows if r]
    width = max(len(r) for r in rows)
    img = np.zeros((2 * len(rows), 2 * width, 3), dtype=np.uint8)
    for y, r in enumerate(rows):
        for x, cell in enumerate(r):
            img[2 * y, 2 * x], img[2 * y, 2 * x + 1], img[2 * y + 1, 2 * x], img[2 * y + 1, 2 * x + 1] = cell
    if other:
        print(f"decode_term: {other} cells with other glyphs, taken as the average colour", file=sys.stderr)
    return img


def read_rgb(path, w=None, h=None):
    args = ["convert", path]
    if w:
        args += ["-resize", f"{w}x{h}!"]
    out = subprocess.run(args + ["-depth", "8", "rgb:-"], check=True, capture_output=True).stdout
    if w is None:
        size = subprocess.run(["identify", "-format", "%w %h", path], check=True, capture_output=True, text=True).stdout
        w, h = map(int, size.split())
    return np.frombuffer(out, dtype=np.uint8).reshape(h, w, 3)


def main():
    if sys.argv[1] == "cells":
        img = decode_cells(open(sys.argv[2], encoding="utf-8", errors="replace").read())
        h, w, _ = img.shape
        with open(sys.argv[3], "wb") as f:
            f.write(b"P6 %d %d 255\n" % (w, h) + img.tobytes())
    elif sys.argv[1] == "psnr":
        a = read_rgb(sys.argv[2]).astype(np.float64)
        b = read_rgb(sys.argv[3], a.shape[1], a.shape[0]).astype(np.float64)
        mse = np.mean((a - b) ** 2)
        print("inf" if mse == 0 else f"{10 * np.log10(255 ** 2 / mse):.2f}")
    else:
        sys.exit(__doc__)


if __name__ == "__main__":
    main()
