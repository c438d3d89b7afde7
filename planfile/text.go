package planfile

import "bytes"

// normalize returns a plan or units file as the loader reads it: without the UTF-8
// byte-order mark Windows Notepad writes, and with CRLF and lone CR line ends turned into
// LF. A file saved on Windows so loads, and hashes, as the same file saved elsewhere.
func normalize(data []byte) []byte {
	data = bytes.TrimPrefix(data, []byte("\uFEFF"))
	if bytes.IndexByte(data, '\r') < 0 {
		return data
	}
	data = bytes.ReplaceAll(data, []byte("\r\n"), []byte("\n"))
	return bytes.ReplaceAll(data, []byte("\r"), []byte("\n"))
}
