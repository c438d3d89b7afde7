#!/usr/bin/python3
"""Writes the mail files of mailbox's tests with Python's own email package.

Python encodes and nests differently from Go (and from each other, its two APIs do):
RFC 2231 names in GBK, RFC 2047 names inside quotes as Foxmail and Outlook write them,
continuations of long names, 8-bit and quoted-printable Chinese bodies, message/rfc822
forwards and mbox quoting. Run it from this folder with /usr/bin/python3; the outputs are
committed, so the tests do not need Python.

The attached "workbooks" are short byte strings: mailbox does not look inside them.
"""
import io
import mailbox
import os
import zipfile
from email import encoders, policy
from email.charset import QP, Charset
from email.header import Header
from email.message import EmailMessage
from email.mime.base import MIMEBase
from email.mime.multipart import MIMEMultipart
from email.mime.text import MIMEText
from email.utils import formataddr

XLSX = ("application", "vnd.openxmlformats-officedocument.spreadsheetml.sheet")


def book(tag):
    return b"PK\x03\x04 workbook " + tag.encode("utf-8")


def write(name, msg):
    with open(name, "wb") as f:
        f.write(msg.as_bytes(policy=msg.policy.clone(linesep="\r\n")))


def gbk_2231():
    """Old API (compat32), which keeps the charsets it is given: GBK sender, subject and
    8-bit-free base64 body, RFC 2231 GBK attachment name."""
    m = MIMEMultipart()
    m["Received"] = ("from mail.jxw.example (unknown [10.1.2.3]) by mx.qj.gov.cn (Coremail) "
                     "with SMTP id AQAAfwDX; Mon, 30 Jun 2025 17:42:10 +0800 (CST)")
    m["Received"] = "from [192.168.1.20] by mail.jxw.example; Mon, 30 Jun 2025 09:41:58 +0000"
    m["From"] = Header("区经济信息委", "gbk").encode() + " <JXW@qj.example.cn>"
    m["To"] = "gyqc@qj.gov.cn"
    m["Subject"] = Header("关于报送2025年6月“工业强城”进展的函", "gbk")
    m["Date"] = "Mon, 30 Jun 2025 17:30:00 +0800"
    m["Message-ID"] = "<gbk-2231@jxw.example>"
    m.attach(MIMEText("办公室：\n附件为我委6月报表，请查收。\n", "plain", "gbk"))
    part = MIMEBase(*XLSX)
    part.set_payload(book("gbk"))
    encoders.encode_base64(part)
    part.add_header("Content-Disposition", "attachment", filename=("gbk", "", "区经济信息委_2025年6月.xlsx"))
    m.attach(part)
    pdf = MIMEBase("application", "pdf")
    pdf.set_payload(b"%PDF-1.4 fake")
    encoders.encode_base64(pdf)
    pdf.add_header("Content-Disposition", "attachment", filename=("gbk", "", "说明.pdf"))
    m.attach(pdf)
    write("py_gbk_2231.eml", m)


def foxmail():
    """Old API (compat32): RFC 2047 GB2312 name inside quotes, GB18030 quoted-printable body."""
    m = MIMEMultipart()
    m["Received"] = ("from foxmail (unknown [10.1.9.9]) by mx.qj.gov.cn (Coremail) with SMTP; "
                     "Tue, 1 Jul 2025 08:05:33 +0800 (CST)")
    m["From"] = formataddr((str(Header("区财政局 张三", "gb2312")), "czj@qj.example.cn"))
    m["To"] = "gyqc@qj.gov.cn"
    m["Subject"] = Header("财政局6月报表（更正）", "gb18030")
    m["Date"] = "Tue, 01 Jul 2025 08:05:20 +0800"
    qp = Charset("gb18030")
    qp.body_encoding = QP
    body = MIMEText("更正后的报表见附件。䶮字测试\n", "plain", qp)
    m.attach(body)
    part = MIMEBase(*XLSX)
    part.set_payload(book("foxmail"))
    encoders.encode_base64(part)
    part.add_header("Content-Disposition", "attachment",
                    filename=Header("区财政局_2025-06_更正.xlsx", "gb2312").encode())
    m.attach(part)
    write("py_foxmail.eml", m)


def big5():
    """Big5 name and subject (a Traditional Chinese client), quoted-printable body."""
    m = MIMEMultipart()
    m["Received"] = "from x by mx.qj.gov.cn; Sun, 29 Jun 2025 22:10:00 +0800"
    m["From"] = "zsj@qj.example.cn"
    m["Subject"] = Header("招商報表", "big5")
    m["Date"] = "Sun, 29 Jun 2025 22:09:00 +0800"
    m.attach(MIMEText("請查收報表。\n", "plain", "big5"))
    part = MIMEBase(*XLSX)
    part.set_payload(book("big5"))
    encoders.encode_base64(part)
    part.add_header("Content-Disposition", "attachment", filename=("big5", "", "招商報表.xlsx"))
    m.attach(part)
    write("py_big5.eml", m)


