package gyqc

import "time"

// Contact is whom the office calls about a unit's returns: the 填报人, 联系电话 and 审核人
// written on its latest return that names them, and the e-mail address it last sent a return
// from. The units file fills what no return gives (its 邮箱 too).
type Contact struct {
	Name     string `json:"name"`
	Phone    string `json:"phone"`
	Reviewer string `json:"reviewer"`
	Email    string `json:"email"`
	// FromReturn says Name and Phone come from a return, not from the units file.
	FromReturn bool `json:"from_return"`
}

// Contacts returns the contact of every responsible unit, by code, from the attempts subs
// (any periods, any outcomes; those received after now are not counted unless now is zero):
// each unit's latest attempt, by time received, that names a 填报人 or 联系电话 gives the
// name, phone and reviewer; its latest attempt that came by e-mail gives the address. The
// units file's 联系人, 电话 and 邮箱 fill a field no return gives.
func Contacts(p *Plan, subs []Submission, now time.Time) map[string]Contact {
	filler := map[string]*Submission{}
	mail := map[string]*Submission{}
	newer := func(a, b *Submission) bool {
		return b == nil || a.Received.After(b.Received) || a.Received.Equal(b.Received) && a.ID > b.ID
	}
	for i := range subs {
		s := &subs[i]
		if !now.IsZero() && s.Received.After(now) {
			continue
		}
		if (s.Filler.Name != "" || s.Filler.Phone != "") && newer(s, filler[s.Unit]) {
			filler[s.Unit] = s
		}
		if s.Sender != "" && newer(s, mail[s.Unit]) {
			mail[s.Unit] = s
		}
	}
	out := map[string]Contact{}
	for _, u := range p.ResponsibleUnits() {
		c := Contact{Name: u.Contact, Phone: u.Phone, Email: u.Email}
		if s := filler[u.Code]; s != nil {
			c.FromReturn = true
			c.Reviewer = s.Filler.Reviewer
			if s.Filler.Name != "" {
				c.Name = s.Filler.Name
			}
			if s.Filler.Phone != "" {
				c.Phone = s.Filler.Phone
			}
		}
		if s := mail[u.Code]; s != nil {
			c.Email = s.Sender
		}
		out[u.Code] = c
	}
	return out
}

// Line returns the contact as one line: 张三 023-79123456 zs@qj.gov.cn, with 联系人未登记 for
// what is not known.
func (c Contact) Line() string {
	s := c.Name
	if s == "" {
		s = "联系人未登记"
	}
	if c.Phone != "" {
		s += " " + c.Phone
	} else {
		s += " 电话未登记"
	}
	if c.Email != "" {
		s += " " + c.Email
	}
	return s
}
