package samples

import (
	"math"
	"math/rand/v2"
)

// key hashes a seed and a list of parts into 64 bits with FNV-1a followed by a splitmix64
// finaliser. Every random choice of the package is keyed this way by what it is about (an
// indicator, a unit, a task, a period), so that choices do not depend on the order in which
// they are made and one unit's return does not change when another is added.
func key(seed uint64, parts ...any) uint64 {
	const prime = 1099511628211
	h := uint64(14695981039346656037) ^ seed
	mix := func(b byte) { h ^= uint64(b); h *= prime }
	for _, p := range parts {
		switch v := p.(type) {
		case string:
			for i := 0; i < len(v); i++ {
				mix(v[i])
			}
		case int:
			for i := 0; i < 8; i++ {
				mix(byte(uint64(v) >> (8 * i)))
			}
		case uint64:
			for i := 0; i < 8; i++ {
				mix(byte(v >> (8 * i)))
			}
		}
		mix(0xff) // separator, so that ("ab","c") differs from ("a","bc")
	}
	return splitmix(h)
}

// splitmix is the splitmix64 finaliser.
func splitmix(x uint64) uint64 {
	x += 0x9e3779b97f4a7c15
	x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9
	x = (x ^ (x >> 27)) * 0x94d049bb133111eb
	return x ^ (x >> 31)
}

// unitFloat maps a hash to [0, 1).
func unitFloat(h uint64) float64 { return float64(h>>11) / (1 << 53) }

// pick maps a hash to 0..n-1; n must be positive.
func pick(h uint64, n int) int { return int(h % uint64(n)) }

// stream returns a random stream for a sequence of draws about one thing.
func stream(seed uint64, parts ...any) *rand.Rand {
	h := key(seed, parts...)
	return rand.New(rand.NewPCG(h, splitmix(h)))
}

// round rounds x to n decimals.
func round(x float64, n int) float64 {
	p := math.Pow10(n)
	return math.Round(x*p) / p
}
