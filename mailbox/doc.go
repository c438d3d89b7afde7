// Package mailbox reads returned workbooks out of e-mail: single messages (.eml, RFC 5322,
// as saved by Outlook, Foxmail, Thunderbird or a web mail's "下载邮件") and mbox files.
//
// Each message becomes a Message: its sender and subject, decoded; the time the office's
// server received it; every .xlsx (and .xlsm, and old .xls/.et) attachment, also those inside an attached
// .zip and inside forwarded messages (message/rfc822 parts); and every other attachment,
// listed with the reason it was skipped.
//
// # Decoding
//
// Headers and parts are parsed by net/mail, mime and mime/multipart; character sets come
// from golang.org/x/text (GB2312/GBK/GB18030, Big5, UTF-8 and the other WHATWG labels).
// File names are taken from Content-Disposition's filename, else Content-Type's name, in
// RFC 2231 form (any charset, continuations), as RFC 2047 encoded words (what most Chinese
// mail clients write, even inside quotes), or as raw GBK bytes. Bodies are decoded from
// base64 and quoted-printable. Names of entries in an attached zip without the UTF-8 flag
// are read as GB18030, as Windows in China writes them.
//
// # Received time
//
// The received time is the date of the topmost Received: header (added by the office's own
// server when the mail arrived), else the Date: header (set by the sender's program). A date
// that cannot be read, lies in the future or before Options.NotBefore (the start of the
// plan) is not used: the next source is, and Message.TimeNotes says why. Times are given in
// Options.Location. Attachments of a forwarded message keep the outer message's time, which
// the office's server vouches for; the forwarded message's own sender, subject and date are
// kept with them.
//
// # Hostile mail
//
// Every message is held to Limits: its size, the size of each header block, the nesting
// depth of multipart and message parts, the number of parts, the size of each attachment,
// and for an attached zip the number of entries, the inflated size of each entry and of all
// together and the compression ratio. A multipart part without a boundary, or whose
// boundary never appears, is refused. A message that breaks any of these gets error
// Problems naming the mail file (and message, in an mbox) and the part, and no attachments:
// nothing of it is half taken in. Memory stays bounded by the limits however large a mail
// file is: messages of an mbox are read one at a time, a message over MaxMessageSize is
// skipped line by line (an .eml file of that size is refused by its size, unread), and the
// reading buffer never grows past the limit.
package mailbox
