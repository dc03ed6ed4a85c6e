package dev.sieve.bench;

import java.nio.file.Files;
import java.nio.file.Path;

/** DumpView INPUT SIZE FILE: writes the first decoded view of a bench fixture (what the pack scans) to FILE. */
public final class DumpView {
    public static void main(String[] args) throws Exception {
        var views = ScanRounds.views(args[0], Integer.parseInt(args[1]));
        Files.write(Path.of(args[2]), views.get(0).getValue());
        System.out.println(views.size() + " views; wrote " + views.get(0).getKey());
    }
}
