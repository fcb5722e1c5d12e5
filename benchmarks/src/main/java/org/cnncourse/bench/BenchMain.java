package org.cnncourse.bench;

import picocli.CommandLine;

/** The benchmarks on their own: {@code bench memory} measures each network in a child JVM started here. */
public final class BenchMain {
    private BenchMain() {
    }

    public static void main(String[] args) {
        System.exit(new CommandLine(new BenchCommand()).execute(args));
    }
}
