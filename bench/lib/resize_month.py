#!/usr/bin/env python3
"""Resize one month's demo extracts (BIF and SOF) to an exact number of BIF rows.

The demo generator stops at 1,000,000 citizens, which gives a BIF month of about 790,000 rows; the benchmark wants
exactly 1,000,000 (or 200,000). Cutting is easy: the first N rows. Growing adds copies of existing rows under a new
CPR number: the same birth date (so the number stays valid by the extract contract) and another four-digit serial,
never one already used in either file of the month. A citizen copied in the BIF file is copied under the same new
number in the SOF file when the original is there too, so the copies match like the originals do. Everything else
(encoding, BOM, quoting, line ends, column order) stays byte for byte as the generator wrote it.

    resize_month.py ROWS BIF_IN SOF_IN BIF_OUT SOF_OUT      (SOF_IN/SOF_OUT may be '-' for a BIF file alone)

Prints the BIF and SOF data rows written.
"""
import re
import sys

SERIAL = re.compile(rb"([0-9]{4})(\"?)$")


def read(path):
    with open(path, "rb") as f:
        lines = f.read().split(b"\n")
    if lines and lines[-1] == b"":
        lines.pop()
    return lines[0], [line for line in lines[1:] if line.strip(b"\r")]


def cpr_index(header):
    names = [h.strip(b"\r").strip(b"\xef\xbb\xbf").strip(b'"').lower() for h in header.split(b";")]
    return names.index(b"cpr")


def digits(field):
    return re.sub(rb"[^0-9]", b"", field)


def with_serial(line, index, serial):
    fields = line.split(b";")
    m = SERIAL.search(fields[index])
    if m is None:
        return None
    fields[index] = fields[index][: m.start(1)] + serial + m.group(2) + fields[index][m.end():]
    return b";".join(fields)


def main():
    rows, bif_in, sof_in, bif_out, sof_out = int(sys.argv[1]), sys.argv[2], sys.argv[3], sys.argv[4], sys.argv[5]
    bif_header, bif = read(bif_in)
    bi = cpr_index(bif_header)
    sof_header, sof = (None, [])
    if sof_in != "-":
        sof_header, sof = read(sof_in)
    si = cpr_index(sof_header) if sof_header is not None else 0
    used = {digits(line.split(b";")[bi]) for line in bif} | {digits(line.split(b";")[si]) for line in sof}
    out = bif[:rows]
    renamed = {}  # original CPR digits -> new serial (4 digits)
    shift = 0
    while len(out) < rows and shift < 9:
        shift += 1
        for line in bif:
            if len(out) >= rows:
                break
            cpr = digits(line.split(b";")[bi])
            if len(cpr) != 10 or cpr in renamed:
                continue
            serial = b"%04d" % ((int(cpr[6:]) + 1237 * shift) % 10000)
            new = cpr[:6] + serial
            if new in used:
                continue
            copy = with_serial(line, bi, serial)
            if copy is None:
                continue
            used.add(new)
            renamed[cpr] = serial
            out.append(copy)
    if len(out) < rows:
        sys.exit(f"could only reach {len(out)} rows")
    eol = b"\r\n" if bif_header.endswith(b"\r") else b"\n"
    with open(bif_out, "wb") as f:
        f.write(b"\n".join([bif_header] + out) + b"\n")
    sof_rows = 0
    if sof_header is not None:
        sof_out_lines = list(sof)
        for line in sof:
            cpr = digits(line.split(b";")[si])
            if cpr in renamed:
                copy = with_serial(line, si, renamed[cpr])
                if copy is not None:
                    sof_out_lines.append(copy)
        with open(sof_out, "wb") as f:
            f.write(b"\n".join([sof_header] + sof_out_lines) + b"\n")
        sof_rows = len(sof_out_lines)
    del eol
    print(len(out), sof_rows)


if __name__ == "__main__":
    main()
