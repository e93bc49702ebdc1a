// go-http: the Go peer of bench/http-vs-peers.sh. HEAD-checks a list of URLs the way a Go user
// would write it (and httpx works): one goroutine per URL, at most N in flight (a semaphore),
// net/http with keep-alive, a deadline per request. Writes url,status,latency_ms,error as CSV and
// a one-line summary on stderr.
//
//	go-http -pattern 'http://127.0.0.1:PORT/{a-z}{a-z}{a-z}' -c 1000 -timeout 5s -o out.csv
//	go-http -urls urls.txt -c 1000 -o out.csv
//
// Only loopback URLs are accepted (127.0.0.0/8, ::1, localhost); anything else is refused before
// a single request is sent.
package main

import (
	"bufio"
	"context"
	"errors"
	"flag"
	"fmt"
	"net"
	"net/http"
	"net/url"
	"os"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"
)

type result struct {
	url       string
	status    int
	latencyMs float64
	err       string
}

func main() {
	pattern := flag.String("pattern", "", "URL with {x-y} character ranges, expanded to every combination")
	urlsFile := flag.String("urls", "", "file of URLs, one a line")
	concurrency := flag.Int("c", 1000, "requests in flight at most")
	timeout := flag.Duration("timeout", 5*time.Second, "deadline per request")
	output := flag.String("o", "", "CSV output file (required)")
	flag.Parse()
	if *output == "" || (*pattern == "") == (*urlsFile == "") || *concurrency < 1 || *timeout <= 0 {
		fail("give -o and exactly one of -pattern or -urls; -c >= 1, -timeout > 0")
	}
	var urls []string
	var err error
	if *pattern != "" {
		urls, err = expand(*pattern)
	} else {
		urls, err = readLines(*urlsFile)
	}
	if err != nil {
		fail(err.Error())
	}
	for _, u := range urls {
		if err := checkLoopback(u); err != nil {
			fail(err.Error())
		}
	}

	transport := &http.Transport{
		Proxy:               nil, // never a proxy: the request must go to the loopback address itself
		DialContext:         (&net.Dialer{Timeout: *timeout}).DialContext,
		MaxIdleConns:        *concurrency,
		MaxIdleConnsPerHost: *concurrency, // the default (2) would reconnect for almost every request
		IdleConnTimeout:     30 * time.Second,
	}
	client := &http.Client{
		Transport:     transport,
		Timeout:       *timeout,
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
	}

	started := time.Now()
	results := make([]result, len(urls))
	sem := make(chan struct{}, *concurrency)
	var wg sync.WaitGroup
	for i, u := range urls {
		sem <- struct{}{}
		wg.Add(1)
		go func(i int, u string) {
			defer func() { <-sem; wg.Done() }()
			results[i] = head(client, u, *timeout)
		}(i, u)
	}
	wg.Wait()
	elapsed := time.Since(started)

	counts := map[string]int{}
	if err := writeCsv(*output, results, counts); err != nil {
		fail("writing " + *output + ": " + err.Error())
	}
	keys := make([]string, 0, len(counts))
	for k := range counts {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	parts := make([]string, len(keys))
	for i, k := range keys {
		parts[i] = fmt.Sprintf("%s=%d", k, counts[k])
	}
	fmt.Fprintf(os.Stderr, "go-http: %d URLs in %.3f s, concurrency %d: %s\n",
		len(urls), elapsed.Seconds(), *concurrency, strings.Join(parts, " "))
}

func head(client *http.Client, u string, timeout time.Duration) result {
	began := time.Now()
	ctx, cancel := context.WithTimeout(context.Background(), timeout)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodHead, u, nil)
	if err != nil {
		return result{url: u, err: err.Error()}
	}
	resp, err := client.Do(req)
	ms := float64(time.Since(began).Microseconds()) / 1000
	if err != nil {
		return result{url: u, latencyMs: ms, err: errorKind(err)}
	}
	resp.Body.Close() // a HEAD response has no body: the connection goes back to the pool
	return result{url: u, status: resp.StatusCode, latencyMs: ms}
}

func errorKind(err error) string {
	var ne net.Error
	switch {
	case errors.As(err, &ne) && ne.Timeout():
		return "timeout"
	case errors.Is(err, context.DeadlineExceeded):
		return "timeout"
	default:
		return "error: " + err.Error()
	}
}

// checkLoopback refuses every URL whose host is not a loopback address or "localhost". No name
// is looked up here, so nothing leaves the machine even for a refused URL.
func checkLoopback(raw string) error {
	u, err := url.Parse(raw)
	if err != nil {
		return fmt.Errorf("bad URL %q: %v", raw, err)
	}
	if u.Scheme != "http" {
		return fmt.Errorf("refused %q: only http:// URLs", raw)
	}
	host := u.Hostname()
	if host == "localhost" {
		return nil
	}
	if ip := net.ParseIP(host); ip != nil && ip.IsLoopback() {
		return nil
	}
	return fmt.Errorf("refused %q: not a loopback address (127.0.0.0/8, ::1, localhost)", raw)
}

// expand turns every {x-y} (single characters) into each character from x to y, in order.
func expand(pattern string) ([]string, error) {
	open := strings.IndexByte(pattern, '{')
	if open < 0 {
		return []string{pattern}, nil
	}
	end := strings.IndexByte(pattern[open:], '}')
	if end < 0 {
		return nil, fmt.Errorf("pattern %q: '{' without '}'", pattern)
	}
	spec := pattern[open+1 : open+end]
	if len(spec) != 3 || spec[1] != '-' || spec[0] > spec[2] {
		return nil, fmt.Errorf("pattern %q: want {x-y} with x <= y, got {%s}", pattern, spec)
	}
	rest, err := expand(pattern[open+end+1:])
	if err != nil {
		return nil, err
	}
	out := make([]string, 0, int(spec[2]-spec[0]+1)*len(rest))
	for c := spec[0]; ; c++ {
		for _, r := range rest {
			out = append(out, pattern[:open]+string(rune(c))+r)
		}
		if c == spec[2] {
			break
		}
	}
	return out, nil
}

func readLines(path string) ([]string, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var out []string
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if line := strings.TrimSpace(sc.Text()); line != "" && !strings.HasPrefix(line, "#") {
			out = append(out, line)
		}
	}
	return out, sc.Err()
}

func writeCsv(path string, results []result, counts map[string]int) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	w := bufio.NewWriterSize(f, 1<<16)
	// Every field quoted, as Fanout and the Python peers write it, so one checker reads all three.
	quoteAll := func(fields ...string) {
		for i, s := range fields {
			if i > 0 {
				w.WriteByte(',')
			}
			w.WriteString(`"` + strings.ReplaceAll(s, `"`, `""`) + `"`)
		}
		w.WriteByte('\n')
	}
	quoteAll("url", "status", "latency_ms", "error")
	for _, r := range results {
		status := ""
		if r.status != 0 {
			status = strconv.Itoa(r.status)
			counts[status]++
		} else {
			counts["failed"]++
		}
		quoteAll(r.url, status, strconv.FormatFloat(r.latencyMs, 'f', 1, 64), r.err)
	}
	if err := w.Flush(); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

func fail(msg string) {
	fmt.Fprintln(os.Stderr, "go-http: error: "+msg)
	os.Exit(2)
}
