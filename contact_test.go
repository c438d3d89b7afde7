package gyqc_test

import (
	"testing"
	"time"

	"github.com/qianjiang/gyqc/planfile"

	"github.com/qianjiang/gyqc"
)

func TestContacts(t *testing.T) {
	plan := planfile.Default()
	unit := plan.ResponsibleUnits()[0]
	unit.Contact, unit.Phone, unit.Email = "名册联系人", "023-70000000", "mc@qj.gov.cn" // the units file's entry
	defer func() { unit.Contact, unit.Phone, unit.Email = "", "", "" }()
	at := func(id int64, p string, day int, o gyqc.Outcome, f gyqc.Filler, sender string) gyqc.Submission {
		return gyqc.Submission{ID: id, Unit: unit.Code, Period: per(p), Outcome: o, Filler: f, Sender: sender,
			Received: time.Date(2025, 6, day, 10, 0, 0, 0, plan.Location())}
	}
	may := at(1, "2025-05", 1, gyqc.OutcomeAccepted, gyqc.Filler{Name: "张三", Phone: "023-79111111", Reviewer: "王局"}, "")
	refused := at(2, "2025-06", 20, gyqc.OutcomeRefused, gyqc.Filler{Name: "李四", Phone: "", Reviewer: "赵局"}, "ls@qj.example.cn")
	noName := at(3, "2025-06", 25, gyqc.OutcomeAccepted, gyqc.Filler{}, "")
	later := at(4, "2025-06", 28, gyqc.OutcomeAccepted, gyqc.Filler{Name: "王五", Phone: "023-79222222"}, "ww@qj.example.cn")
	tests := []struct {
		name string
		subs []gyqc.Submission
		now  time.Time
		want gyqc.Contact
	}{
		{"no returns: the units file", nil, time.Time{}, gyqc.Contact{Name: "名册联系人", Phone: "023-70000000", Email: "mc@qj.gov.cn"}},
		{"last month's return, not by mail: the units file's address", []gyqc.Submission{may}, time.Time{},
			gyqc.Contact{Name: "张三", Phone: "023-79111111", Reviewer: "王局", Email: "mc@qj.gov.cn", FromReturn: true}},
		{"a refused return counts; a missing phone comes from the units file; the mail address", []gyqc.Submission{may, refused, noName}, time.Time{},
			gyqc.Contact{Name: "李四", Phone: "023-70000000", Reviewer: "赵局", Email: "ls@qj.example.cn", FromReturn: true}},
		{"the latest return", []gyqc.Submission{later, may, refused}, time.Time{},
			gyqc.Contact{Name: "王五", Phone: "023-79222222", Email: "ww@qj.example.cn", FromReturn: true}},
		{"as of before the latest", []gyqc.Submission{later, may, refused}, time.Date(2025, 6, 21, 0, 0, 0, 0, plan.Location()),
			gyqc.Contact{Name: "李四", Phone: "023-70000000", Reviewer: "赵局", Email: "ls@qj.example.cn", FromReturn: true}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := gyqc.Contacts(plan, tc.subs, tc.now)[unit.Code]
			if got != tc.want {
				t.Errorf("got %+v\nwant %+v", got, tc.want)
			}
		})
	}
}
