package org.fanout.lab;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Weighted HTTP status codes for the lab server's default behaviour, written
 * {@code "200:90,404:5,500:3,301:2"}: each entry is {@code code:weight}, a bare {@code code}
 * means weight 1. Codes are 200-599, weights whole numbers 0-1000000, and at least one weight
 * must be positive. Spaces around entries are allowed.
 *
 * @param entries the codes with their weights, in the order given
 */
public record StatusMix(List<Entry> entries) {
    /** Everything answers 200. */
    public static final StatusMix ALL_OK = new StatusMix(List.of(new Entry(200, 1)));

    private static final int MAX_WEIGHT = 1_000_000;

    /** One code and its weight. */
    public record Entry(int status, int weight) {
        public Entry {
            if (status < 200 || status > 599) {
                throw new IllegalArgumentException("status " + status + " is outside 200-599");
            }
            if (weight < 0 || weight > MAX_WEIGHT) {
                throw new IllegalArgumentException(
                        "weight " + weight + " of status " + status + " is outside 0-" + MAX_WEIGHT);
            }
        }
    }

    public StatusMix {
        entries = List.copyOf(Objects.requireNonNull(entries, "entries"));
        if (entries.isEmpty()) {
            throw new IllegalArgumentException("status mix is empty");
        }
        Set<Integer> seen = new HashSet<>();
        long total = 0;
        for (Entry e : entries) {
            if (!seen.add(e.status())) {
                throw new IllegalArgumentException("status mix names status " + e.status() + " twice");
            }
            total += e.weight();
        }
        if (total == 0) {
            throw new IllegalArgumentException("status mix needs at least one positive weight");
        }
    }

    /**
     * Parses {@code "200:90,404:5,500:3,301:2"}.
     *
     * @throws IllegalArgumentException naming the bad entry and what is wrong with it
     */
    public static StatusMix parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("status mix is empty; expected e.g. 200:90,404:5,500:5");
        }
        List<Entry> entries = new ArrayList<>();
        for (String raw : text.split(",", -1)) {
            String item = raw.strip();
            if (item.isEmpty()) {
                throw new IllegalArgumentException("status mix '" + text + "' has an empty entry");
            }
            String[] parts = item.split(":", -1);
            if (parts.length > 2) {
                throw new IllegalArgumentException("status mix entry '" + item + "' should be code:weight");
            }
            int code = number(parts[0].strip(), "status code", item);
            int weight = parts.length == 2 ? number(parts[1].strip(), "weight", item) : 1;
            try {
                entries.add(new Entry(code, weight));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("status mix entry '" + item + "': " + e.getMessage(), e);
            }
        }
        try {
            return new StatusMix(entries);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(e.getMessage() + " in '" + text + "'", e);
        }
    }

    private static int number(String s, String what, String item) {
        if (s.isEmpty() || s.length() > 7 || !s.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new IllegalArgumentException(
                    "status mix entry '" + item + "': " + what + " '" + s + "' is not a whole number");
        }
        return Integer.parseInt(s);
    }

    public long totalWeight() {
        return entries.stream().mapToLong(Entry::weight).sum();
    }

    /** The share of {@code status} in this mix, 0..1. */
    public double share(int status) {
        return entries.stream()
                        .filter(e -> e.status() == status)
                        .mapToLong(Entry::weight)
                        .sum()
                / (double) totalWeight();
    }

    /** The status for a uniform number {@code u} in [0, 1): weights split [0, 1) in order. */
    public int pick(double u) {
        if (!(u >= 0 && u < 1)) {
            throw new IllegalArgumentException("u must be in [0, 1): " + u);
        }
        long total = totalWeight();
        double target = u * total;
        long cumulative = 0;
        for (Entry e : entries) {
            cumulative += e.weight();
            if (target < cumulative) {
                return e.status();
            }
        }
        // rounding at the very top: the last entry with a positive weight
        for (int i = entries.size() - 1; ; i--) {
            if (entries.get(i).weight() > 0) {
                return entries.get(i).status();
            }
        }
    }

    /** The canonical text form, which {@link #parse} reads back: {@code 200:90,404:5}. */
    @Override
    public String toString() {
        return entries.stream().map(e -> e.status() + ":" + e.weight()).collect(Collectors.joining(","));
    }
}
