"""Wrap returned workbooks in e-mail as a mail program would, with Python's email package.

usage: mail.py SPEC.json
SPEC: {"out": PATH, "mbox": false, "messages": [MESSAGE, ...]}
MESSAGE: {"received": RFC 5322 date or null, "date": RFC 5322 date, "from": [name, address],
          "subject": text, "charset": "gbk" or "utf-8", "body": text,
          "attachments": [{"path": workbook, "name": file name, "zip": zip name or null}],
          "forward": MESSAGE or null}
GBK messages are written with the old API (compat32), which keeps the charset: RFC 2047 GBK
sender and subject, base64 GBK body, RFC 2231 GBK attachment names. UTF-8 messages use the
new API (EmailMessage), which encodes names as RFC 2231 UTF-8. A "forward" is attached as a
message/rfc822 part. An mbox is written with the mailbox module ("From " lines, >From quoting).
"""
import io
import json
import mailbox
import sys
import zipfile
from email import encoders
from email.header import Header
from email.message import EmailMessage
from email.mime.base import MIMEBase
from email.mime.message import MIMEMessage
from email.mime.multipart import MIMEMultipart
from email.mime.text import MIMEText

XLSX = ("application", "vnd.openxmlformats-officedocument.spreadsheetml.sheet")


def payloads(spec):
    """The attachments as (name, maintype, subtype, bytes): workbooks, zipped where asked."""
    out, zips = [], {}
    for a in spec.get("attachments", []):
        data = open(a["path"], "rb").read()
        if a.get("zip"):
            zips.setdefault(a["zip"], []).append((a["name"], data))
        else:
            out.append((a["name"], XLSX[0], XLSX[1], data))
    for name, entries in zips.items():
        buf = io.BytesIO()
        with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
            for n, d in entries:
                z.writestr(n, d)
        out.append((name, "application", "zip", buf.getvalue()))
    return out


def gbk_message(spec):
    m = MIMEMultipart()
    if spec.get("received"):
        m["Received"] = "from mail.unit.example by mx.qj.gov.cn (Coremail) with SMTP; " + spec["received"]
    name, addr = spec["from"]
    m["From"] = Header(name, "gbk").encode() + " <" + addr + ">"
    m["Subject"] = Header(spec["subject"], "gbk").encode()
    m["Date"] = spec["date"]
    m.attach(MIMEText(spec.get("body", "附件为本单位报表，请查收。"), "plain", "gbk"))
    for fname, main, sub, data in payloads(spec):
        part = MIMEBase(main, sub)
        part.set_payload(data)
        encoders.encode_base64(part)
        part.add_header("Content-Disposition", "attachment", filename=("gbk", "", fname))
        m.attach(part)
    if spec.get("forward"):
        m.attach(MIMEMessage(build(spec["forward"])))
    return m


def utf8_message(spec):
    m = EmailMessage()
    if spec.get("received"):
        m["Received"] = "from mail.unit.example by mx.qj.gov.cn (Postfix) with ESMTPS; " + spec["received"]
    name, addr = spec["from"]
    m["From"] = f"{name} <{addr}>"
    m["Subject"] = spec["subject"]
    m["Date"] = spec["date"]
    m.set_content(spec.get("body", "附件为本单位报表，请查收。"))
    for fname, main, sub, data in payloads(spec):
        m.add_attachment(data, main, sub, filename=fname)
    if spec.get("forward"):
        m.add_attachment(build(spec["forward"]))
    return m


def build(spec):
    return gbk_message(spec) if spec.get("charset") == "gbk" else utf8_message(spec)


def main():
    spec = json.load(open(sys.argv[1], encoding="utf-8"))
    msgs = [build(s) for s in spec["messages"]]
    if spec.get("mbox"):
        box = mailbox.mbox(spec["out"])
        for m in msgs:
            box.add(m)
        box.close()
    else:
        with open(spec["out"], "wb") as f:
            f.write(msgs[0].as_bytes())


main()
