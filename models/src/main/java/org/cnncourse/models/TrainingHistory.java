package org.cnncourse.models;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A run's history CSV, as {@code ./cnn-course train} writes it: one line per epoch and
 * implementation ("DL4J", "by hand"), with the held-out accuracy in a column named
 * {@code validation_accuracy} or, when nothing was held out, {@code test_accuracy}.
 */
public final class TrainingHistory {
    private TrainingHistory() {
    }

    /** Each implementation's epochs in file order; a malformed file is named with its line. */
    public static Map<String, List<EpochResult>> read(Path csv) throws IOException {
        List<String> lines = Files.readAllLines(csv);
        if (lines.isEmpty()) {
            throw new IOException(csv + " is empty: a training history starts with its header line");
        }
        List<String> header = List.of(lines.get(0).split(","));
        int implementation = column(header, "implementation", csv), epoch = column(header, "epoch", csv),
                trainLoss = column(header, "train_loss", csv), trainAccuracy = column(header, "train_accuracy", csv),
                heldOut = header.contains("validation_accuracy") ? column(header, "validation_accuracy", csv)
                        : column(header, "test_accuracy", csv),
                seconds = column(header, "seconds", csv), speed = column(header, "images_per_second", csv);
        Map<String, List<EpochResult>> runs = new LinkedHashMap<>();
        for (int i = 1; i < lines.size(); i++) {
            String[] cells = lines.get(i).split(",");
            if (cells.length != header.size()) {
                throw new IOException(csv + " line " + (i + 1) + " has " + cells.length + " cells where the header has "
                        + header.size() + ": '" + lines.get(i) + "'");
            }
            try {
                runs.computeIfAbsent(cells[implementation], k -> new ArrayList<>()).add(new EpochResult(
                        Integer.parseInt(cells[epoch]), Double.parseDouble(cells[trainLoss]),
                        Double.parseDouble(cells[trainAccuracy]), Double.parseDouble(cells[heldOut]),
                        Double.parseDouble(cells[seconds]), Double.parseDouble(cells[speed])));
            } catch (NumberFormatException e) {
                throw new IOException(csv + " line " + (i + 1) + " holds a cell that is not a number: '" + lines.get(i) + "'");
            }
        }
        return runs;
    }

    private static int column(List<String> header, String name, Path csv) throws IOException {
        int i = header.indexOf(name);
        if (i < 0) {
            throw new IOException(csv + " has no column '" + name + "' in its header " + header);
        }
        return i;
    }

    /** The training images/s of each of the implementation's epochs, in order; empty when it has none. */
    public static List<Double> imagesPerSecond(Map<String, List<EpochResult>> runs, String implementation) {
        return new ArrayList<>(runs.getOrDefault(implementation, List.of()).stream().map(EpochResult::imagesPerSecond).toList());
    }
}
