package org.fanout;

public final class Main {
    public static void main(String[] args) {
    }
}
