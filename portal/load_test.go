package portal

import (
	"context"
	"fmt"
	"net/http"
	"sort"
	"sync"
	"testing"
	"time"

	"github.com/qianjiang/gyqc/samples"
)

// BenchmarkLoad: every responsible unit (36) uploads 10 different versions of its return
// through its link, the units all at once, against a server on loopback. Every upload must
// be recorded exactly once (versions 1 to 10 of each unit, one audit entry each). It reports
// the median and 95th-percentile latency of an upload and the uploads per second.
//
//	go test ./portal -run '^$' -bench Load -benchtime 1x
func BenchmarkLoad(b *testing.B) {
	const perUnit = 10
	for range b.N {
		b.StopTimer()
		f := newFixture(b)
		units := f.plan.ResponsibleUnits()
		files := make([][][]byte, len(units))
		links := make([]string, len(units))
		for i, u := range units {
			links[i] = f.link(u.Code)
			for v := range perUnit {
				files[i] = append(files[i], f.filled(u.Code, func(r *samples.Return) { r.Filler.Phone = fmt.Sprintf("023-7%07d", v) }))
			}
		}
		client := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: len(units)}}
		lat := make([]time.Duration, 0, len(units)*perUnit)
		var mu sync.Mutex
		var wg sync.WaitGroup
		errs := make(chan error, len(units)*perUnit)
		b.StartTimer()
		start := time.Now()
		for i := range units {
			wg.Add(1)
			go func() {
				defer wg.Done()
				for v, data := range files[i] {
					t0 := time.Now()
					res, err := postUpload(client, links[i], fmt.Sprintf("%s-v%d.xlsx", units[i].Code, v+1), data)
					d := time.Since(t0)
					if err == nil && (res.Version == 0 || res.Duplicate) {
						err = fmt.Errorf("%s upload %d: version %d duplicate %v", units[i].Code, v+1, res.Version, res.Duplicate)
					}
					if err != nil {
						errs <- err
					}
					mu.Lock()
					lat = append(lat, d)
					mu.Unlock()
				}
			}()
		}
		wg.Wait()
		elapsed := time.Since(start)
		b.StopTimer()
		close(errs)
		for err := range errs {
			b.Fatal(err)
		}
		checkLoad(b, f, len(units), perUnit)
		sort.Slice(lat, func(i, j int) bool { return lat[i] < lat[j] })
		b.ReportMetric(float64(lat[len(lat)/2].Milliseconds()), "p50-ms")
		b.ReportMetric(float64(lat[len(lat)*95/100].Milliseconds()), "p95-ms")
		b.ReportMetric(float64(len(lat))/elapsed.Seconds(), "uploads/s")
		b.StartTimer()
	}
}

// checkLoad checks that every upload of the load was recorded exactly once.
func checkLoad(b *testing.B, f *fixture, units, perUnit int) {
	subs := f.submissions()
	versions := map[string][]int{}
	hashes := map[string]bool{}
	for _, s := range subs {
		versions[s.Unit] = append(versions[s.Unit], s.Version)
		if hashes[s.Hash] {
			b.Errorf("file %s recorded twice", s.Hash[:8])
		}
		hashes[s.Hash] = true
	}
	if len(subs) != units*perUnit || len(versions) != units {
		b.Fatalf("%d submissions of %d units recorded, want %d of %d", len(subs), len(versions), units*perUnit, units)
	}
	for unit, vs := range versions {
		sort.Ints(vs)
		for i, v := range vs {
			if v != i+1 {
				b.Fatalf("%s has versions %v", unit, vs)
			}
		}
	}
	uploads := 0
	for _, e := range f.events() {
		if e.Action == eventUpload {
			uploads++
		}
	}
	if uploads != units*perUnit {
		b.Fatalf("%d uploads in the audit trail, want %d", uploads, units*perUnit)
	}
}

// postUpload uploads through the API with client.
func postUpload(client *http.Client, link, name string, data []byte) (res struct {
	Version   int  `json:"version"`
	Duplicate bool `json:"duplicate"`
}, err error) {
	body, ctype := multipartBody(nil, []string{name}, [][]byte{data})
	req, _ := http.NewRequestWithContext(context.Background(), http.MethodPost, link+"upload", body)
	req.Header.Set("Content-Type", ctype)
	req.Header.Set("Accept", "application/json")
	resp, err := client.Do(req)
	if err != nil {
		return res, err
	}
	defer resp.Body.Close()
	if resp.StatusCode != 200 {
		return res, fmt.Errorf("%s: %s", name, resp.Status)
	}
	err = jsonDecode(resp.Body, &res)
	return res, err
}
