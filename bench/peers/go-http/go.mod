module fanout.local/bench/gohttp

go 1.19
