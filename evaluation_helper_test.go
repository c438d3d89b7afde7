package gyqc_test

import (
	"github.com/qianjiang/gyqc"
)

// The tests of the evaluation build their worlds with internal/fixture.

func num(v float64) *float64 { return &v }

func per(s string) gyqc.Period { return gyqc.MustPeriod(s) }
