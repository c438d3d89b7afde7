package gyqc_test

import (
	"testing"

	"github.com/qianjiang/gyqc"
)

// TestExplained tells a reason for a delay from a 存在问题 that only says there is nothing.
func TestExplained(t *testing.T) {
	tests := []struct {
		text string
		want bool
	}{
		{"", false},
		{"无", false},
		{"无。", false},
		{"暂无", false},
		{"没有", false},
		{"无问题", false},
		{"暂无问题", false},
		{"无需协调事项", false},
		{"无需要协调的事项", false},
		{"暂无需协调解决的问题", false},
		{"/", false},
		{"无法按期开工，用地报批未完成", true},
		{"两个项目用地报批未完成，预计8月开工", true},
		{"无资金保障", true},
	}
	for _, tc := range tests {
		t.Run(tc.text, func(t *testing.T) {
			if got := gyqc.Explained(tc.text); got != tc.want {
				t.Errorf("Explained(%q) = %v, want %v", tc.text, got, tc.want)
			}
		})
	}
}