def zipped():
    """A zip of two workbooks and a document; no Received header, so the Date is used."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("6月报表/区科技局_2025-06.xlsx", book("zip-1"))
        z.writestr("6月报表/区科技局_重点项目.xlsx", book("zip-2"))
        z.writestr("6月报表/说明.docx", b"PK docx")
        z.writestr("__MACOSX/6月报表/._区科技局_2025-06.xlsx", b"junk")
    m = EmailMessage()
    m["From"] = "区科技局 <kjj@qj.example.cn>"
    m["To"] = "gyqc@qj.gov.cn"
    m["Subject"] = "科技局报表（压缩包）"
    m["Date"] = "Mon, 30 Jun 2025 16:00:00 +0800"
    m.set_content("见附件压缩包。")
    m.add_attachment(buf.getvalue(), "application", "zip", filename="区科技局6月报表.zip")
    write("py_zip.eml", m)


def forward():
    """The clerk forwards a unit's mail as an attachment (message/rfc822); the unit's long
    UTF-8 name is folded into RFC 2231 continuations."""
    inner = EmailMessage()
    inner["Received"] = "from a by mx.other.example; Fri, 27 Jun 2025 10:00:00 +0800"
    inner["From"] = "区生态环境局 <sthjj@qj.example.cn>"
    inner["To"] = "someone@qj.gov.cn"
    inner["Subject"] = "生态环境局6月工业强城报表"
    inner["Date"] = "Fri, 27 Jun 2025 09:59:00 +0800"
    inner.set_content("报表见附件。")
    inner.add_attachment(book("forwarded"), *XLSX,
                         filename="区生态环境局_2025年6月_工业强城建设进展情况报表_最终版_请以此为准.xlsx")
    outer = EmailMessage()
    outer["Received"] = "from b by mx.qj.gov.cn; Mon, 30 Jun 2025 11:20:00 +0800"
    outer["From"] = "李四 <lisi@qj.gov.cn>"
    outer["To"] = "gyqc@qj.gov.cn"
    outer["Subject"] = "转发：生态环境局6月工业强城报表"
    outer["Date"] = "Mon, 30 Jun 2025 11:19:00 +0800"
    outer.set_content("转给报送邮箱。")
    outer.add_attachment(inner)
    write("py_forward.eml", outer)


def mbox():
    """An mbox of three: a body line starting with "From " (quoted as ">From "), a Received
    date before the plan began (the Date is used), and dates in the future (none used)."""
    path = "py_inbox.mbox"
    if os.path.exists(path):
        os.remove(path)
    box = mailbox.mbox(path)
    a = EmailMessage()
    a["Received"] = "from a by mx.qj.gov.cn; Thu, 26 Jun 2025 15:00:00 +0800"
    a["From"] = "gxj@qj.example.cn"
    a["Subject"] = "工信报表"
    a["Date"] = "Thu, 26 Jun 2025 14:58:00 +0800"
    a.set_content("办公室：\nFrom the unit, with thanks.\n")
    a.add_attachment(book("mbox-1"), *XLSX, filename="区工信_2025-06.xlsx")
    b = EmailMessage()
    b["Received"] = "from a by mx.qj.gov.cn; Sat, 01 Jan 2000 00:00:00 +0800"
    b["From"] = "fgw@qj.example.cn"
    b["Subject"] = "发改报表"
    b["Date"] = "Mon, 30 Jun 2025 20:00:00 +0800"
    b.set_content("见附件。")
    b.add_attachment(book("mbox-2"), *XLSX, filename="区发改委_2025-06.xlsx")
    c = MIMEMultipart()  # compat32 keeps a date it cannot read
    c["Received"] = "from a by mx.qj.gov.cn; Thu, 01 Jan 2099 00:00:00 +0800"
    c["From"] = "swj@qj.example.cn"
    c["Subject"] = Header("商务报表", "utf-8")
    c["Date"] = "not a date"
    c.attach(MIMEText("见附件。", "plain", "utf-8"))
    part = MIMEBase(*XLSX)
    part.set_payload(book("mbox-3"))
    encoders.encode_base64(part)
    part.add_header("Content-Disposition", "attachment", filename="区商务委_2025-06.xlsx")
    c.attach(part)
    for m in (a, b, c):
        box.add(m)
    box.close()


if __name__ == "__main__":
    gbk_2231()
    foxmail()
    big5()
    zipped()
    forward()
    mbox()
