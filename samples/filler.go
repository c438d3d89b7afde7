package samples

import (
	"fmt"
	"time"

	"github.com/qianjiang/gyqc"
)

// surnames are common family names in Chongqing and the Wuling mountains (向, 冉, 谭 and 田
// are frequent in Qianjiang).
var surnames = []rune("王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏付方白邹孟熊秦邱江尹薛段雷侯龙史陶黎贺顾毛郝龚邵万严覃戴莫孔向冉汤庞")

// givenChars are characters of given names, men's and women's, combined one or two at a time.
var givenChars = [2][]rune{
	[]rune("伟强磊军洋勇杰涛明超刚华飞鹏斌俊宇浩凯建国志永海川江峰远晨阳林波辉文武平亮东兵成力德龙剑锋松"),
	[]rune("芳娜敏静丽艳娟霞玲琳晶欣婷雪梅兰红燕丹萍颖佳怡思莉琴璐婕秀英慧倩蓉洁露"),
}

// personName returns a plausible Chinese name for a hash: a family name and one or two
// characters of a man's or a woman's given name.
func personName(h uint64) string {
	s := surnames[pick(h, len(surnames))]
	h = splitmix(h)
	chars := givenChars[pick(h, 2)]
	h = splitmix(h)
	g1 := chars[pick(h, len(chars))]
	h = splitmix(h)
	if pick(h, 10) < 3 {
		return string(s) + string(g1)
	}
	h = splitmix(h)
	g2 := chars[pick(h, len(chars))]
	if g2 == g1 {
		g2 = chars[(pick(h, len(chars))+7)%len(chars)]
	}
	return string(s) + string(g1) + string(g2)
}

// phone returns a Qianjiang landline number: 023-79 and six digits.
func phone(h uint64) string { return fmt.Sprintf("023-79%06d", h%1000000) }

// filler returns who filled and reviewed the unit's return for period, and on which day.
// The clerk is the registry's contact when there is one and otherwise changes at most once a
// year; the reviewer (the unit's leader in charge) is stable.
func (g *Generator) filler(u *gyqc.Unit, p gyqc.Period, filled time.Time) gyqc.Filler {
	f := gyqc.Filler{
		Name:     u.Contact,
		Phone:    u.Phone,
		Reviewer: personName(key(g.seed, "reviewer", u.Code)),
		Date:     filled.Format("2006-01-02"),
	}
	if f.Name == "" {
		f.Name = personName(key(g.seed, "clerk", u.Code, p.Year))
		if f.Name == f.Reviewer {
			f.Name = personName(key(g.seed, "clerk", u.Code, p.Year, 1))
		}
	}
	if f.Phone == "" {
		f.Phone = phone(key(g.seed, "phone", u.Code))
	}
	return f
}
