package mailbox

import "github.com/qianjiang/gyqc"

// Limits bounds what a message may hold. A zero field takes its default, so Limits{} is the
// same as DefaultLimits(). The defaults are far above real mail with a few workbooks
// attached and far below what would cost real memory.
type Limits struct {
	// MaxMessageSize is the largest message, in bytes as stored. Default 64 MiB.
	MaxMessageSize int64
	// MaxHeaderSize is the largest header block of the message or of any part. Default
	// 256 KiB (long Received chains and recipient lists stay well below it).
	MaxHeaderSize int
	// MaxDepth is the deepest nesting of multipart and message parts. Default 20 (a
	// forward of a forward adds two levels).
	MaxDepth int
	// MaxParts is the largest number of parts in one message. Default 500.
	MaxParts int
	// MaxAttachmentSize is the largest decoded attachment, and the largest entry of an
	// attached zip, that is taken in. Default 20 MiB, the intake's largest workbook.
	MaxAttachmentSize int64
	// MaxZipEntries is the largest number of entries an attached zip may declare.
	// Default 1,000.
	MaxZipEntries int
	// MaxZipTotal is the largest inflated size of the workbooks taken from one zip.
	// Default 100 MiB.
	MaxZipTotal int64
	// MaxZipRatio is the largest compression ratio of a zip entry that inflates to more
	// than 1 MiB. Default 200.
	MaxZipRatio int64
	// MaxMessages is the largest number of messages read from one mbox. Default 100,000.
	MaxMessages int
}

// Default limits.
const (
	DefaultMaxMessageSize    = 64 << 20
	DefaultMaxHeaderSize     = 256 << 10
	DefaultMaxDepth          = 20
	DefaultMaxParts          = 500
	DefaultMaxAttachmentSize = 20 << 20
	DefaultMaxZipEntries     = 1000
	DefaultMaxZipTotal       = 100 << 20
	DefaultMaxZipRatio       = 200
	DefaultMaxMessages       = 100000
	ratioFloor               = 1 << 20
)

// DefaultLimits returns the limits with every field at its default.
func DefaultLimits() Limits { return Limits{}.withDefaults() }

// withDefaults fills zero (or negative) fields with their defaults.
func (l Limits) withDefaults() Limits {
	set64, set := gyqc.DefaultLimit[int64], gyqc.DefaultLimit[int]
	set64(&l.MaxMessageSize, DefaultMaxMessageSize)
	set(&l.MaxHeaderSize, DefaultMaxHeaderSize)
	set(&l.MaxDepth, DefaultMaxDepth)
	set(&l.MaxParts, DefaultMaxParts)
	set64(&l.MaxAttachmentSize, DefaultMaxAttachmentSize)
	set(&l.MaxZipEntries, DefaultMaxZipEntries)
	set64(&l.MaxZipTotal, DefaultMaxZipTotal)
	set64(&l.MaxZipRatio, DefaultMaxZipRatio)
	set(&l.MaxMessages, DefaultMaxMessages)
	return l
}
